import { HttpSender, type SendOutcome } from '@aitracing/core/exporter-kit';
import type { OtlpSpan } from '../otlp-span';
import { OtlpTraceEncoder } from '../otlp-trace-encoder';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import type { SpanTransport, TransportOptions } from './span-transport';

/**
 * OTLP over HTTP, protobuf or JSON: our own encoding, delivered by the kit's
 * `HttpSender` (Node's `http`/`https` with kept-alive sockets, `fetch` where
 * Node's modules are missing; gzip; one deadline for the whole request).
 * One attempt per `send`; the queue retries.
 */
export class OtlpHttpTransport implements SpanTransport {
  readonly #json: boolean;
  readonly #encoder = new OtlpTraceEncoder();
  readonly #sender: HttpSender;

  constructor(options: TransportOptions) {
    this.#json = options.protocol === 'http/json';
    this.#sender = new HttpSender({
      url: options.url,
      headers: options.headers,
      timeoutMs: options.exportTimeoutMs,
      compression: options.compression,
      userAgent: `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
    });
  }

  async send(spans: readonly OtlpSpan[]): Promise<SendOutcome> {
    let body: Uint8Array | string;
    try {
      body = this.#json ? this.#encoder.encodeJson(spans) : this.#encoder.encodeProtobuf(spans);
    } catch (error) {
      return { status: 'failed', error };
    }
    return this.#sender.post(body, this.#json ? 'application/json' : 'application/x-protobuf');
  }

  shutdown(): Promise<void> {
    return this.#sender.shutdown();
  }
}
