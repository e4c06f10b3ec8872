import type { ChannelStats } from './internal/http-channel';

/**
 * Why a score did not reach LLM Observability as an evaluation:
 * - `exporterDisabled`: received while the exporter is disabled, or in mode `apm` (no LLM Observability);
 * - `afterShutdown`: received after `shutdown()`;
 * - `mappingFailed`: the score could not be mapped (logged with the cause);
 * - `agentRejected`: the agent or intake answered with an HTTP error that is not retried
 *   (a 4xx other than 408 and 429);
 * - `retriesExhausted`: it kept failing with a retryable error for `maxRetryDurationMs`;
 * - `queueFull`: the evaluation queue was full (10,000 evaluations or 16 MiB);
 * - `shutdownTimeout`: still without an outcome when `shutdown()` ran out of time.
 */
export type DatadogEvaluationDropReason =
  | 'exporterDisabled'
  | 'afterShutdown'
  | 'mappingFailed'
  | 'agentRejected'
  | 'retriesExhausted'
  | 'queueFull'
  | 'shutdownTimeout';

/** Counters of scores sent as LLM Observability evaluations (`getStats().evaluations`). */
export interface DatadogEvaluationStats {
  /** `score_added` events received */
  readonly received: number;
  /** Evaluations accepted into the delivery queue */
  readonly queued: number;
  /** Evaluations in a request the agent or intake answered with a 2xx status */
  readonly delivered: number;
  /** Queued, in flight or waiting for a retry */
  readonly pending: number;
  /** Scores lost, for any reason: the sum of `droppedByReason` */
  readonly dropped: number;
  readonly droppedByReason: Readonly<Record<DatadogEvaluationDropReason, number>>;
  /** Retries of whole batches */
  readonly retries: number;
}

/** Counts kept by the exporter itself, before a score reaches the delivery channel. */
export interface EvaluationIntakeCounts {
  received: number;
  exporterDisabled: number;
  afterShutdown: number;
  mappingFailed: number;
}

/** The public counters from the exporter's own counts and the channel's. */
export function evaluationStats(
  counts: Readonly<EvaluationIntakeCounts>,
  channel: ChannelStats | undefined,
): DatadogEvaluationStats {
  const droppedByReason: Record<DatadogEvaluationDropReason, number> = {
    exporterDisabled: counts.exporterDisabled,
    afterShutdown: counts.afterShutdown,
    mappingFailed: counts.mappingFailed,
    agentRejected: channel?.dropped.rejected ?? 0,
    retriesExhausted: channel?.dropped.retriesExhausted ?? 0,
    queueFull: channel?.dropped.queueFull ?? 0,
    shutdownTimeout: channel?.dropped.shutdown ?? 0,
  };
  return {
    received: counts.received,
    queued: channel?.accepted ?? 0,
    delivered: channel?.delivered ?? 0,
    pending: channel?.pending ?? 0,
    dropped: Object.values(droppedByReason).reduce((total, count) => total + count, 0),
    droppedByReason,
    retries: channel?.retries ?? 0,
  };
}
