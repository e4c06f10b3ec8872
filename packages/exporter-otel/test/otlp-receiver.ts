import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';

// The static protobuf root of the real opentelemetry-proto definitions, as
// shipped by @opentelemetry/otlp-transformer up to 0.216.x (aliased as a dev
// dependency: the package itself uses 0.223's serializer).
interface ProtoType {
  decode(buffer: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
  encode(message: unknown): { finish(): Uint8Array };
  create(properties: Record<string, unknown>): unknown;
}
const load = createRequire(import.meta.url);
const root = load('otlp-transformer-protos/build/src/generated/root.js') as {
  opentelemetry: {
    proto: {
      collector: { trace: { v1: Record<string, ProtoType> }; metrics: { v1: Record<string, ProtoType> } };
    };
  };
};
const MetricsRequestType = root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest!;
const traceV1 = root.opentelemetry.proto.collector.trace.v1;
const RequestType = traceV1.ExportTraceServiceRequest!;
const ResponseType = traceV1.ExportTraceServiceResponse!;

/** A decoded span, the same shape whatever the wire format. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; timeUnixNano: string; attributes: Record<string, unknown> }>;
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: { name: string; version: string };
}

/** A `gen_ai.evaluation.result` event and where it sits. */
export interface ReceivedEvaluation {
  readonly traceId: string;
  /** The span carrying the event */
  readonly spanId: string;
  /** That span's parent ('' for none) */
  readonly parentSpanId: string;
  readonly timeUnixNano: string;
  readonly attributes: Record<string, unknown>;
}

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  readonly contentType: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly spans: ReceivedSpan[];
}

/** What the receiver does with the next request. */
export type ReceiverAction =
  | { kind: 'accept' }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  /** Send the status line, headers and a first body byte, then nothing more (the answer never ends). */
  | { kind: 'trickle' }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number };

type KeyValue = { key: string; value: Record<string, unknown> };

function anyValue(value: Record<string, unknown> | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) {
    const values = ((value.arrayValue as { values?: Array<Record<string, unknown>> }).values ?? []) as Array<
      Record<string, unknown>
    >;
    return values.map(anyValue);
  }
  return undefined;
}

function attributesOf(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of (list ?? []) as KeyValue[]) out[key] = anyValue(value);
  return out;
}

function hex(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string')
    return /^[0-9a-f]*$/i.test(value) ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
  return Buffer.from(value as Uint8Array).toString('hex');
}

/** Normalise a decoded ExportTraceServiceRequest (protobuf or JSON) into ReceivedSpans. */
export function normalise(request: Record<string, unknown>): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of (request.resourceSpans ?? []) as Array<Record<string, unknown>>) {
    const resource = attributesOf(
      (resourceSpans.resource as { attributes?: unknown } | undefined)?.attributes,
    );
    for (const scopeSpans of (resourceSpans.scopeSpans ?? []) as Array<Record<string, unknown>>) {
      const scope = (scopeSpans.scope ?? {}) as { name?: string; version?: string };
      for (const span of (scopeSpans.spans ?? []) as Array<Record<string, unknown>>) {
        const status = (span.status ?? {}) as { code?: number; message?: string };
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: String(span.name),
          kind: Number(span.kind ?? 0),
          startTimeUnixNano: String(span.startTimeUnixNano),
          endTimeUnixNano: String(span.endTimeUnixNano),
          attributes: attributesOf(span.attributes),
          events: ((span.events ?? []) as Array<Record<string, unknown>>).map((event) => ({
            name: String(event.name),
            timeUnixNano: String(event.timeUnixNano),
            attributes: attributesOf(event.attributes),
          })),
          status: { code: Number(status.code ?? 0), message: status.message ?? '' },
          resource,
          scope: { name: scope.name ?? '', version: scope.version ?? '' },
        });
      }
    }
  }
  return spans;
}

function decodeProtobuf(body: Uint8Array): Record<string, unknown> {
  return RequestType.toObject(RequestType.decode(body), { longs: String, bytes: Array, defaults: false });
}

/** Decode an OTLP/HTTP trace request body (protobuf or JSON, gzip allowed) into ReceivedSpans. */
export function decodeTraceRequest(
  contentType: string,
  body: Buffer,
  contentEncoding?: string,
): ReceivedSpan[] {
  const raw = contentEncoding === 'gzip' ? gunzipSync(body) : body;
  const decoded = contentType.includes('json')
    ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
    : decodeProtobuf(raw);
  return normalise(decoded);
}

/** An encoded, empty ExportTraceServiceResponse (what a receiver answers). */
export function emptyProtobufResponse(): Buffer {
  return Buffer.from(ResponseType.encode(ResponseType.create({})).finish());
}

/**
 * A loopback OTLP receiver (HTTP and gRPC) that decodes the real wire format
 * and can be scripted to fail: statuses, Retry-After, hangs, resets, slowness.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Decoded ExportMetricsServiceRequest bodies received on /v1/metrics */
  readonly metricRequests: Array<Record<string, unknown>> = [];
  /** Actions for the next requests, in order; when empty, requests are accepted. */
  readonly script: ReceiverAction[] = [];
  attempts = 0;
  /** `Date.now()` of each request, in order. */
  readonly attemptTimes: number[] = [];
  #http: Server | undefined;
  #grpc: grpc.Server | undefined;
  #hanging: ServerResponse[] = [];

  get spans(): ReceivedSpan[] {
    return this.requests.flatMap((request) => request.spans);
  }

  /**
   * Every GenAI `gen_ai.evaluation.result` event received, with the trace,
   * span and parent of the span that carries it.
   */
  get evaluations(): ReceivedEvaluation[] {
    return this.spans.flatMap((span) =>
      span.events
        .filter((event) => event.name === 'gen_ai.evaluation.result')
        .map((event) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId,
          timeUnixNano: event.timeUnixNano,
          attributes: event.attributes,
        })),
    );
  }

  /** Start the HTTP receiver (on `port`, default any free one); returns its base URL. */
  async startHttp(port = 0): Promise<string> {
    this.#http = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#http!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}`;
  }

  /** Start the gRPC receiver; returns its URL. */
  async startGrpc(): Promise<string> {
    const server = new grpc.Server();
    server.addService(
      {
        Export: {
          path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
          requestStream: false,
          responseStream: false,
          requestSerialize: (value: unknown) => Buffer.from(RequestType.encode(value).finish()),
          requestDeserialize: (buffer: Buffer) => buffer,
          responseSerialize: (value: unknown) => Buffer.from(ResponseType.encode(value).finish()),
          responseDeserialize: (buffer: Buffer) => ResponseType.decode(buffer),
        },
      },
      {
        Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          this.attempts++;
          const metadata = call.metadata.getMap();
          this.requests.push({
            contentType: 'application/grpc',
            headers: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, String(value)])),
            spans: normalise(decodeProtobuf(call.request)),
          });
          callback(null, ResponseType.create({}));
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      ),
    );
    this.#grpc = server;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#hanging = [];
    if (this.#http !== undefined) {
      this.#http.closeAllConnections();
      await new Promise<void>((resolve) => this.#http!.close(() => resolve()));
    }
    if (this.#grpc !== undefined) this.#grpc.forceShutdown();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.attempts++;
    this.attemptTimes.push(Date.now());
    const action = this.script.shift() ?? { kind: 'accept' };
    if (action.kind === 'trickle') {
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '1000' });
      res.write(Buffer.alloc(1));
      this.#hanging.push(res);
      return;
    }
    if (action.kind === 'hang') {
      this.#hanging.push(res);
      return;
    }
    if (action.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (action.kind === 'status') {
      res.writeHead(action.status, { 'content-type': 'text/plain', ...action.headers }).end('fault');
      return;
    }
    if (action.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.url?.endsWith('/v1/metrics')) {
      const body = Buffer.concat(chunks);
      this.metricRequests.push(
        contentType.includes('json')
          ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>)
          : MetricsRequestType.toObject(MetricsRequestType.decode(body), { longs: String, defaults: false }),
      );
      res
        .writeHead(200, {
          'content-type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf',
        })
        .end(contentType.includes('json') ? '{}' : Buffer.alloc(0));
      return;
    }
    const spans = decodeTraceRequest(contentType, Buffer.concat(chunks), req.headers['content-encoding']);
    this.requests.push({ contentType, headers: req.headers, spans });
    if (contentType.includes('json')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(emptyProtobufResponse());
    }
  }
}
