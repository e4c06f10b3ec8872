import type { ClientRequest, IncomingMessage } from 'node:http';
import type { SendOutcome } from './batch-queue';
import { ExportTimeoutError, httpOutcome, networkOutcome } from './delivery-failure';
import { drainResponse } from './drain-response';
import { isNodeHttpRuntime, loadNodeHttp, type NodeHttp, SENDS_USER_AGENT } from './load-node-http';

/** Options of {@link HttpSender}. */
export interface HttpSenderOptions {
  /** Where to POST (`http://` or `https://`). */
  readonly url: string;
  /** Request headers (API keys go here); their values are never logged or put in errors. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bound of one request as a whole: connecting, sending, waiting for the answer and reading its body. */
  readonly timeoutMs: number;
  /**
   * Compress the body. Where neither `node:zlib` nor `CompressionStream`
   * exists the body goes uncompressed (and without `content-encoding`).
   * @defaultValue `'none'`
   */
  readonly compression?: 'gzip' | 'none';
  /**
   * The `user-agent` header, e.g. `@aitracing/exporter-otel/0.2.0`. Not sent by
   * the browser build: browsers own that header, and a cross-origin endpoint
   * would have to allow it in its CORS preflight.
   */
  readonly userAgent?: string;
  /**
   * The HTTP client: Node's `http`/`https` (kept-alive sockets, TLS as Node
   * does it) or the global `fetch` (edge runtimes). `'auto'` takes Node's
   * where it loads and `fetch` otherwise.
   * @defaultValue `'auto'`
   */
  readonly client?: 'auto' | 'node' | 'fetch';
  /** Kept-alive sockets per sender (Node client). @defaultValue `2` */
  readonly maxSockets?: number;
}

// An answer's body is read only to drain the socket; never keep more.
const MAX_RESPONSE_BYTES = 64 * 1024;

async function gzipWithStreams(body: Uint8Array): Promise<Uint8Array | undefined> {
  if (typeof CompressionStream === 'undefined') return undefined;
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * One HTTP POST per `post()`, for exporters: optional gzip, headers, and one
 * deadline for the whole request (connect, send, answer and its body). The
 * answer is classified by status code with `httpOutcome` (2xx success; 408,
 * 429, 500, 502, 503, 504 retryable with the backend's `Retry-After`; other
 * statuses failed), failures before an answer by error code with
 * `networkOutcome`, a timeout as a retryable `ExportTimeoutError`. No
 * retries here: the `BatchQueue` retries. Uses Node's `http`/`https` with
 * kept-alive sockets where available (loaded on first use, so the kit still
 * loads where `node:` modules do not exist) and the global `fetch`
 * otherwise. `shutdown()` aborts what is in flight and closes every
 * kept-alive socket. Never rejects; header values never appear in errors.
 *
 * @example
 * ```ts
 * const sender = new HttpSender({ url: 'http://localhost:4318/v1/traces', timeoutMs: 10_000 });
 * const outcome = await sender.post(body, 'application/x-protobuf'); // SendOutcome for the BatchQueue
 * await sender.shutdown();
 * ```
 */
export class HttpSender {
  readonly #options: HttpSenderOptions;
  readonly #url: URL;
  readonly #node: Promise<NodeHttp | undefined>;
  readonly #inFlight = new Set<{ abort(error: Error): void }>();
  #closed = false;

  /** Throws a `TypeError` for a URL that does not parse. */
  constructor(options: HttpSenderOptions) {
    this.#options = options;
    this.#url = new URL(options.url);
    const client = options.client ?? 'auto';
    this.#node =
      client === 'fetch' || (client === 'auto' && !isNodeHttpRuntime())
        ? Promise.resolve(undefined)
        : loadNodeHttp(this.#url, options.maxSockets ?? 2).catch((error: unknown) => {
            if (client === 'node') throw error;
            return undefined;
          });
    // A failed load is reported by the first post; never an unhandled rejection.
    this.#node.catch(() => {});
  }

  /**
   * POST `body` with `content-type: contentType`, once. Settles with the
   * classified outcome; never rejects. After `shutdown()` it settles as
   * `failed` at once.
   */
  async post(body: Uint8Array | string, contentType: string): Promise<SendOutcome> {
    if (this.#closed) return { status: 'failed', error: new Error('sender is shut down') };
    let node: NodeHttp | undefined;
    let payload: Uint8Array;
    let gzipped = false;
    try {
      node = await this.#node;
      payload = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      if (this.#options.compression === 'gzip') {
        const zipped = node === undefined ? await gzipWithStreams(payload) : await node.gzip(payload);
        if (zipped !== undefined) {
          payload = zipped;
          gzipped = true;
        }
      }
    } catch (error) {
      return { status: 'failed', error };
    }
    if (this.#closed) return { status: 'failed', error: new Error('sender is shut down') };
    const headers: Record<string, string> = { ...this.#options.headers };
    headers['content-type'] = contentType;
    if (this.#options.userAgent !== undefined && SENDS_USER_AGENT)
      headers['user-agent'] = this.#options.userAgent;
    if (gzipped) headers['content-encoding'] = 'gzip';
    return node === undefined
      ? this.#postWithFetch(payload, headers)
      : this.#postWithNode(node, payload, headers);
  }

  /** Abort requests in flight (they settle at once) and close kept-alive sockets. Runs once; never rejects. */
  async shutdown(): Promise<void> {
    this.#closed = true;
    for (const request of this.#inFlight) request.abort(new Error('sender shut down'));
    this.#inFlight.clear();
    try {
      (await this.#node)?.agent.destroy();
    } catch {
      // Nothing was loaded, nothing to close.
    }
  }

  #postWithNode(node: NodeHttp, body: Uint8Array, headers: Record<string, string>): Promise<SendOutcome> {
    const { timeoutMs } = this.#options;
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      let request: ClientRequest;
      const handle = { abort: (error: Error) => request.destroy(error) };
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.#inFlight.delete(handle);
        resolve(outcome);
      };
      const fail = (error: unknown) => finish(networkOutcome(error));
      // One deadline for the whole exchange, body included: a receiver that
      // trickles its answer cannot stall the queue. Cleared on every outcome.
      const deadline = setTimeout(() => {
        const error = new ExportTimeoutError(timeoutMs);
        request.destroy(error);
        fail(error);
      }, timeoutMs);
      try {
        headers['content-length'] = String(body.byteLength);
        request = node.request(this.#url, { method: 'POST', headers, agent: node.agent });
      } catch (error) {
        fail(error);
        return;
      }
      this.#inFlight.add(handle);
      request.on('error', fail);
      request.on('response', (response: IncomingMessage) => {
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

  async #postWithFetch(body: Uint8Array, headers: Record<string, string>): Promise<SendOutcome> {
    const { timeoutMs } = this.#options;
    const controller = new AbortController();
    let reason: Error | undefined;
    const handle = {
      abort: (error: Error) => {
        reason = error;
        controller.abort(error);
      },
    };
    const deadline = setTimeout(() => handle.abort(new ExportTimeoutError(timeoutMs)), timeoutMs);
    this.#inFlight.add(handle);
    try {
      const response = await fetch(this.#url, {
        method: 'POST',
        headers,
        body: body as Uint8Array<ArrayBuffer>,
        signal: controller.signal,
      });
      await drainResponse(response, MAX_RESPONSE_BYTES);
      return httpOutcome(response.status, response.headers.get('retry-after'));
    } catch (error) {
      if (reason !== undefined) return networkOutcome(reason);
      // fetch wraps the network error; its cause carries the code.
      const cause = (error as { cause?: unknown } | null)?.cause;
      return networkOutcome(cause ?? error);
    } finally {
      clearTimeout(deadline);
      this.#inFlight.delete(handle);
    }
  }
}
