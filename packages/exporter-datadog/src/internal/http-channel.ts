import {
  BatchQueue,
  type DropReason,
  describeError,
  drainResponse,
  ExportTimeoutError,
  httpOutcome,
  type LogOnce,
  networkOutcome,
  type SendOutcome,
  safeUrl,
} from '@aitracing/core/exporter-kit';
import { ByteLimitedSend } from './byte-limited-send';

/** Queue and request bounds of one channel. */
export interface ChannelLimits {
  /** Items held at most; beyond, new ones are dropped and counted (`queueFull`) */
  readonly maxQueueSize: number;
  /** Items per batch at most */
  readonly maxBatchSize: number;
  /** How long an item waits for more to fill its batch */
  readonly scheduledDelayMs: number;
  /** Bound of one request as a whole, answer body included */
  readonly requestTimeoutMs: number;
  /** Bytes of one request body at most (a batch over it goes as several requests) */
  readonly maxRequestBytes: number;
  /** Bytes held at most (queued, in flight, waiting for a retry); beyond, new items are dropped (`queueFull`) */
  readonly maxQueueBytes: number;
}

/** One HTTP request of a batch. */
export interface ChannelRequest {
  readonly method: 'POST' | 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/** What a channel delivers, and how. */
export interface HttpChannelOptions<T> {
  /** Name in log lines, e.g. `APM` */
  readonly label: string;
  /** Never logged as is: {@link safeUrl} strips credentials and query */
  readonly url: string;
  readonly limits: ChannelLimits;
  /** How long a batch failing with a retryable error (408, 429, 5xx, network, timeout) is retried */
  readonly maxRetryDurationMs: number;
  /** Bytes an item adds to a request body */
  readonly sizeOf: (item: T) => number;
  /** The request carrying `items` (may throw: counted as a failed, not retried, batch) */
  readonly request: (items: T[]) => ChannelRequest;
  readonly log: LogOnce;
  /** What the items are, in log lines @defaultValue `'spans'` */
  readonly unit?: string;
  /** Where a shutdown drop is counted, in log lines @defaultValue `'getStats().spansDroppedByReason.shutdownTimeout'` */
  readonly shutdownCounter?: string;
}

/** Outcomes of a channel's requests. */
export interface ChannelRequestCounts {
  succeeded: number;
  rejected: number;
  failed: number;
}

/** Counters of a channel, in items (spans). */
export interface ChannelStats {
  readonly accepted: number;
  readonly delivered: number;
  /** Queued, in flight or waiting for a retry */
  readonly pending: number;
  readonly retries: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
  readonly requests: Readonly<ChannelRequestCounts>;
}

/**
 * One delivery channel to Datadog (LLM Observability span events, APM
 * spans) on core's delivery kit: a bounded {@link BatchQueue}, batches split
 * into requests within a byte limit, each request bounded as a whole in time;
 * 408, 429 (after `Retry-After`), 5xx, network errors and timeouts retried
 * for `maxRetryDurationMs`; every drop counted by reason and logged once per
 * cause. Never throws.
 */
export class HttpChannel<T> {
  readonly #options: HttpChannelOptions<T>;
  readonly #queue: BatchQueue<T>;
  readonly #bytes: ByteLimitedSend<T>;
  readonly #requests: ChannelRequestCounts = { succeeded: 0, rejected: 0, failed: 0 };
  readonly #inFlight = new Set<AbortController>();
  /** The last failed attempt, named when items are dropped at shutdown */
  #lastFailure: unknown;
  /** Bytes of the items held: queued, in flight or waiting for a retry */
  #heldBytes = 0;
  /** The batch the queue sent last, whose drop it may report next */
  #lastBatch: T[] | undefined;
  /** Items refused because `maxQueueBytes` was reached */
  #queueFullBytes = 0;

  constructor(options: HttpChannelOptions<T>) {
    this.#options = options;
    this.#bytes = new ByteLimitedSend<T>({
      maxRequestBytes: options.limits.maxRequestBytes,
      sizeOf: options.sizeOf,
      sendRequest: (items) => this.#send(items),
    });
    this.#queue = new BatchQueue<T>(
      {
        maxQueueSize: options.limits.maxQueueSize,
        maxBatchSize: options.limits.maxBatchSize,
        scheduledDelayMs: options.limits.scheduledDelayMs,
        immediate: false,
        maxRetryDurationMs: options.maxRetryDurationMs,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (items) => this.#sendBatch(items),
    );
  }

  /** Counters so far; drops at a shutdown that timed out are counted before `close` settles. */
  get stats(): ChannelStats {
    const queue = this.#queue.stats;
    const delivered = this.#bytes.delivered;
    return {
      accepted: queue.accepted,
      delivered:
        queue.exported +
        delivered.queueFull +
        delivered.rejected +
        delivered.retriesExhausted +
        delivered.shutdown,
      pending: this.#queue.pending,
      retries: queue.retries,
      dropped: {
        queueFull: queue.dropped.queueFull - delivered.queueFull + this.#queueFullBytes,
        rejected: queue.dropped.rejected - delivered.rejected,
        retriesExhausted: queue.dropped.retriesExhausted - delivered.retriesExhausted,
        shutdown: queue.dropped.shutdown - delivered.shutdown,
      },
      requests: { ...this.#requests },
    };
  }

  /** Queue one item (a full queue, in count or bytes, drops it, counted and logged once). */
  add(item: T): void {
    const bytes = this.#options.sizeOf(item);
    if (this.#heldBytes + bytes > this.#options.limits.maxQueueBytes) {
      this.#queueFullBytes += 1;
      this.#logDrop('queueFull', 1);
      return;
    }
    if (this.#queue.add(item)) this.#heldBytes += bytes;
  }

  /** Send what is queued; resolves `false` when `timeoutMs` passed first (the rest stays queued). */
  flush(timeoutMs: number): Promise<boolean> {
    return this.#queue.flush(timeoutMs);
  }

  /**
   * Send what is queued within `timeoutMs`, then drop the rest (counted as
   * `shutdown` before the promise settles) and abort requests in flight.
   * Resolves the number dropped.
   */
  async close(timeoutMs: number): Promise<number> {
    const dropped = await this.#queue.close(timeoutMs);
    this.#heldBytes = 0;
    for (const controller of this.#inFlight) controller.abort();
    return dropped;
  }

  async #send(items: T[]): Promise<SendOutcome> {
    let request: ChannelRequest;
    try {
      request = this.#options.request(items);
    } catch (error) {
      return { status: 'failed', error };
    }
    const controller = new AbortController();
    const timeoutMs = this.#options.limits.requestTimeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref();
    this.#inFlight.add(controller);
    try {
      const response = await fetch(this.#options.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      // The answer is read for nothing but freeing the connection.
      await drainResponse(response);
      const outcome = httpOutcome(response.status, response.headers.get('retry-after'));
      if (outcome.status === 'success') this.#requests.succeeded += 1;
      else {
        this.#requests.rejected += 1;
        this.#lastFailure = outcome.error;
      }
      return outcome;
    } catch (error) {
      this.#requests.failed += 1;
      // fetch wraps the network error; its cause carries the Node error code.
      const cause = controller.signal.aborted
        ? new ExportTimeoutError(timeoutMs)
        : ((error as { cause?: unknown }).cause ?? error);
      this.#lastFailure = cause;
      return networkOutcome(cause);
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  /** One batch through the byte-limited sender; its items stop counting as held once it is settled. */
  async #sendBatch(items: T[]): Promise<SendOutcome> {
    this.#lastBatch = items;
    const outcome = await this.#bytes.send(items);
    // A retryable batch stays held: the queue retries it, or reports its drop through onDrop.
    if (outcome.status !== 'retryable') this.#release(items);
    return outcome;
  }

  #release(items: readonly T[]): void {
    for (const item of items) this.#heldBytes -= this.#options.sizeOf(item);
    if (this.#heldBytes < 0) this.#heldBytes = 0;
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    if (reason === 'retriesExhausted' && this.#lastBatch !== undefined) this.#release(this.#lastBatch);
    this.#logDrop(reason, this.#bytes.lost(reason, count), error);
  }

  #logDrop(reason: DropReason, lost: number, error?: unknown): void {
    if (lost === 0) return;
    const { label, limits, maxRetryDurationMs } = this.#options;
    const unit = this.#options.unit ?? 'spans';
    const counter = this.#options.shutdownCounter ?? 'getStats().spansDroppedByReason.shutdownTimeout';
    const where = safeUrl(this.#options.url);
    const detail = error === undefined ? '' : ` (${describeError(error)})`;
    const last = this.#lastFailure === undefined ? '' : `; last failure: ${describeError(this.#lastFailure)}`;
    const message: Record<DropReason, string> = {
      queueFull: `Datadog exporter: the ${label} queue is full (${limits.maxQueueSize} ${unit} or ${limits.maxQueueBytes} bytes); new ${unit} are dropped and counted`,
      rejected: `Datadog exporter: ${where} rejected a batch of ${lost} ${label} ${unit}${detail}; not retried`,
      retriesExhausted: `Datadog exporter: dropped a batch of ${lost} ${label} ${unit} after retrying for ${maxRetryDurationMs} ms${detail}`,
      shutdown: `Datadog exporter: at shutdown, ${lost} ${unit === 'spans' ? 'span(s)' : unit} were not confirmed delivered (${label} ${unit} still queued or being retried${last}); counted in ${counter}`,
    };
    // One line per cause and channel; getStats() keeps the totals.
    if (reason === 'queueFull') this.#options.log.warn(`${label}-drop:${reason}`, message[reason]);
    else this.#options.log.error(`${label}-drop:${reason}`, message[reason]);
  }
}
