import {
  BatchQueue,
  type BatchQueueStats,
  type DropReason,
  describeError,
  ExportTimeoutError,
  httpOutcome,
  type LogOnce,
  networkOutcome,
  type SendOutcome,
  safeUrl,
} from '@aitracing/core/exporter-kit';
import type { LLMObsEndpoint } from './llmobs-endpoint';
import type { LLMObsSpanEvent } from './llmobs-event';

/** Queue settings of LLM Observability delivery (not options yet: dd-trace's writer had none either). */
export const LLMOBS_QUEUE = Object.freeze({
  /** Span events held at most; beyond, new ones are dropped and counted */
  maxQueueSize: 5_000,
  /** Span events per request (dd-trace sends up to 1,000, within the intake's 5 MB) */
  maxBatchSize: 100,
  /** dd-trace's LLM Observability flush interval */
  scheduledDelayMs: 1_000,
  /** Bound of one request as a whole, answer body included (dd-trace's LLM Observability timeout) */
  requestTimeoutMs: 5_000,
});

// The intake takes events up to 5 MB (dd-trace's limit); a bigger one loses its input and output.
const EVENT_SIZE_LIMIT = 5 << 20;
const DROPPED_VALUE_TEXT =
  "[This value has been dropped because this span's size exceeds the 5MB size limit.]";
// An answer is read for nothing but freeing the connection.
const MAX_ANSWER_BYTES = 64 * 1024;

/** Outcomes of our LLM Observability requests. */
export interface LLMObsRequestCounts {
  succeeded: number;
  rejected: number;
  failed: number;
}

/**
 * Delivers LLM Observability span events to the agent's EVP proxy or the
 * agentless intake through core's {@link BatchQueue}: batches of span events
 * posted as dd-trace posts them, retried on 408, 429 (after `Retry-After`),
 * 5xx and network errors within {@link LLMOBS_QUEUE}'s budget, each drop
 * counted by reason and logged once per cause. Never throws.
 */
export class LLMObsDelivery {
  readonly requests: LLMObsRequestCounts = { succeeded: 0, rejected: 0, failed: 0 };
  readonly #endpoint: LLMObsEndpoint;
  readonly #log: LogOnce;
  readonly #queue: BatchQueue<LLMObsSpanEvent>;
  readonly #inFlight = new Set<AbortController>();
  /** The last failed attempt, named when spans are dropped at shutdown */
  #lastFailure: unknown;

  readonly #maxRetryDurationMs: number;

  /** @param maxRetryDurationMs - how long a batch failing with a retryable error (5xx, 429, network) is retried */
  constructor(endpoint: LLMObsEndpoint, log: LogOnce, maxRetryDurationMs: number) {
    this.#endpoint = endpoint;
    this.#maxRetryDurationMs = maxRetryDurationMs;
    this.#log = log;
    this.#queue = new BatchQueue<LLMObsSpanEvent>(
      {
        maxQueueSize: LLMOBS_QUEUE.maxQueueSize,
        maxBatchSize: LLMOBS_QUEUE.maxBatchSize,
        scheduledDelayMs: LLMOBS_QUEUE.scheduledDelayMs,
        immediate: false,
        maxRetryDurationMs,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (events) => this.#send(events),
    );
  }

  /** Queue counters: accepted, exported (delivered), retries, dropped by reason. */
  get stats(): Readonly<BatchQueueStats> {
    return this.#queue.stats;
  }

  /** Span events not yet delivered nor dropped. */
  get pending(): number {
    return this.#queue.pending;
  }

  /** Queue one span event (a full queue drops it, counted). */
  add(event: LLMObsSpanEvent): void {
    this.#queue.add(event);
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
    for (const controller of this.#inFlight) controller.abort();
    return dropped;
  }

  async #send(events: LLMObsSpanEvent[]): Promise<SendOutcome> {
    let body: string;
    try {
      body = `[${events.map(envelope).join(',')}]`;
    } catch (error) {
      return { status: 'failed', error };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), LLMOBS_QUEUE.requestTimeoutMs);
    timer.unref();
    this.#inFlight.add(controller);
    try {
      const response = await fetch(this.#endpoint.url, {
        method: 'POST',
        headers: { ...this.#endpoint.headers, 'content-type': 'application/json' },
        body,
        signal: controller.signal,
      });
      await drain(response);
      const outcome = httpOutcome(response.status, response.headers.get('retry-after'));
      if (outcome.status === 'success') this.requests.succeeded += 1;
      else {
        this.requests.rejected += 1;
        this.#lastFailure = outcome.error;
      }
      return outcome;
    } catch (error) {
      this.requests.failed += 1;
      // fetch wraps the network error; its cause carries the Node error code.
      const cause = controller.signal.aborted
        ? new ExportTimeoutError(LLMOBS_QUEUE.requestTimeoutMs)
        : ((error as { cause?: unknown }).cause ?? error);
      this.#lastFailure = cause;
      return networkOutcome(cause);
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    const where = safeUrl(this.#endpoint.url);
    const detail = error === undefined ? '' : ` (${describeError(error)})`;
    const last = this.#lastFailure === undefined ? '' : `; last failure: ${describeError(this.#lastFailure)}`;
    const message: Record<DropReason, string> = {
      queueFull: `Datadog exporter: the LLM Observability queue is full (${LLMOBS_QUEUE.maxQueueSize} spans); new spans are dropped and counted`,
      rejected: `Datadog exporter: ${where} rejected a batch of ${count} LLM Observability spans${detail}; not retried`,
      retriesExhausted: `Datadog exporter: dropped a batch of ${count} LLM Observability spans after retrying for ${this.#maxRetryDurationMs} ms${detail}`,
      shutdown: `Datadog exporter: at shutdown, ${count} span(s) were not confirmed delivered (LLM Observability spans still queued or being retried${last}); counted in getStats().spansDroppedByReason.shutdownTimeout`,
    };
    // One line per cause; getStats() keeps the totals.
    if (reason === 'queueFull') this.#log.warn(`llmobs-drop:${reason}`, message[reason]);
    else this.#log.error(`llmobs-drop:${reason}`, message[reason]);
  }
}

/** dd-trace's envelope, one per span event (`writers/spans.js`, `makePayload`), as JSON; each event serialised once. */
function envelope(event: LLMObsSpanEvent): string {
  let json = JSON.stringify(event);
  if (Buffer.byteLength(json) > EVENT_SIZE_LIMIT) {
    json = JSON.stringify({
      ...event,
      meta: { ...event.meta, input: { value: DROPPED_VALUE_TEXT }, output: { value: DROPPED_VALUE_TEXT } },
    });
  }
  return `{"_dd.stage":"raw","event_type":"span","spans":[${json}]}`;
}

/** Read and discard the answer (bounded), so the connection can be reused. */
async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) return;
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    received += value.byteLength;
    if (received > MAX_ANSWER_BYTES) {
      await reader.cancel();
      return;
    }
  }
}
