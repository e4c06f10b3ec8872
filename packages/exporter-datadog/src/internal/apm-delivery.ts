import type { LogOnce } from '@aitracing/core/exporter-kit';
import { apmPayloadBytes, type EncodedApmSpan, encodeApmPayload } from './apm-payload';
import { type ChannelStats, HttpChannel } from './http-channel';
import { TRACER_VERSION } from './tracer-version';

/** Queue settings of APM delivery (not options yet, like LLM Observability's). */
export const APM_QUEUE = Object.freeze({
  /** Spans held at most; beyond, new ones are dropped and counted */
  maxQueueSize: 10_000,
  /** Spans per batch (a batch over `maxRequestBytes` goes as several requests) */
  maxBatchSize: 1_000,
  /** Same pace as LLM Observability, so both views of a span arrive together */
  scheduledDelayMs: 1_000,
  /** Bound of one request as a whole, answer body included */
  requestTimeoutMs: 5_000,
  /** dd-trace's encoder flushes at 8 MiB (`SOFT_LIMIT`); the agent takes up to 25 MB after decompression */
  maxRequestBytes: 8 << 20,
  /** Bytes held at most, like the trace assembler's `maxHeldBytes` default */
  maxQueueBytes: 64 << 20,
});

/**
 * Delivers APM spans to the agent's trace endpoint (`PUT {agent}/v0.4/traces`,
 * MessagePack, the headers dd-trace sends) through an {@link HttpChannel}:
 * batched, retried on 408, 429 (after `Retry-After`), 5xx and network errors
 * for `maxRetryDurationMs`, each drop counted by reason and logged once.
 * Each span is encoded once, when it is queued. Never throws.
 */
export class ApmDelivery {
  readonly #channel: HttpChannel<EncodedApmSpan>;
  readonly #log: LogOnce;
  #tooLarge = 0;

  /**
   * @param agentUrl - the agent's base URL, e.g. `http://127.0.0.1:8126`
   * @param maxRetryDurationMs - how long a batch failing with a retryable error is retried
   */
  constructor(agentUrl: string, log: LogOnce, maxRetryDurationMs: number) {
    this.#log = log;
    this.#channel = new HttpChannel<EncodedApmSpan>({
      label: 'APM',
      url: `${agentUrl.replace(/\/+$/, '')}/v0.4/traces`,
      limits: APM_QUEUE,
      maxRetryDurationMs,
      log,
      sizeOf: apmPayloadBytes,
      request: (spans) => {
        const payload = encodeApmPayload(spans);
        return {
          method: 'PUT',
          headers: {
            'Content-Type': 'application/msgpack',
            'X-Datadog-Trace-Count': String(payload.traceCount),
            'Datadog-Meta-Lang': 'nodejs',
            'Datadog-Meta-Lang-Version': process.version,
            'Datadog-Meta-Lang-Interpreter': 'v8',
            'Datadog-Meta-Tracer-Version': TRACER_VERSION,
          },
          body: payload.body,
        };
      },
    });
  }

  /** Channel counters (delivered, pending, retries, drops by reason, requests). */
  get stats(): ChannelStats {
    return this.#channel.stats;
  }

  /** Spans dropped because one alone was larger than a request may be. */
  get tooLarge(): number {
    return this.#tooLarge;
  }

  /** Queue one encoded span (a full queue drops it, counted). */
  add(span: EncodedApmSpan): void {
    if (apmPayloadBytes(span) > APM_QUEUE.maxRequestBytes) {
      this.#tooLarge += 1;
      this.#log.error(
        'apm-drop:tooLarge',
        `Datadog exporter: dropped an APM span larger than one request may be (${APM_QUEUE.maxRequestBytes} bytes); counted in getStats().spansDroppedByReason.tooLarge`,
      );
      return;
    }
    this.#channel.add(span);
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
