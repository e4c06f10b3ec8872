import { runWithoutTracing } from './run-without-tracing';

/** The outcome of sending one batch. */
export type SendOutcome =
  | { readonly status: 'success' }
  | {
      readonly status: 'retryable';
      readonly error: unknown;
      /** How long the backend asked us to wait (its `Retry-After`), when it said. */
      readonly retryAfterMs?: number;
    }
  | { readonly status: 'failed'; readonly error: unknown };

/** Why spans were dropped. */
export type DropReason = 'queueFull' | 'rejected' | 'retriesExhausted' | 'shutdown';

/** Counters a user (or a test) can read to see that nothing was lost silently. */
export interface BatchQueueStats {
  /** Items accepted into the queue */
  accepted: number;
  /** Items the backend acknowledged */
  exported: number;
  /** Retry attempts of whole batches (the only place a batch is retried) */
  retries: number;
  /** Dropped items by reason */
  dropped: Record<DropReason, number>;
}

/** Settings of {@link BatchQueue}; every field is required (defaults live in the exporter options). */
export interface BatchQueueOptions {
  /** Items held at most; one more is dropped and counted as `queueFull`. */
  readonly maxQueueSize: number;
  /** Items per `send` call at most. */
  readonly maxBatchSize: number;
  /** How long an item waits for more to fill its batch. */
  readonly scheduledDelayMs: number;
  /** Send as soon as possible instead of waiting for the delay (serverless). */
  readonly immediate: boolean;
  /** How long a failing batch keeps being retried before it is dropped. */
  readonly maxRetryDurationMs: number;
  /** Called once per batch drop with the reason and the count. */
  readonly onDrop: (reason: DropReason, count: number, error?: unknown) => void;
}

/**
 * Sends one batch, once: classify the answer (see `httpOutcome` and
 * `networkOutcome`) and let the queue retry. Should never reject; a
 * rejection counts as `failed`.
 */
export type SendBatch<T> = (items: T[]) => Promise<SendOutcome>;

const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const JITTER = 0.2;
/** flush/close settle this much before their deadline, so a caller's own timer never beats them. */
const SETTLE_MARGIN_MS = 50;

interface PendingBatch<T> {
  readonly items: T[];
  readonly firstAttempt: number;
  attempts: number;
}

/** Reported through `onDrop` when a `Retry-After` points past the retry budget. */
class RetryAfterBeyondBudgetError extends Error {
  constructor(retryAfterMs: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${reason}; Retry-After asked for ${Math.round(retryAfterMs / 1000)} s, past the retry budget`);
    this.name = 'RetryAfterBeyondBudgetError';
  }
}

/**
 * A bounded queue that sends items in batches, one batch at a time, in
 * order. A full queue drops the newest item (counted). A batch that fails
 * with a retryable error is retried — here and nowhere else — after the
 * backend's `Retry-After` or an exponential backoff with jitter, until
 * `maxRetryDurationMs`; other failures drop it (counted).
 *
 * Timers: the scheduled batch delay and a retry nobody waits for are
 * unref'd (they never keep a process alive on their own); while a `flush()`
 * or `close()` is awaited, the retry timer and the deadline are ref'd, so the
 * awaited promise keeps the process alive until it settles.
 *
 * @example
 * ```ts
 * const queue = new BatchQueue<string>(
 *   { maxQueueSize: 2048, maxBatchSize: 512, scheduledDelayMs: 1000, immediate: false,
 *     maxRetryDurationMs: 60_000, onDrop: (reason, count) => log.error(`drop:${reason}`, `${count} dropped`) },
 *   async (lines) => {
 *     try {
 *       const response = await fetch(url, { method: 'POST', body: lines.join('\n') });
 *       return httpOutcome(response.status, response.headers.get('retry-after'));
 *     } catch (error) {
 *       return networkOutcome((error as { cause?: unknown }).cause ?? error);
 *     }
 *   },
 * );
 * ```
 */
export class BatchQueue<T> {
  /** Live counters: accepted, exported, retries and drops by reason. */
  readonly stats: BatchQueueStats = {
    accepted: 0,
    exported: 0,
    retries: 0,
    dropped: { queueFull: 0, rejected: 0, retriesExhausted: 0, shutdown: 0 },
  };
  readonly #options: BatchQueueOptions;
  readonly #send: SendBatch<T>;
  #queue: T[] = [];
  #retry: PendingBatch<T> | undefined;
  #sending = false;
  #timer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #idleWaiters: Array<() => void> = [];
  #closed = false;
  /** Set when close() timed out: whatever is still pending was counted as dropped. */
  #abandoned = false;
  #inFlight: PendingBatch<T> | undefined;
  #urgent = false;

  constructor(options: BatchQueueOptions, send: SendBatch<T>) {
    this.#options = options;
    this.#send = send;
  }

  /** Number of items waiting (queued plus a batch waiting to be retried). */
  get size(): number {
    return this.#queue.length + (this.#retry?.items.length ?? 0);
  }

  /** Items not yet delivered nor dropped: waiting, waiting for a retry, or in flight. */
  get pending(): number {
    return this.size + (this.#inFlight?.items.length ?? 0);
  }

  /** Queue one item; returns false when it was dropped (queue full or closed). */
  add(item: T): boolean {
    if (this.#closed) {
      this.stats.dropped.shutdown++;
      this.#options.onDrop('shutdown', 1);
      return false;
    }
    if (this.#queue.length >= this.#options.maxQueueSize) {
      this.stats.dropped.queueFull++;
      this.#options.onDrop('queueFull', 1);
      return false;
    }
    this.#queue.push(item);
    this.stats.accepted++;
    if (this.#options.immediate || this.#queue.length >= this.#options.maxBatchSize) this.#schedule(0);
    else this.#schedule(this.#options.scheduledDelayMs);
    return true;
  }

  /**
   * Send everything queued now. Resolves `true` when the queue is empty and
   * nothing is in flight, `false` when `timeoutMs` passed first (what is
   * pending stays queued and keeps being retried in the background).
   */
  flush(timeoutMs?: number): Promise<boolean> {
    this.#urgent = true;
    this.#clearTimer();
    void this.#pump();
    return this.#whenIdle(timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - SETTLE_MARGIN_MS));
  }

  /**
   * Stop accepting items, send what is queued, and after `timeoutMs` drop
   * whatever is still waiting or in flight — counted as `shutdown` and
   * reported through `onDrop` before the returned promise settles. Resolves
   * the number of items dropped that way.
   */
  async close(timeoutMs: number): Promise<number> {
    this.#closed = true;
    // Like flush, give up a little before the deadline, at once when that leaves no time: callers race
    // their own timers against this promise (core's registry, instance and dispatcher each do) and
    // must find the drops already counted and logged when theirs fire.
    if (timeoutMs - SETTLE_MARGIN_MS <= 0 && !this.#isIdle()) return this.#abandon();
    const idle = await this.flush(timeoutMs);
    return idle ? this.#stopTimers() : this.#abandon();
  }

  #stopTimers(): 0 {
    this.#clearTimer();
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    return 0;
  }

  #abandon(): number {
    this.#stopTimers();
    // A batch still in flight counts as dropped too; if it lands after all, the counters are corrected.
    const left = this.pending;
    this.#abandoned = true;
    this.#queue = [];
    this.#retry = undefined;
    if (left > 0) {
      this.stats.dropped.shutdown += left;
      this.#options.onDrop('shutdown', left);
    }
    this.#resolveIdle();
    return left;
  }

  #schedule(delayMs: number): void {
    if (this.#sending || this.#retry !== undefined) return;
    if (delayMs === 0) {
      this.#clearTimer();
      this.#timer = setTimeout(() => void this.#pump(), 0);
      this.#timer.unref?.(); // browsers and Workers hand out plain ids
      return;
    }
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => void this.#pump(), delayMs);
    this.#timer.unref?.(); // browsers and Workers hand out plain ids
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #pump(): Promise<void> {
    this.#timer = undefined;
    if (this.#sending || this.#retryTimer !== undefined || this.#abandoned) return;
    const batch = this.#retry ?? this.#takeBatch();
    if (batch === undefined) {
      this.#urgent = false;
      this.#resolveIdle();
      return;
    }
    this.#sending = true;
    this.#retry = undefined;
    this.#inFlight = batch;
    let outcome: SendOutcome;
    try {
      // Our own export requests never appear in (or under) the app's OpenTelemetry traces.
      outcome = await runWithoutTracing(() => this.#send(batch.items));
    } catch (error) {
      outcome = { status: 'failed', error };
    }
    this.#sending = false;
    this.#inFlight = undefined;
    batch.attempts++;
    if (this.#abandoned) {
      if (outcome.status === 'success') {
        this.stats.dropped.shutdown -= batch.items.length;
        this.stats.exported += batch.items.length;
      }
      return;
    }
    if (outcome.status === 'success') {
      this.stats.exported += batch.items.length;
    } else if (outcome.status === 'retryable') {
      const delay = this.#retryDelay(batch, outcome);
      if (typeof delay === 'number') {
        this.#retry = batch;
        this.stats.retries++;
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = undefined;
          void this.#pump();
        }, delay);
        // A retry someone awaits (flush/close) keeps the process alive; a background one does not.
        if (this.#idleWaiters.length === 0) this.#retryTimer.unref?.();
        return;
      }
      this.stats.dropped.retriesExhausted += batch.items.length;
      this.#options.onDrop('retriesExhausted', batch.items.length, delay ?? outcome.error);
    } else {
      this.stats.dropped.rejected += batch.items.length;
      this.#options.onDrop('rejected', batch.items.length, outcome.error);
    }
    if (this.#queue.length === 0) {
      this.#urgent = false;
      this.#resolveIdle();
    } else if (this.#urgent || this.#options.immediate || this.#queue.length >= this.#options.maxBatchSize) {
      void this.#pump();
    } else {
      this.#schedule(this.#options.scheduledDelayMs);
    }
  }

  /**
   * When to retry `batch`: the backend's `Retry-After` if it gave one, else
   * exponential backoff with jitter (cut to the budget). Not a number when
   * the budget is spent, or the backend asks for a wait past it: the batch
   * is dropped now rather than retried against the backend's wish.
   */
  #retryDelay(
    batch: PendingBatch<T>,
    outcome: { readonly error: unknown; readonly retryAfterMs?: number },
  ): number | Error | undefined {
    const left = batch.firstAttempt + this.#options.maxRetryDurationMs - Date.now();
    if (left <= 0) return undefined;
    const { retryAfterMs } = outcome;
    if (retryAfterMs !== undefined) {
      return retryAfterMs > left
        ? new RetryAfterBeyondBudgetError(retryAfterMs, outcome.error)
        : retryAfterMs;
    }
    const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** (batch.attempts - 1), MAX_BACKOFF_MS);
    return Math.min(backoff * (1 + (Math.random() * 2 - 1) * JITTER), left);
  }

  #takeBatch(): PendingBatch<T> | undefined {
    if (this.#queue.length === 0) return undefined;
    const items = this.#queue.splice(0, this.#options.maxBatchSize);
    return { items, firstAttempt: Date.now(), attempts: 0 };
  }

  #whenIdle(timeoutMs: number | undefined): Promise<boolean> {
    if (this.#isIdle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let deadline: NodeJS.Timeout | undefined;
      const waiter = () => {
        if (deadline !== undefined) clearTimeout(deadline);
        resolve(true);
      };
      this.#idleWaiters.push(waiter);
      // Someone awaits now: a pending retry must fire even if nothing else keeps the process alive.
      this.#retryTimer?.ref();
      if (timeoutMs === undefined) return;
      // Ref'd on purpose: this is the promise's own deadline.
      deadline = setTimeout(
        () => {
          this.#removeWaiter(waiter);
          resolve(false);
        },
        Math.max(0, timeoutMs),
      );
    });
  }

  #removeWaiter(waiter: () => void): void {
    this.#idleWaiters = this.#idleWaiters.filter((candidate) => candidate !== waiter);
    if (this.#idleWaiters.length === 0) this.#retryTimer?.unref?.();
  }

  #isIdle(): boolean {
    return this.#abandoned || (!this.#sending && this.size === 0);
  }

  #resolveIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
