import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { gzip } from 'node:zlib';
import {
  ExportTimeoutError,
  httpOutcome,
  networkOutcome,
  type SendOutcome,
} from '@aitracing/core/exporter-kit';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import type { SpanTransport, TransportOptions } from './span-transport';

// An error body is read for nothing but draining the socket; never keep more.
const MAX_RESPONSE_BYTES = 64 * 1024;

function gzipAsync(body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    gzip(body, (error, zipped) => (error ? reject(error) : resolve(zipped))),
  );
}

/**
 * OTLP over HTTP (protobuf or JSON) with Node's own `http`/`https`, serialised
 * by the official `@opentelemetry/otlp-transformer`. One attempt per `send`
 * (retries are the queue's), bounded as a whole by `exportTimeoutMs`:
 * connecting, sending, waiting for the answer and reading its body. The
 * answer is classified by status code (2xx success; 408, 429, 500, 502, 503,
 * 504 retryable with the `Retry-After` passed up; other statuses failed) and
 * failures before an answer by Node error code. `shutdown()` aborts what is
 * in flight and closes every kept-alive socket.
 */
export class OtlpHttpTransport implements SpanTransport {
  readonly #options: TransportOptions;
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #inFlight = new Set<ClientRequest>();
  #closed = false;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#url = new URL(options.url);
    const agentOptions = { keepAlive: true, maxSockets: 2 };
    this.#agent =
      this.#url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  async send(spans: ReadableSpan[]): Promise<SendOutcome> {
    if (this.#closed) return { status: 'failed', error: new Error('transport is shut down') };
    const json = this.#options.protocol === 'http/json';
    let body: Uint8Array | undefined;
    try {
      body = (json ? JsonTraceSerializer : ProtobufTraceSerializer).serializeRequest(spans);
      if (body === undefined) return { status: 'failed', error: new Error('spans could not be serialised') };
      if (this.#options.compression === 'gzip') body = await gzipAsync(body);
    } catch (error) {
      return { status: 'failed', error };
    }
    const headers: Record<string, string | number> = {
      ...this.#options.headers,
      'content-type': json ? 'application/json' : 'application/x-protobuf',
      'content-length': body.byteLength,
      'user-agent': `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
    };
    if (this.#options.compression === 'gzip') headers['content-encoding'] = 'gzip';
    return this.#post(body, headers);
  }

  /** Abort requests in flight (their batch is settled as retryable) and close idle sockets. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    for (const request of this.#inFlight) request.destroy(new Error('transport shut down'));
    this.#inFlight.clear();
    this.#agent.destroy();
  }

  #post(body: Uint8Array, headers: Record<string, string | number>): Promise<SendOutcome> {
    const { exportTimeoutMs } = this.#options;
    const send = this.#url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const request = send(this.#url, { method: 'POST', headers, agent: this.#agent });
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.#inFlight.delete(request);
        resolve(outcome);
      };
      const fail = (error: unknown) => finish(networkOutcome(error));
      // One deadline for the whole exchange, body included: a receiver that
      // trickles its answer cannot stall the queue. Cleared on every outcome.
      const deadline = setTimeout(() => {
        const error = new ExportTimeoutError(exportTimeoutMs);
        request.destroy(error);
        fail(error);
      }, exportTimeoutMs);
      this.#inFlight.add(request);
      request.on('error', fail);
      request.on('response', (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete && received <= MAX_RESPONSE_BYTES) {
            fail(Object.assign(new Error('the receiver closed the answer early'), { code: 'ECONNRESET' }));
            return;
          }
          finish(httpOutcome(response.statusCode ?? 0, response.headers['retry-after']));
        });
      });
      request.end(body);
    });
  }
}
