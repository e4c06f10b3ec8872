/** The outcome of sending one batch. */
export type SendOutcome =
  | { readonly status: 'success' }
  | { readonly status: 'retryable'; readonly error: unknown }
  | { readonly status: 'failed'; readonly error: unknown };

/** Why spans were dropped. */
export type DropReason = 'queueFull' | 'rejected' | 'retriesExhausted' | 'shutdown';

/** Counters a user (or a test) can read to see that nothing was lost silently. */
export interface BatchQueueStats {
  /** Items accepted into the queue */
  accepted: number;
  /** Items the backend acknowledged */
  exported: number;
  /** Retry attempts of whole batches (after the transport's own retries) */
  retries: number;
  /** Dropped items by reason */
  dropped: Record<DropReason, number>;
}

/** Settings of {@link BatchQueue}; every field is required (defaults live in the exporter options). */
export interface BatchQueueOptions {
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly scheduledDelayMs: number;
  /** Send as soon as possible instead of waiting for the delay (serverless). */
  readonly immediate: boolean;
  /** How long a failing batch keeps being retried before it is dropped. */
  readonly maxRetryDurationMs: number;
  /** Called once per batch drop with the reason and the count. */
  readonly onDrop: (reason: DropReason, count: number, error?: unknown) => void;
}

const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const JITTER = 0.2;

interface PendingBatch<T> {
  readonly items: T[];
  readonly firstAttempt: number;
  attempts: number;
}

/**
 * A bounded queue that sends items in batches, one batch at a time, in
 * order. A full queue drops the newest item (counted). A batch that fails
 * with a retryable error is retried with exponential backoff and jitter until
 * `maxRetryDurationMs`; other failures drop it (counted). Timers are unref'd.
 */
export class BatchQueue<T> {
  readonly stats: BatchQueueStats = {
    accepted: 0,
    exported: 0,
    retries: 0,
    dropped: { queueFull: 0, rejected: 0, retriesExhausted: 0, shutdown: 0 },
  };
  readonly #options: BatchQueueOptions;
  readonly #send: (items: T[]) => Promise<SendOutcome>;
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

  constructor(options: BatchQueueOptions, send: (items: T[]) => Promise<SendOutcome>) {
    this.#options = options;
    this.#send = send;
  }

  /** Number of items waiting (queued plus a batch waiting to be retried). */
  get size(): number {
    return this.#queue.length + (this.#retry?.items.length ?? 0);
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

  /** Send everything queued now; resolves when the queue is empty and nothing is in flight. */
  flush(): Promise<void> {
    this.#urgent = true;
    this.#clearTimer();
    void this.#pump();
    return this.#whenIdle();
  }

  /**
   * Stop accepting items, send what is queued, and after `timeoutMs` drop
   * whatever is still waiting (counted as `shutdown`).
   */
  async close(timeoutMs: number): Promise<void> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs));
      timer.unref();
    });
    const outcome = await Promise.race([this.flush().then(() => 'idle' as const), timedOut]);
    clearTimeout(timer);
    this.#clearTimer();
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    if (outcome === 'timeout') {
      // A batch still in flight counts as dropped too; if it lands after all, the counters are corrected.
      const left = this.size + (this.#inFlight?.items.length ?? 0);
      this.#abandoned = true;
      this.#queue = [];
      this.#retry = undefined;
      if (left > 0) {
        this.stats.dropped.shutdown += left;
        this.#options.onDrop('shutdown', left);
      }
      this.#resolveIdle();
    }
  }

  #schedule(delayMs: number): void {
    if (this.#sending || this.#retry !== undefined) return;
    if (delayMs === 0) {
      this.#clearTimer();
      this.#timer = setTimeout(() => void this.#pump(), 0);
      this.#timer.unref();
      return;
    }
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => void this.#pump(), delayMs);
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #pump(): Promise<void> {
    this.#timer = undefined;
    if (this.#sending) return;
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
      outcome = await this.#send(batch.items);
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
      this.#resolveIdle();
      return;
    }
    if (outcome.status === 'success') {
      this.stats.exported += batch.items.length;
    } else if (outcome.status === 'retryable' && !this.#retryBudgetSpent(batch)) {
      this.#retry = batch;
      this.stats.retries++;
      const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** (batch.attempts - 1), MAX_BACKOFF_MS);
      const delay = backoff * (1 + (Math.random() * 2 - 1) * JITTER);
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        void this.#pump();
      }, delay);
      this.#retryTimer.unref();
      return;
    } else {
      const reason: DropReason = outcome.status === 'failed' ? 'rejected' : 'retriesExhausted';
      this.stats.dropped[reason] += batch.items.length;
      this.#options.onDrop(reason, batch.items.length, outcome.error);
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

  #retryBudgetSpent(batch: PendingBatch<T>): boolean {
    return Date.now() - batch.firstAttempt >= this.#options.maxRetryDurationMs;
  }

  #takeBatch(): PendingBatch<T> | undefined {
    if (this.#queue.length === 0) return undefined;
    const items = this.#queue.splice(0, this.#options.maxBatchSize);
    return { items, firstAttempt: Date.now(), attempts: 0 };
  }

  #whenIdle(): Promise<void> {
    if (!this.#sending && this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #resolveIdle(): void {
    if (this.#sending || this.size > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
