import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeTraceRequest,
  emptyProtobufResponse,
  type ReceivedSpan,
} from '../../exporter-otel/test/otlp-receiver';

/** What the fake does with the next OTLP request. */
export type FakeAction =
  | { kind: 'accept' }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' };

/** An observation as Langfuse reads it from OTLP attributes (see PROTOCOLS.md). */
export interface LangfuseObservation {
  id: string;
  traceId: string;
  parentObservationId: string | undefined;
  name: string;
  type: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  level: string;
  statusMessage: string | undefined;
  model: string | undefined;
  modelParameters: unknown;
  usageDetails: Record<string, number> | undefined;
  /** Input tokens as Langfuse totals them: the sum of every usage key containing `input`. */
  inputUsage: number;
  /** Output tokens as Langfuse totals them: the sum of every usage key containing `output`. */
  outputUsage: number;
  costDetails: Record<string, number> | undefined;
  completionStartTime: string | undefined;
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown>;
  environment: string | undefined;
  release: string | undefined;
}

/** A trace as Langfuse assembles it from the trace-level attributes of its spans. */
export interface LangfuseTrace {
  id: string;
  name: string | undefined;
  userId: string | undefined;
  sessionId: string | undefined;
  tags: string[] | undefined;
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown>;
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function prefixed(attributes: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

// Langfuse's fallback when langfuse.observation.type is absent.
function typeFromGenAi(attributes: Record<string, unknown>): string {
  const operation = attributes['gen_ai.operation.name'];
  if (operation === 'chat' || operation === 'text_completion') return 'generation';
  if (operation === 'embeddings') return 'embedding';
  if (operation === 'invoke_agent') return 'agent';
  if (operation === 'execute_tool') return 'tool';
  if (attributes['gen_ai.request.model'] !== undefined || attributes['gen_ai.response.model'] !== undefined) {
    return 'generation';
  }
  return 'span';
}

// Langfuse's input and output usage: the sum of the usage-details keys that contain the word
// (`mapFilter(x -> positionCaseInsensitive(x.1, 'input') > 0, usage_details)` in its ClickHouse queries).
function usageSum(details: Record<string, number> | undefined, word: string): number {
  let sum = 0;
  for (const [key, value] of Object.entries(details ?? {}))
    if (key.toLowerCase().includes(word)) sum += value;
  return sum;
}

/** Read one span the way Langfuse's OTLP ingestion does. */
export function readObservation(span: ReceivedSpan): LangfuseObservation {
  const a = span.attributes;
  const usageFromGenAi: Record<string, number> = {};
  if (typeof a['gen_ai.usage.input_tokens'] === 'number')
    usageFromGenAi.input = a['gen_ai.usage.input_tokens'];
  if (typeof a['gen_ai.usage.output_tokens'] === 'number')
    usageFromGenAi.output = a['gen_ai.usage.output_tokens'];
  const usageDetails =
    (parse(a['langfuse.observation.usage_details']) as Record<string, number> | undefined) ??
    (Object.keys(usageFromGenAi).length > 0 ? usageFromGenAi : undefined);
  return {
    id: span.spanId,
    traceId: span.traceId,
    parentObservationId: span.parentSpanId === '' ? undefined : span.parentSpanId,
    name: span.name,
    type: (a['langfuse.observation.type'] as string | undefined) ?? typeFromGenAi(a),
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    level: (a['langfuse.observation.level'] as string | undefined) ?? 'DEFAULT',
    statusMessage: a['langfuse.observation.status_message'] as string | undefined,
    model: (a['langfuse.observation.model.name'] ??
      a['gen_ai.response.model'] ??
      a['gen_ai.request.model']) as string | undefined,
    modelParameters: parse(a['langfuse.observation.model.parameters']),
    usageDetails,
    inputUsage: usageSum(usageDetails, 'input'),
    outputUsage: usageSum(usageDetails, 'output'),
    costDetails: parse(a['langfuse.observation.cost_details']) as Record<string, number> | undefined,
    completionStartTime: a['langfuse.observation.completion_start_time'] as string | undefined,
    input: parse(a['langfuse.observation.input']),
    output: parse(a['langfuse.observation.output']),
    metadata: prefixed(a, 'langfuse.observation.metadata.'),
    environment: a['langfuse.environment'] as string | undefined,
    release: a['langfuse.release'] as string | undefined,
  };
}

/** Assemble traces from the trace-level attributes of all received spans. */
export function readTraces(spans: ReceivedSpan[]): Map<string, LangfuseTrace> {
  const traces = new Map<string, LangfuseTrace>();
  for (const span of spans) {
    const a = span.attributes;
    const trace = traces.get(span.traceId) ?? {
      id: span.traceId,
      name: undefined,
      userId: undefined,
      sessionId: undefined,
      tags: undefined,
      input: undefined,
      output: undefined,
      metadata: {},
    };
    trace.name = (a['langfuse.trace.name'] as string | undefined) ?? trace.name;
    trace.userId = (a['user.id'] as string | undefined) ?? trace.userId;
    trace.sessionId =
      (a['session.id'] as string | undefined) ??
      (a['gen_ai.conversation.id'] as string | undefined) ??
      trace.sessionId;
    trace.tags = (a['langfuse.trace.tags'] as string[] | undefined) ?? trace.tags;
    if (a['langfuse.trace.input'] !== undefined) trace.input = parse(a['langfuse.trace.input']);
    if (a['langfuse.trace.output'] !== undefined) trace.output = parse(a['langfuse.trace.output']);
    Object.assign(trace.metadata, prefixed(a, 'langfuse.trace.metadata.'));
    traces.set(span.traceId, trace);
  }
  return traces;
}

/**
 * A loopback server that plays Langfuse: the OTLP endpoint checks Basic auth,
 * content type and ingestion headers like Langfuse does (401 / 400), decodes
 * the body and keeps the spans; the score endpoint keeps score bodies.
 */
export class FakeLangfuse {
  readonly spans: ReceivedSpan[] = [];
  /** Content type and headers of every accepted OTLP request. */
  readonly requests: Array<{ contentType: string; headers: IncomingHttpHeaders }> = [];
  /** Score bodies Langfuse accepted (`POST /api/public/scores`), one per request. */
  readonly scores: Array<Record<string, unknown>> = [];
  readonly rejections: string[] = [];
  readonly script: FakeAction[] = [];
  /** What the fake does with the next score requests (then: accept). */
  readonly scoreScript: FakeAction[] = [];
  otlpAttempts = 0;
  scoreAttempts = 0;
  #server: Server | undefined;
  #hanging: ServerResponse[] = [];

  constructor(
    readonly publicKey = 'pk-lf-test',
    readonly secretKey = 'sk-lf-test',
  ) {}

  /** Start on a free loopback port; returns the base URL. */
  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  #authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.publicKey}:${this.secretKey}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (!this.#authorized(req)) {
      this.rejections.push(`401 ${req.url}`);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Invalid credentials"}');
      return;
    }
    if (req.method === 'POST' && req.url === '/api/public/scores') {
      this.#handleScore(req, body, res);
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/public/otel/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    this.otlpAttempts++;
    const action = this.script.shift() ?? { kind: 'accept' };
    if (action.kind === 'hang') {
      this.#hanging.push(res);
      return;
    }
    if (action.kind === 'status') {
      res.writeHead(action.status, { 'content-type': 'text/plain', ...action.headers }).end('fault');
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    const version = Number(req.headers['x-langfuse-ingestion-version'] ?? Number.NaN);
    const hasSdkHeaders = req.headers['x-langfuse-sdk-name'] !== undefined;
    if (!contentType.includes('application/json') && !contentType.includes('application/x-protobuf')) {
      this.rejections.push(`400 content-type ${contentType}`);
      res.writeHead(400).end('unsupported content type');
      return;
    }
    if (!hasSdkHeaders && !(version <= 4)) {
      this.rejections.push('400 ingestion version');
      res.writeHead(400).end('x-langfuse-ingestion-version must be at most 4');
      return;
    }
    const spans = decodeTraceRequest(contentType, body, req.headers['content-encoding']);
    if (spans.some((span) => !/^[0-9a-f]{32}$/.test(span.traceId) || !/^[0-9a-f]{16}$/.test(span.spanId))) {
      this.rejections.push('400 invalid ids');
      res.writeHead(400).end('invalid trace or span id');
      return;
    }
    this.spans.push(...spans);
    this.requests.push({ contentType, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(emptyProtobufResponse());
  }

  // Langfuse's CreateScoreRequest checks: one JSON object, a name, a value typed by dataType
  // (numbers for NUMERIC, 1/0 for BOOLEAN, text for CATEGORICAL); upsert on id.
  #handleScore(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    this.scoreAttempts++;
    const action = this.scoreScript.shift() ?? { kind: 'accept' };
    if (action.kind === 'hang') {
      this.#hanging.push(res);
      return;
    }
    if (action.kind === 'status') {
      res.writeHead(action.status, { 'content-type': 'text/plain', ...action.headers }).end('fault');
      return;
    }
    const problem = scoreProblem(String(req.headers['content-type'] ?? ''), body);
    if (problem !== undefined) {
      this.rejections.push(`400 score ${problem}`);
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: problem }));
      return;
    }
    const score = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const existing = this.scores.findIndex(
      (candidate) => score.id !== undefined && candidate.id === score.id,
    );
    if (existing >= 0) this.scores[existing] = score;
    else this.scores.push(score);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: score.id ?? 'new' }));
  }
}

function scoreProblem(contentType: string, body: Buffer): string | undefined {
  if (!contentType.includes('application/json')) return 'content type';
  let score: Record<string, unknown>;
  try {
    score = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'invalid JSON';
  }
  if (typeof score !== 'object' || score === null || Array.isArray(score)) return 'not an object';
  if (typeof score.name !== 'string' || score.name === '') return 'name';
  const dataType = score.dataType ?? 'NUMERIC';
  if (dataType === 'NUMERIC' && typeof score.value !== 'number') return 'numeric value';
  if (dataType === 'BOOLEAN' && score.value !== 0 && score.value !== 1) return 'boolean value';
  if (dataType === 'CATEGORICAL' && typeof score.value !== 'string') return 'categorical value';
  if (!['NUMERIC', 'BOOLEAN', 'CATEGORICAL'].includes(String(dataType))) return 'dataType';
  if (score.traceId === undefined && score.sessionId === undefined) return 'no target';
  return undefined;
}
