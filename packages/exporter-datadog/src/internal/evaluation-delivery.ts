import type { LogOnce } from '@aitracing/core/exporter-kit';
import type { LLMObsEvaluationMetric } from '../llmobs-evaluation-mapping';
import { type ChannelStats, HttpChannel } from './http-channel';
import type { LLMObsEndpoint } from './llmobs-endpoint';

/** Queue settings of evaluation delivery (dd-trace's evaluation writer: 1,000 per payload, every second). */
export const EVALUATION_QUEUE = Object.freeze({
  /** Evaluations held at most (and `maxQueueBytes`); beyond, new ones are dropped and counted */
  maxQueueSize: 10_000,
  /** Evaluations per payload, as dd-trace's writer buffers at most 1,000 */
  maxBatchSize: 1_000,
  scheduledDelayMs: 1_000,
  /** Bound of one request as a whole (dd-trace's LLM Observability timeout) */
  requestTimeoutMs: 5_000,
  /** One request at most (dd-trace's `EVP_PAYLOAD_SIZE_LIMIT`) */
  maxRequestBytes: 5 << 20,
  maxQueueBytes: 16 << 20,
});

interface QueuedMetric {
  readonly json: string;
  readonly bytes: number;
}

// `{"data":{"type":"evaluation_metric","attributes":{"metrics":[` + `]}}}`: a fixed envelope.
const ENVELOPE_BYTES = 64;

/**
 * Delivers evaluation metrics (scores) to LLM Observability's `eval-metric`
 * intake through an {@link HttpChannel}: bounded, batched as dd-trace's
 * writer batches them (`{ data: { type: 'evaluation_metric', attributes: {
 * metrics } } }`), retried by status code, every drop counted and logged
 * once per cause. Never throws.
 */
export class EvaluationDelivery {
  readonly #channel: HttpChannel<QueuedMetric>;

  /** @param maxRetryDurationMs - how long a batch failing with a retryable error (5xx, 429, network) is retried */
  constructor(endpoint: LLMObsEndpoint, log: LogOnce, maxRetryDurationMs: number) {
    this.#channel = new HttpChannel<QueuedMetric>({
      label: 'LLM Observability evaluation',
      unit: 'evaluations',
      shutdownCounter: 'getStats().evaluations.droppedByReason.shutdownTimeout',
      url: endpoint.url,
      limits: { ...EVALUATION_QUEUE, maxRequestBytes: EVALUATION_QUEUE.maxRequestBytes - ENVELOPE_BYTES },
      maxRetryDurationMs,
      log,
      sizeOf: (metric) => metric.bytes + 1,
      request: (metrics) => ({
        method: 'POST',
        headers: { ...endpoint.headers, 'content-type': 'application/json' },
        body: `{"data":{"type":"evaluation_metric","attributes":{"metrics":[${metrics.map((metric) => metric.json).join(',')}]}}}`,
      }),
    });
  }

  /** Channel counters (delivered, pending, retries, drops by reason, requests). */
  get stats(): ChannelStats {
    return this.#channel.stats;
  }

  /** Queue one evaluation metric (a full queue drops it, counted). */
  add(metric: LLMObsEvaluationMetric): void {
    const json = JSON.stringify(metric);
    this.#channel.add({ json, bytes: Buffer.byteLength(json) });
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
