import type { RedactionPolicy } from '@aitracing/core';
import type { DatadogEvaluationStats } from './datadog-evaluation-stats';
/**
 * Where spans go: `'llmobs'` sends them to Datadog LLM Observability only,
 * `'apm'` as APM spans only, `'both'` to both (each span visible in LLM
 * Observability and, with the same ids, in APM).
 */
export type DatadogExporterMode = 'llmobs' | 'apm' | 'both';

/**
 * Environment variables read when the matching option is not given (explicit
 * options always win). Except `AITRACING_DATADOG_MODE`, these are dd-trace's
 * own standard variables: when the exporter initialises dd-trace, dd-trace
 * reads them too. An invalid `AITRACING_DATADOG_MODE`,
 * `DD_LLMOBS_AGENTLESS_ENABLED` or `DD_TRACE_AGENT_URL` throws
 * `AITracingConfigError` naming the variable.
 */
export const DATADOG_EXPORTER_ENV = {
  /** `llmobs`, `apm` or `both` (aitracing's own variable: dd-trace has none for this) */
  mode: 'AITRACING_DATADOG_MODE',
  /** LLM Observability application name */
  mlApp: 'DD_LLMOBS_ML_APP',
  /** Service name (dd-trace also reads `DD_SERVICE_NAME` and `OTEL_SERVICE_NAME`) */
  service: 'DD_SERVICE',
  /** Environment, e.g. `prod` */
  env: 'DD_ENV',
  /** Version of your application */
  version: 'DD_VERSION',
  /** Datadog site, e.g. `datadoghq.eu` (agentless mode) */
  site: 'DD_SITE',
  /** API key (agentless mode only; never logged) */
  apiKey: 'DD_API_KEY',
  /** `true` / `1` sends LLM Observability data straight to Datadog, without an agent */
  agentless: 'DD_LLMOBS_AGENTLESS_ENABLED',
  /** Full agent URL, e.g. `http://127.0.0.1:8126` or `unix:///var/run/datadog/apm.socket` */
  agentUrl: 'DD_TRACE_AGENT_URL',
  /** Agent host when `DD_TRACE_AGENT_URL` is not set (read by dd-trace) */
  agentHost: 'DD_AGENT_HOST',
  /** Agent port when `DD_TRACE_AGENT_URL` is not set (read by dd-trace) */
  agentPort: 'DD_TRACE_AGENT_PORT',
} as const;

/** Options of {@link DatadogExporter}. Every field is optional. */
export interface DatadogExporterOptions {
  /**
   * Extra redaction for this exporter's copy of each span, on top of the
   * instance-wide `SensitiveDataFilter`: `'secrets'`, `'pii'`, `'content'`
   * (no input, output or messages) or a function (see `RedactionPolicy` in
   * `@aitracing/core`). Applied by core before the span reaches this exporter.
   * @defaultValue `undefined` (the span as the instance exports it)
   */
  redaction?: RedactionPolicy;
  /**
   * Where spans go.
   * @defaultValue `AITRACING_DATADOG_MODE`, else `'llmobs'`
   */
  mode?: DatadogExporterMode;
  /**
   * LLM Observability application name (`ml_app`). Passed on every span, so it
   * applies even to a tracer your application initialised.
   * @defaultValue `DD_LLMOBS_ML_APP`, else the service name
   */
  mlApp?: string;
  /**
   * Service name. When given, every APM span carries it; when the exporter
   * initialises dd-trace it is also the tracer's service.
   * @defaultValue `DD_SERVICE`, else the tracing instance's `serviceName`
   */
  service?: string;
  /**
   * Environment tag (`env`). Applies when the exporter initialises dd-trace.
   * @defaultValue `DD_ENV`
   */
  env?: string;
  /**
   * Version tag (`version`). Applies when the exporter initialises dd-trace.
   * @defaultValue `DD_VERSION`
   */
  version?: string;
  /**
   * Datadog site for agentless mode, e.g. `datadoghq.eu`. Applies when the
   * exporter initialises dd-trace.
   * @defaultValue `DD_SITE`, else `datadoghq.com`
   */
  site?: string;
  /**
   * API key for agentless mode. dd-trace reads the key only from the
   * environment, so when the exporter initialises dd-trace and `DD_API_KEY` is
   * unset, the key is placed in `process.env.DD_API_KEY`. Never logged.
   * @defaultValue `DD_API_KEY`
   */
  apiKey?: string;
  /**
   * Send LLM Observability data straight to Datadog's intake (needs `apiKey`)
   * instead of through a local agent. Only `mode: 'llmobs'` works agentless:
   * APM spans always need an agent. Without an API key the exporter warns once
   * and disables itself.
   * @defaultValue `DD_LLMOBS_AGENTLESS_ENABLED`, else `false`
   */
  agentless?: boolean;
  /**
   * URL of the Datadog agent, e.g. `http://127.0.0.1:8126`. Applies when the
   * exporter initialises dd-trace.
   * @defaultValue `DD_TRACE_AGENT_URL`, else `http://${DD_AGENT_HOST}:${DD_TRACE_AGENT_PORT}`
   * (dd-trace's default: `http://127.0.0.1:8126`)
   */
  agentUrl?: string;
  /**
   * The dd-trace tracer to use, e.g. `import tracer from 'dd-trace'`. If it is
   * already initialised it is reused as it is; otherwise the exporter
   * initialises it with auto-instrumentation off.
   * @defaultValue the `dd-trace` package installed beside this one
   */
  tracer?: object;
  /**
   * Most traces held at once (waiting for their root to end, or kept so that
   * late children find their parent). Past it the oldest trace is emitted
   * early, marked incomplete.
   * @defaultValue `1000`
   */
  maxHeldTraces?: number;
  /**
   * Approximate bytes of span data held at once, counting emitted traces kept
   * for late children (their ids and session are kept while they are). Past
   * it, kept traces are forgotten first, then the oldest held traces are
   * emitted early, marked incomplete.
   * @defaultValue `67108864` (64 MiB)
   */
  maxHeldBytes?: number;
  /**
   * How long spans of a trace wait for their parent. A trace whose root has not
   * ended by then is emitted under a placeholder root marked incomplete.
   * @defaultValue `300000` (5 minutes)
   */
  traceTimeoutMs?: number;
  /**
   * How long after a trace is emitted a late span still attaches to its parent.
   * @defaultValue `60000`
   */
  lateSpanWindowMs?: number;
  /**
   * Longest `flush()` waits for what is queued to be delivered (retries included).
   * @defaultValue `10000`
   */
  flushTimeoutMs?: number;
  /**
   * Longest `shutdown()` waits for held traces and both delivery queues (LLM
   * Observability, APM) to drain; spans still queued then are dropped and
   * counted (`shutdownTimeout`).
   * @defaultValue `10000`
   */
  shutdownTimeoutMs?: number;
  /**
   * How long a batch of spans (LLM Observability or APM) that keeps failing
   * with a retryable error (408, 429, 5xx, network, timeout) is retried before
   * it is dropped and counted (`retriesExhausted`). A `Retry-After` is
   * honoured within it.
   * @defaultValue `60000`
   */
  maxRetryDurationMs?: number;
}

/** Why a span did not reach Datadog; see {@link DatadogExporterStats.spansDroppedByReason}. */
export type DatadogSpanDropReason =
  | 'exporterDisabled'
  | 'afterShutdown'
  | 'mappingFailed'
  | 'lateEvent'
  | 'agentRejected'
  | 'retriesExhausted'
  | 'queueFull'
  | 'tooLarge'
  | 'shutdownTimeout';

/** Why a span was lost on one delivery channel; see {@link DatadogChannelStats}. */
export type DatadogDeliveryDropReason =
  | 'agentRejected'
  | 'retriesExhausted'
  | 'queueFull'
  | 'tooLarge'
  | 'shutdownTimeout';

/** Delivery counters of one channel (LLM Observability or APM), in spans. */
export interface DatadogChannelStats {
  /** Spans accepted into the channel's queue */
  readonly spansQueued: number;
  /** Spans in a request the agent or intake answered with a 2xx status */
  readonly spansDelivered: number;
  /** Spans queued, in flight or waiting for a retry */
  readonly spansPending: number;
  /** Spans lost on this channel, by reason (see {@link DatadogExporterStats.spansDroppedByReason}) */
  readonly spansDroppedByReason: Readonly<Record<DatadogDeliveryDropReason, number>>;
  /** Retries of whole batches */
  readonly retries: number;
  /** Requests answered with a 2xx status */
  readonly requestsSucceeded: number;
  /** Requests answered with an HTTP error (408, 429 and 5xx are retried) */
  readonly requestsRejected: number;
  /** Requests that failed on the network or timed out (retried) */
  readonly requestsFailed: number;
}

/**
 * Counters of {@link DatadogExporter.getStats}: what the exporter received,
 * handed over to its delivery queues, delivered and lost.
 *
 * The span counters at the top count each span once, on its LLM Observability
 * delivery when that is on (modes `llmobs`, `both`), else on its APM delivery;
 * `apm` and `llmobs` give each channel's own numbers (in mode `both` every
 * span is delivered on both). Request counters add up both channels.
 */
export interface DatadogExporterStats {
  /** `span_ended` events received */
  readonly spansReceived: number;
  /** Spans handed over to the delivery queue(s) */
  readonly spansHandedOver: number;
  /** Event spans (e.g. LLM chunks) attached to their parent span */
  readonly eventSpansAttached: number;
  /**
   * Spans confirmed delivered: in a payload the agent or intake answered with
   * a 2xx status. Event spans count with the parent they are attached to.
   */
  readonly spansDelivered: number;
  /**
   * Span deliveries without an outcome yet, both channels together: queued,
   * in flight or waiting for a retry. 0 after `shutdown()` (what was left is
   * counted in `shutdownTimeout`).
   */
  readonly spansUnconfirmed: number;
  /** Spans lost, for any reason: the sum of {@link DatadogExporterStats.spansDroppedByReason} */
  readonly spansDropped: number;
  /**
   * Spans lost, by reason:
   * - `exporterDisabled`: received while the exporter is disabled (no dd-trace, no API key, ...);
   * - `afterShutdown`: received after `shutdown()`;
   * - `mappingFailed`: the span could be mapped for no channel (logged with the cause);
   * - `lateEvent`: an event span that ended after its parent was handed over;
   * - `agentRejected`: in a payload the agent or intake answered with an HTTP error that is not
   *   retried (a 4xx other than 408 and 429);
   * - `retriesExhausted`: its batch kept failing with a retryable error (408, 429, 5xx, network,
   *   timeout) for `maxRetryDurationMs`, or the agent asked to wait past that;
   * - `queueFull`: the delivery queue was full (10,000 spans or 64 MiB per channel);
   * - `tooLarge`: larger on its own than one request may be (LLM Observability: 5 MiB, even
   *   without its input and output; APM: 8 MiB);
   * - `shutdownTimeout`: still without an outcome when `shutdown()` ran out of time.
   */
  readonly spansDroppedByReason: Readonly<Record<DatadogSpanDropReason, number>>;
  /** Traces emitted when their root ended */
  readonly tracesCompleted: number;
  /** Traces emitted after `traceTimeoutMs` without their root, or at shutdown */
  readonly tracesIncomplete: number;
  /** Traces emitted early because `maxHeldTraces` or `maxHeldBytes` was reached */
  readonly tracesEvicted: number;
  /** Spans that ended after their trace was emitted and were attached to their parent */
  readonly lateSpans: number;
  /** Traces held right now */
  readonly heldTraces: number;
  /** Approximate bytes of span data held right now, including traces kept for late children */
  readonly heldBytes: number;
  /** Requests to the agent or intake, both channels, answered with a 2xx status */
  readonly requestsSucceeded: number;
  /** Requests answered with an HTTP error (408, 429 and 5xx are retried) */
  readonly requestsRejected: number;
  /** Requests that failed on the network or timed out (retried) */
  readonly requestsFailed: number;
  /** LLM Observability delivery (modes `llmobs`, `both`); undefined otherwise or before set-up */
  readonly llmobs: DatadogChannelStats | undefined;
  /** APM delivery (modes `apm`, `both`); undefined otherwise or before set-up */
  readonly apm: DatadogChannelStats | undefined;
  /** Scores sent as LLM Observability evaluations: received, delivered, pending, dropped by reason */
  readonly evaluations: DatadogEvaluationStats;
}
