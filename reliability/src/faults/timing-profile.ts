/**
 * Timings of a fault-matrix run. `real` uses the exporters' defaults and the
 * issue's fault durations (10 s refusal, 2 s per slow answer); `fast` shrinks
 * both so the matrix fits in CI.
 */
export interface TimingProfile {
  readonly name: 'fast' | 'real';
  /** How long the receiver refuses connections in the `refuse` cell */
  readonly refuseMs: number;
  /** Delay of every answer in the `slow` cell */
  readonly slowMs: number;
  /** `Retry-After` of the 429 cells, in seconds (the HTTP-date form is this far ahead, rounded up) */
  readonly retryAfterSeconds: number;
  /** OTLP / Langfuse exporter options; undefined fields keep the exporters' defaults */
  readonly otlp: {
    readonly exportTimeoutMs?: number;
    readonly maxRetryDurationMs?: number;
    readonly scheduledDelayMs?: number;
    readonly maxBatchSize?: number;
    readonly maxQueueSize?: number;
  };
  /** `maxRetryDurationMs` of the cell whose receiver never recovers */
  readonly exhaustedRetryBudgetMs?: number;
  /**
   * Traces in that cell. Batches are retried one after the other, each for the
   * whole budget: with real timings the cell sends one batch's worth.
   */
  readonly exhaustedTraces?: number;
  /** Datadog exporter flush and shutdown limits */
  readonly datadogFlushTimeoutMs?: number;
  /** Traces per ordinary cell and spans per trace */
  readonly traces: number;
  readonly spansPerTrace: number;
  /** Spans ended at once in the `slow` cell (more than the queue holds) */
  readonly burstSpans: number;
  /** Longest wait for a cell to settle after the app's flush */
  readonly settleMs: number;
  /** Timeouts the app passes to `flush()` and `shutdown()` */
  readonly flushTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
}

/** CI: every fault, shortened. */
export const FAST_PROFILE: TimingProfile = {
  name: 'fast',
  refuseMs: 1_500,
  slowMs: 250,
  retryAfterSeconds: 1,
  otlp: {
    exportTimeoutMs: 1_000,
    maxRetryDurationMs: 15_000,
    scheduledDelayMs: 50,
    maxBatchSize: 50,
    maxQueueSize: 500,
  },
  exhaustedRetryBudgetMs: 1_500,
  datadogFlushTimeoutMs: 3_000,
  traces: 6,
  spansPerTrace: 20,
  burstSpans: 1_500,
  settleMs: 30_000,
  flushTimeoutMs: 20_000,
  shutdownTimeoutMs: 5_000,
};

/** `pnpm reliability`: the exporters' defaults and the issue's fault durations. */
export const REAL_PROFILE: TimingProfile = {
  name: 'real',
  refuseMs: 10_000,
  slowMs: 2_000,
  retryAfterSeconds: 1,
  otlp: {},
  exhaustedTraces: 2,
  traces: 20,
  spansPerTrace: 50,
  burstSpans: 6_000,
  settleMs: 240_000,
  flushTimeoutMs: 30_000,
  shutdownTimeoutMs: 30_000,
};
