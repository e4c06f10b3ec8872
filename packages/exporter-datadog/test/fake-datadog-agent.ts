import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode } from '@msgpack/msgpack';
import { type AgentEvaluation, checkEvaluationPayload } from './evaluation-payload';

export type { AgentEvaluation } from './evaluation-payload';

/** Where the agent's EVP proxy takes evaluation metrics (dd-trace's evaluation writer). */
export const EVALUATION_PATH = '/evp_proxy/v2/api/intake/llm-obs/v2/eval-metric';

/** One APM span as decoded from a `/v0.4/traces` msgpack payload. */
export interface AgentApmSpan {
  readonly trace_id: bigint;
  readonly span_id: bigint;
  readonly parent_id: bigint;
  readonly name: string;
  readonly resource: string;
  readonly service: string;
  readonly type?: string;
  readonly error: number;
  /** Epoch nanoseconds */
  readonly start: bigint;
  /** Nanoseconds */
  readonly duration: bigint;
  readonly meta: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
}

/** One LLM Observability span event as posted to `/evp_proxy/v2/api/v2/llmobs`. */
export interface AgentLLMObsSpan {
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_id: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly start_ns: number;
  readonly duration: number;
  readonly status: 'ok' | 'error';
  readonly session_id?: string;
  readonly meta: {
    readonly 'span.kind': string;
    readonly input?: {
      readonly value?: string;
      readonly messages?: readonly { role: string; content: string }[];
      /** LLM spans: the prompt (dd-trace's `annotate({ prompt })`) */
      readonly prompt?: Readonly<Record<string, unknown>>;
    };
    readonly output?: {
      readonly value?: string;
      readonly messages?: readonly { role: string; content: string }[];
    };
    readonly model_name?: string;
    readonly model_provider?: string;
    readonly metadata?: Readonly<Record<string, unknown>>;
    readonly 'error.message'?: string;
    readonly 'error.type'?: string;
    readonly 'error.stack'?: string;
  };
  readonly metrics: Readonly<Record<string, number>>;
}

/** A request the agent received. */
export interface AgentRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Size of its body */
  readonly bodyBytes: number;
  /** When it arrived, epoch milliseconds */
  readonly at: number;
}

/** A canned answer to an LLM Observability payload. */
export interface CannedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const LLMOBS_KINDS = new Set(['llm', 'agent', 'tool', 'task', 'workflow', 'embedding', 'retrieval']);
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A Datadog agent on loopback for protocol tests. It decodes what the exporter (and dd-trace)
 * sends and applies the checks Datadog's own test agent makes; a payload that
 * fails a check is answered `400` and the failure recorded in `violations`.
 *
 * - `GET /info`: the endpoints dd-trace looks for (`/v0.4/traces`, `/evp_proxy/v2/`);
 * - `PUT /v0.4/traces`: msgpack; `X-Datadog-Trace-Count` matches, ids are
 *   unsigned 64-bit integers, `meta` values strings, `metrics` numbers,
 *   `error` 0 or 1, `start`/`duration` integer nanoseconds, one trace id per chunk;
 * - `POST /evp_proxy/v2/api/v2/llmobs`: JSON span events with a known kind,
 *   string ids (`"undefined"` parent for roots), `key:value` tags including
 *   `ml_app`, `service` and `env`, `start_ns`/`duration`, status `ok`/`error`;
 * - `POST /evp_proxy/v2/api/intake/llm-obs/v2/eval-metric`: evaluation metrics (see
 *   `checkEvaluationPayload`);
 * - remote configuration and telemetry endpoints answer `200`/`202`.
 */
export class FakeDatadogAgent {
  readonly apmTraces: AgentApmSpan[][] = [];
  readonly llmobsSpans: AgentLLMObsSpan[] = [];
  /** Evaluation metrics accepted, in arrival order */
  readonly evaluations: AgentEvaluation[] = [];
  readonly requests: AgentRequest[] = [];
  readonly violations: string[] = [];
  /** Headers of every `/v0.4/traces` payload accepted */
  readonly apmHeaders: Array<Readonly<Record<string, string | string[] | undefined>>> = [];
  readonly #server: Server;
  #rejectStatus: number | undefined;
  #canned: CannedAnswer[] = [];
  #cannedApm: CannedAnswer[] = [];
  #cannedEvaluations: CannedAnswer[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Listen on 127.0.0.1 (`port` 0: any free port). */
  static async start(port = 0): Promise<FakeDatadogAgent> {
    let agent: FakeDatadogAgent | undefined;
    const server = createServer((request, response) => {
      agent?.handle(request, response);
    });
    agent = new FakeDatadogAgent(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return agent;
  }

  /** The port it listens on. */
  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every APM span received, in arrival order. */
  get apmSpans(): AgentApmSpan[] {
    return this.apmTraces.flat();
  }

  /** Answer every trace and LLM Observability payload with `status` (undefined: accept again). */
  rejectPayloadsWith(status: number | undefined): void {
    this.#rejectStatus = status;
  }

  /** Answer the next LLM Observability payloads with these, in order (then accept again). */
  answerNextLLMObsPayloads(answers: readonly CannedAnswer[]): void {
    this.#canned.push(...answers);
  }

  /** Answer the next evaluation payloads with these, in order (then accept again). */
  answerNextEvaluationPayloads(answers: readonly CannedAnswer[]): void {
    this.#cannedEvaluations.push(...answers);
  }

  /** Answer the next APM trace payloads with these, in order (then accept again). */
  answerNextApmPayloads(answers: readonly CannedAnswer[]): void {
    this.#cannedApm.push(...answers);
  }

  /** Resolve once `predicate()` holds; reject after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake agent: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stop listening and drop open connections. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (request.url ?? '').split('?')[0] ?? '';
      const method = request.method ?? 'GET';
      let status = 404;
      let answer = '';
      let headers: Readonly<Record<string, string>> = {};
      const canned = path.includes('/llmobs')
        ? this.#canned.shift()
        : path === '/v0.4/traces'
          ? this.#cannedApm.shift()
          : path === EVALUATION_PATH
            ? this.#cannedEvaluations.shift()
            : undefined;
      try {
        if (method === 'GET' && path === '/info') {
          status = 200;
          answer = JSON.stringify({ version: 'fake', endpoints: ['/v0.4/traces', '/evp_proxy/v2/'] });
        } else if (canned !== undefined) {
          status = canned.status;
          headers = canned.headers ?? {};
          answer = 'canned by the test';
        } else if (
          this.#rejectStatus !== undefined &&
          (path === '/v0.4/traces' || path.includes('/llmobs'))
        ) {
          status = this.#rejectStatus;
          answer = 'rejected by the test';
        } else if (method === 'PUT' && path === '/v0.4/traces') {
          const problems = this.receiveTraces(request, body);
          status = problems.length === 0 ? 200 : 400;
          answer = problems.length === 0 ? JSON.stringify({ rate_by_service: {} }) : problems.join('\n');
        } else if (method === 'POST' && path === '/evp_proxy/v2/api/v2/llmobs') {
          const problems = this.receiveLLMObs(request, body);
          status = problems.length === 0 ? 202 : 400;
          answer = problems.length === 0 ? '{}' : problems.join('\n');
        } else if (method === 'POST' && path === EVALUATION_PATH) {
          const problems: string[] = [];
          const metrics = checkEvaluationPayload(request.headers, body, problems);
          if (problems.length === 0) this.evaluations.push(...metrics);
          else this.violations.push(...problems);
          status = problems.length === 0 ? 202 : 400;
          answer = problems.length === 0 ? '{}' : problems.join('\n');
        } else if (path === '/v0.7/config') {
          status = 200;
          answer = '{}';
        } else if (path === '/telemetry/proxy/api/v2/apmtelemetry') {
          status = 202;
        }
      } catch (error) {
        status = 400;
        answer = String(error);
        this.violations.push(`${method} ${path}: ${String(error)}`);
      }
      this.requests.push({ method, path, status, bodyBytes: body.length, at: Date.now() });
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(answer);
    });
  }

  private receiveTraces(request: IncomingMessage, body: Buffer): string[] {
    const problems: string[] = [];
    if (request.headers['content-type'] !== 'application/msgpack')
      problems.push('content-type is not msgpack');
    if (request.headers['datadog-meta-lang'] !== 'nodejs') problems.push('Datadog-Meta-Lang is not nodejs');
    if (typeof request.headers['datadog-meta-tracer-version'] !== 'string') {
      problems.push('Datadog-Meta-Tracer-Version missing');
    }
    const traces = decode(body, { useBigInt64: true }) as unknown;
    if (!Array.isArray(traces)) return [...problems, 'payload is not a list of traces'];
    if (request.headers['x-datadog-trace-count'] !== String(traces.length)) {
      problems.push(
        `X-Datadog-Trace-Count ${request.headers['x-datadog-trace-count']} != ${traces.length} traces`,
      );
    }
    const accepted: AgentApmSpan[][] = [];
    for (const trace of traces) {
      if (!Array.isArray(trace) || trace.length === 0) {
        problems.push('a trace is not a non-empty list of spans');
        continue;
      }
      const spans = trace.map((span: unknown) => checkApmSpan(span, problems));
      const traceIds = new Set(spans.map((span) => span.trace_id));
      if (traceIds.size !== 1) problems.push('spans of one trace chunk have different trace ids');
      accepted.push(spans);
    }
    if (problems.length === 0) {
      this.apmTraces.push(...accepted);
      this.apmHeaders.push({ ...request.headers });
    } else this.violations.push(...problems);
    return problems;
  }

  private receiveLLMObs(request: IncomingMessage, body: Buffer): string[] {
    const problems: string[] = [];
    if (request.headers['x-datadog-evp-subdomain'] !== 'llmobs-intake') {
      problems.push('X-Datadog-EVP-Subdomain is not llmobs-intake');
    }
    if (!String(request.headers['content-type']).startsWith('application/json')) problems.push('not JSON');
    const payload = JSON.parse(body.toString('utf8')) as unknown;
    const events = Array.isArray(payload) ? payload : [payload];
    const accepted: AgentLLMObsSpan[] = [];
    for (const event of events) {
      const record = event as { event_type?: unknown; spans?: unknown };
      if (record.event_type !== 'span' || !Array.isArray(record.spans)) {
        problems.push('an event is not { event_type: "span", spans: [...] }');
        continue;
      }
      for (const span of record.spans) accepted.push(checkLLMObsSpan(span, problems));
    }
    if (problems.length === 0) this.llmobsSpans.push(...accepted);
    else this.violations.push(...problems);
    return problems;
  }
}

function isUint64(value: unknown): boolean {
  if (typeof value === 'bigint') return value >= 0n && value <= UINT64_MAX;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isInteger(value: unknown): boolean {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value));
}

function checkApmSpan(value: unknown, problems: string[]): AgentApmSpan {
  const span = value as Record<string, unknown>;
  const where = `span ${String(span.name)}`;
  for (const key of ['trace_id', 'span_id', 'parent_id']) {
    if (!isUint64(span[key])) problems.push(`${where}: ${key} is not an unsigned 64-bit integer`);
  }
  if (BigInt(span.span_id as bigint) === 0n) problems.push(`${where}: span_id is 0`);
  for (const key of ['name', 'resource', 'service']) {
    if (typeof span[key] !== 'string' || span[key] === '') problems.push(`${where}: ${key} is not a string`);
  }
  if (span.type !== undefined && typeof span.type !== 'string')
    problems.push(`${where}: type is not a string`);
  if (span.error !== 0 && span.error !== 1) problems.push(`${where}: error is not 0 or 1`);
  if (!isInteger(span.start) || BigInt(span.start as bigint) < 10n ** 18n) {
    problems.push(`${where}: start is not epoch nanoseconds`);
  }
  if (!isInteger(span.duration) || BigInt(span.duration as bigint) < 0n) {
    problems.push(`${where}: duration is not non-negative integer nanoseconds`);
  }
  for (const [key, item] of Object.entries((span.meta ?? {}) as Record<string, unknown>)) {
    if (typeof item !== 'string') problems.push(`${where}: meta.${key} is not a string`);
  }
  for (const [key, item] of Object.entries((span.metrics ?? {}) as Record<string, unknown>)) {
    if (typeof item !== 'number' || !Number.isFinite(item))
      problems.push(`${where}: metrics.${key} is not a number`);
  }
  return {
    ...(span as unknown as AgentApmSpan),
    trace_id: BigInt(span.trace_id as bigint),
    span_id: BigInt(span.span_id as bigint),
    parent_id: BigInt(span.parent_id as bigint),
    start: BigInt(span.start as bigint),
    duration: BigInt(span.duration as bigint),
  };
}

function checkLLMObsSpan(value: unknown, problems: string[]): AgentLLMObsSpan {
  const span = value as AgentLLMObsSpan;
  const where = `llmobs span ${String(span.name)}`;
  if (typeof span.trace_id !== 'string' || !/^[0-9a-f]{32}$/.test(span.trace_id)) {
    problems.push(`${where}: trace_id is not 128-bit hex`);
  }
  if (typeof span.span_id !== 'string' || !/^\d+$/.test(span.span_id)) problems.push(`${where}: bad span_id`);
  if (typeof span.parent_id !== 'string' || !/^(\d+|undefined)$/.test(span.parent_id)) {
    problems.push(`${where}: parent_id is neither an id nor "undefined"`);
  }
  if (typeof span.name !== 'string' || span.name === '') problems.push(`${where}: name missing`);
  if (!LLMOBS_KINDS.has(span.meta?.['span.kind'])) problems.push(`${where}: unknown span.kind`);
  if (!Array.isArray(span.tags) || span.tags.some((tag) => typeof tag !== 'string' || !tag.includes(':'))) {
    problems.push(`${where}: tags are not key:value strings`);
  } else {
    for (const key of ['ml_app', 'service', 'env']) {
      if (!span.tags.some((tag) => tag.startsWith(`${key}:`))) problems.push(`${where}: no ${key} tag`);
    }
  }
  if (typeof span.start_ns !== 'number' || span.start_ns < 1e18)
    problems.push(`${where}: start_ns not epoch ns`);
  if (typeof span.duration !== 'number' || span.duration < 0) problems.push(`${where}: bad duration`);
  if (span.status !== 'ok' && span.status !== 'error') problems.push(`${where}: status is not ok/error`);
  for (const [key, item] of Object.entries(span.metrics ?? {})) {
    if (typeof item !== 'number') problems.push(`${where}: metrics.${key} is not a number`);
  }
  return span;
}
