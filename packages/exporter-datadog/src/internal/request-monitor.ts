import diagnosticsChannel from 'node:diagnostics_channel';

// Paths of dd-trace's trace and LLM Observability payloads (agent and agentless).
const LLMOBS_PATHS = ['/evp_proxy/', '/api/v2/llmobs'];
const WATCHED_PATHS = ['/v0.4/traces', '/v0.5/traces', ...LLMOBS_PATHS];
// A request seen starting but never settling (no response, no error) stops
// counting as in flight after this long, so `idle()` cannot hang on it.
const STALE_AFTER_MS = 30_000;
const MAX_TRACKED = 256;

const START = 'http.client.request.start';
const RESPONSE = 'http.client.response.finish';
const ERROR = 'http.client.request.error';

interface RequestMessage {
  request?: { path?: unknown };
  response?: { statusCode?: unknown };
  error?: { code?: unknown; message?: unknown };
}

/** A dd-trace request that did not succeed: answered with an HTTP error, or failed on the network. */
export type RequestFailure =
  | { readonly kind: 'rejected'; readonly path: string; readonly status: number }
  | { readonly kind: 'failed'; readonly path: string; readonly code: string };

/** Told of each watched request's start and outcome (must not throw). */
export interface RequestListener {
  started(request: object, path: string): void;
  /** Answered: `ok` for a 2xx status */
  answered(request: object, ok: boolean): void;
  /** Failed on the network; dd-trace may retry it as a new request */
  failed(request: object): void;
}

/** Outcomes of dd-trace's requests seen so far. */
export interface RequestCounts {
  readonly succeeded: number;
  readonly rejected: number;
  readonly failed: number;
}

/**
 * Watches dd-trace's own HTTP requests to the agent or intake through Node's
 * built-in `http.client.*` diagnostics channels — read-only: nothing is traced
 * or changed. It counts outcomes (dd-trace drops a payload answered with an
 * HTTP error and retries only network errors) and tells when no payload is in
 * flight, so `flush()` can wait for delivery.
 */
export class RequestMonitor {
  readonly #inFlight = new Map<object, number>();
  #idleWaiters: Array<() => void> = [];
  #startWaiters: Array<() => void> = [];
  #llmobsStarts = 0;
  #succeeded = 0;
  #rejected = 0;
  #failed = 0;
  #started = false;
  readonly #onFailure: ((failure: RequestFailure) => void) | undefined;
  readonly #listener: RequestListener | undefined;

  /**
   * @param onFailure - told of every request that did not succeed (it must not throw)
   * @param listener - told of every watched request's start and outcome
   */
  constructor(onFailure?: (failure: RequestFailure) => void, listener?: RequestListener) {
    this.#onFailure = onFailure;
    this.#listener = listener;
  }

  readonly #onStart = (message: unknown): void => {
    const request = (message as RequestMessage).request;
    if (!isWatched(request) || this.#inFlight.size >= MAX_TRACKED) return;
    this.#inFlight.set(request, Date.now());
    this.#listener?.started(request, pathOf(request));
    if (LLMOBS_PATHS.some((prefix) => request.path.startsWith(prefix))) {
      this.#llmobsStarts += 1;
      const waiters = this.#startWaiters;
      this.#startWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  readonly #onResponse = (message: unknown): void => {
    const { request, response } = message as RequestMessage;
    if (request === undefined || !this.#inFlight.has(request)) return;
    const status = typeof response?.statusCode === 'number' ? response.statusCode : 0;
    this.#listener?.answered(request, status >= 200 && status < 300);
    if (status >= 200 && status < 300) {
      this.#succeeded += 1;
    } else {
      this.#rejected += 1;
      this.#report({ kind: 'rejected', path: pathOf(request), status });
    }
    this.#settle(request);
  };

  readonly #onError = (message: unknown): void => {
    const { request, error } = message as RequestMessage;
    if (request === undefined || !this.#inFlight.has(request)) return;
    this.#failed += 1;
    this.#listener?.failed(request);
    const code = typeof error?.code === 'string' ? error.code : 'network error';
    this.#report({ kind: 'failed', path: pathOf(request), code });
    this.#settle(request);
  };

  #report(failure: RequestFailure): void {
    try {
      this.#onFailure?.(failure);
    } catch {
      // Reporting is best effort: it never disturbs dd-trace's request.
    }
  }

  /** Outcomes so far. */
  get counts(): RequestCounts {
    return { succeeded: this.#succeeded, rejected: this.#rejected, failed: this.#failed };
  }

  /** LLM Observability requests seen starting so far. */
  get llmobsStarts(): number {
    return this.#llmobsStarts;
  }

  /**
   * Resolves once more than `seen` LLM Observability requests have started, or
   * after `timeoutMs`. Node publishes a request's start only once its socket
   * is connected, not when dd-trace creates it, hence this wait.
   */
  llmobsStarted(seen: number, timeoutMs: number): Promise<void> {
    if (this.#llmobsStarts > seen || !this.#started) return Promise.resolve();
    return new Promise((resolve) => {
      // Not unref'd: flush() awaits this (briefly), and an awaited wait keeps the process alive.
      const timer = setTimeout(resolve, timeoutMs);
      this.#startWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Start watching (idempotent). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    diagnosticsChannel.subscribe(START, this.#onStart);
    diagnosticsChannel.subscribe(RESPONSE, this.#onResponse);
    diagnosticsChannel.subscribe(ERROR, this.#onError);
  }

  /** Stop watching and release waiters. */
  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    diagnosticsChannel.unsubscribe(START, this.#onStart);
    diagnosticsChannel.unsubscribe(RESPONSE, this.#onResponse);
    diagnosticsChannel.unsubscribe(ERROR, this.#onError);
    this.#inFlight.clear();
    this.#wakeIdle();
    const waiters = this.#startWaiters;
    this.#startWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once no watched request is in flight (never rejects). */
  idle(): Promise<void> {
    this.#dropStale();
    if (this.#inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
    });
  }

  #settle(request: object): void {
    this.#inFlight.delete(request);
    this.#dropStale();
    if (this.#inFlight.size === 0) this.#wakeIdle();
  }

  #dropStale(): void {
    const now = Date.now();
    for (const [request, startedAt] of this.#inFlight) {
      if (now - startedAt > STALE_AFTER_MS) this.#inFlight.delete(request);
    }
  }

  #wakeIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function pathOf(request: { path?: unknown }): string {
  return typeof request.path === 'string' ? (request.path.split('?')[0] ?? '') : '';
}

function isWatched(request: RequestMessage['request']): request is { path: string } {
  const path = request?.path;
  return typeof path === 'string' && WATCHED_PATHS.some((prefix) => path.startsWith(prefix));
}
