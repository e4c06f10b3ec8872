import type { LogOnce } from '@aitracing/core/exporter-kit';
import { type ChannelStats, HttpChannel } from './http-channel';
import type { LLMObsEndpoint } from './llmobs-endpoint';
import type { LLMObsSpanEvent } from './llmobs-event';

/** Queue settings of LLM Observability delivery (not options yet: dd-trace's writer had none either). */
export const LLMOBS_QUEUE = Object.freeze({
  /** Span events held at most (and `maxQueueBytes`); beyond, new ones are dropped and counted */
  maxQueueSize: 10_000,
  /** Span events per batch, as dd-trace sends up to 1,000 (a batch over `maxRequestBytes` goes as several requests) */
  maxBatchSize: 1_000,
  /** dd-trace's LLM Observability flush interval */
  scheduledDelayMs: 1_000,
  /** Bound of one request as a whole, answer body included (dd-trace's LLM Observability timeout) */
  requestTimeoutMs: 5_000,
  /** The intake's limit of one request (dd-trace's `EVP_PAYLOAD_SIZE_LIMIT`: 5 MiB; the intake's is 5.1 MB) */
  maxRequestBytes: 5 << 20,
  /** Bytes held at most, like the trace assembler's `maxHeldBytes` default */
  maxQueueBytes: 64 << 20,
});

/** One span event, serialised once with its envelope when it is queued. */
interface QueuedEvent {
  readonly json: string;
  readonly bytes: number;
}

// The body is `[` + envelopes joined by `,` + `]`: each envelope costs its bytes plus one.
const BODY_BRACKETS = 2;
/**
 * Largest envelope that fits a request on its own. dd-trace's per-event limit
 * (`EVP_EVENT_SIZE_LIMIT`) was 1 MB until dd-trace 5.x of April 2026 and is
 * now 5 MiB ("the backend's is 10 MB"); one event can never be larger than a
 * request, so the request limit is the one that binds.
 */
export const MAX_EVENT_BYTES = LLMOBS_QUEUE.maxRequestBytes - BODY_BRACKETS - 1;
const DROPPED_VALUE_TEXT =
  "[This value has been dropped because this span's size exceeds the 5MB size limit.]";
// dd-trace's collection error for a span whose input and output were dropped.
const DROPPED_IO_COLLECTION_ERROR = 'dropped_io';

/**
 * Delivers LLM Observability span events to the agent's EVP proxy or the
 * agentless intake through an {@link HttpChannel}: batches posted as dd-trace
 * posts them, each request within the intake's 5 MiB; an event too large on
 * its own loses its input and output, as in dd-trace, and one still too large
 * is dropped and counted (`tooLarge`), never sent to be rejected. Never throws.
 */
export class LLMObsDelivery {
  readonly #channel: HttpChannel<QueuedEvent>;
  readonly #log: LogOnce;
  #tooLarge = 0;

  /** @param maxRetryDurationMs - how long a batch failing with a retryable error (5xx, 429, network) is retried */
  constructor(endpoint: LLMObsEndpoint, log: LogOnce, maxRetryDurationMs: number) {
    this.#log = log;
    this.#channel = new HttpChannel<QueuedEvent>({
      label: 'LLM Observability',
      url: endpoint.url,
      limits: LLMOBS_QUEUE,
      maxRetryDurationMs,
      log,
      sizeOf: (event) => event.bytes + 1,
      request: (events) => ({
        method: 'POST',
        headers: { ...endpoint.headers, 'content-type': 'application/json' },
        body: `[${events.map((event) => event.json).join(',')}]`,
      }),
    });
  }

  /** Channel counters (delivered, pending, retries, drops by reason, requests). */
  get stats(): ChannelStats {
    return this.#channel.stats;
  }

  /** Span events dropped because they were too large even without their input and output. */
  get tooLarge(): number {
    return this.#tooLarge;
  }

  /** Queue one span event (a full queue drops it, counted). */
  add(event: LLMObsSpanEvent): void {
    const queued = serialise(event);
    if (queued === undefined) {
      this.#tooLarge += 1;
      this.#log.error(
        'llmobs-drop:tooLarge',
        `Datadog exporter: dropped an LLM Observability span larger than the intake takes (${MAX_EVENT_BYTES} bytes) even without its input and output; counted in getStats().spansDroppedByReason.tooLarge`,
      );
      return;
    }
    this.#channel.add(queued);
  }

  /** Send what is queued; resolves `false` when `timeoutMs` passed first (the rest stays queued). */
  flush(timeoutMs: number): Promise<boolean> {
    return this.#channel.flush(timeoutMs);
  }

  /** Send what is queued within `timeoutMs`, then drop the rest (counted). Resolves the number dropped. */
  close(timeoutMs: number): Promise<number> {
    return this.#channel.close(timeoutMs);
  }
}

/**
 * dd-trace's envelope, one per span event (`writers/spans.js`, `makePayload`),
 * as JSON, within {@link MAX_EVENT_BYTES}: an event over it loses its input
 * and output as in dd-trace (`_truncateSpanEvent`); undefined when even that
 * does not fit.
 */
export function serialise(event: LLMObsSpanEvent): QueuedEvent | undefined {
  let json = envelope(JSON.stringify(event));
  let bytes = Buffer.byteLength(json);
  if (bytes > MAX_EVENT_BYTES) {
    json = envelope(
      JSON.stringify({
        ...event,
        meta: { ...event.meta, input: { value: DROPPED_VALUE_TEXT }, output: { value: DROPPED_VALUE_TEXT } },
        collection_errors: [DROPPED_IO_COLLECTION_ERROR],
      }),
    );
    bytes = Buffer.byteLength(json);
    if (bytes > MAX_EVENT_BYTES) return undefined;
  }
  return { json, bytes };
}

function envelope(spanJson: string): string {
  return `{"_dd.stage":"raw","event_type":"span","spans":[${spanJson}]}`;
}
