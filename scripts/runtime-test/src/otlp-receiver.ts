import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as it arrived in OTLP/JSON. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly serviceName: string | undefined;
}

/** What the app reported after its `flush()` resolved, and the spans of its trace held at that moment. */
export interface FlushReport {
  readonly runtime: string;
  readonly currentBeforeAwait: boolean;
  readonly currentAfterAwait: boolean;
  readonly spansAtFlush: readonly ReceivedSpan[];
}

interface OtlpJsonAttribute {
  readonly key: string;
  readonly value: { readonly stringValue?: string };
}
interface OtlpJsonRequest {
  readonly resourceSpans?: ReadonlyArray<{
    readonly resource?: { readonly attributes?: readonly OtlpJsonAttribute[] };
    readonly scopeSpans?: ReadonlyArray<{
      readonly spans?: ReadonlyArray<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
      }>;
    }>;
  }>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  // What the browser build sends: content-type (application/json is not CORS-safelisted).
  'access-control-allow-headers': 'content-type',
};

/**
 * A loopback OTLP/HTTP receiver for OTLP/JSON at `/v1/traces`, answering CORS
 * preflights like a collector configured with `cors.allowed_origins: ['*']`.
 * Apps POST `/flushed?trace=…` once their `flush()` resolved: the receiver
 * records which spans of that trace it held at that moment.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly #reports = new Map<string, FlushReport>();
  readonly #server: Server;
  #url = '';

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  /** `http://127.0.0.1:<port>`, after `start()`. */
  get url(): string {
    return this.#url;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** The report of `traceId`'s flush, once the app sent it. */
  flushReport(traceId: string): FlushReport | undefined {
    return this.#reports.get(traceId);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.#url);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (url.pathname === '/v1/traces' && request.method === 'POST') {
      this.#collect(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJsonRequest);
      response.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (url.pathname === '/flushed') {
      const traceId = url.searchParams.get('trace') ?? '';
      this.#reports.set(traceId, {
        runtime: url.searchParams.get('runtime') ?? '',
        currentBeforeAwait: url.searchParams.get('before') === 'true',
        currentAfterAwait: url.searchParams.get('after') === 'true',
        spansAtFlush: this.spans.filter((span) => span.traceId === traceId),
      });
      response.writeHead(204, CORS_HEADERS).end();
      return;
    }
    response.writeHead(404, CORS_HEADERS).end();
  }

  #collect(body: OtlpJsonRequest): void {
    for (const resourceSpans of body.resourceSpans ?? []) {
      const serviceName = resourceSpans.resource?.attributes?.find(
        (attribute) => attribute.key === 'service.name',
      )?.value.stringValue;
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
            name: span.name,
            serviceName,
          });
        }
      }
    }
  }
}
