import {
  BatchQueue,
  type BatchQueueStats,
  type DropReason,
  describeError,
  HttpSender,
  type LogOnce,
  type SendOutcome,
} from '@aitracing/core/exporter-kit';
import type { LangfuseScoreBody } from '../langfuse-score-mapping';

/** Where and how scores go. */
export interface ScoreDeliveryOptions {
  /** `{baseUrl}/api/public/scores` */
  readonly url: string;
  /** Never logged: holds the Basic credentials */
  readonly headers: Readonly<Record<string, string>>;
  readonly exportTimeoutMs: number;
  readonly maxRetryDurationMs: number;
  readonly maxQueueSize: number;
  readonly scheduledDelayMs: number;
  readonly immediate: boolean;
  readonly log: LogOnce;
}

/**
 * Langfuse scores through the delivery kit: a bounded `BatchQueue` (one score
 * per request, as the score API takes them), retried by status code with
 * `Retry-After`, every drop counted by reason and logged once per cause.
 * Never throws.
 */
export class ScoreDelivery {
  readonly #queue: BatchQueue<LangfuseScoreBody>;
  readonly #sender: HttpSender;
  readonly #options: ScoreDeliveryOptions;

  constructor(options: ScoreDeliveryOptions) {
    this.#options = options;
    this.#sender = new HttpSender({
      url: options.url,
      headers: options.headers,
      timeoutMs: options.exportTimeoutMs,
    });
    this.#queue = new BatchQueue<LangfuseScoreBody>(
      {
        maxQueueSize: options.maxQueueSize,
        maxBatchSize: 1,
        scheduledDelayMs: options.scheduledDelayMs,
        immediate: options.immediate,
        maxRetryDurationMs: options.maxRetryDurationMs,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (scores) => this.#send(scores),
    );
  }

  /** Counters: accepted, exported, retries and drops by reason. */
  get stats(): Readonly<BatchQueueStats> {
    return this.#queue.stats;
  }

  /** Queue one score (a full queue drops it, counted and warned once). */
  add(score: LangfuseScoreBody): void {
    this.#queue.add(score);
  }

  /** Send what is queued; resolves `false` when `timeoutMs` passed first (the rest stays queued). */
  flush(timeoutMs: number): Promise<boolean> {
    return this.#queue.flush(timeoutMs);
  }

  /** Send what is queued within `timeoutMs`, drop the rest (counted), close the sockets. Never rejects. */
  async close(timeoutMs: number): Promise<void> {
    await this.#queue.close(timeoutMs);
    await this.#sender.shutdown();
  }

  #send(scores: LangfuseScoreBody[]): Promise<SendOutcome> {
    // maxBatchSize is 1: the score API takes one score per request.
    return this.#sender.post(JSON.stringify(scores[0]), 'application/json');
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    const message: Record<DropReason, string> = {
      queueFull: `langfuse exporter: the score queue is full (${this.#options.maxQueueSize} scores); new scores are dropped and counted`,
      rejected: `langfuse exporter: Langfuse rejected a score${detail}; not retried (counted in getStats().scores.dropped.rejected)`,
      retriesExhausted: `langfuse exporter: dropped a score after retrying for ${this.#options.maxRetryDurationMs} ms${detail}`,
      shutdown: `langfuse exporter: ${count} score(s) were still queued at shutdown and are dropped`,
    };
    const key = `score-drop:${reason}`;
    if (reason === 'queueFull') this.#options.log.warn(key, message[reason]);
    else this.#options.log.error(key, message[reason]);
  }
}
