import type { CostEstimatorOptions } from './cost-estimator-options';
import type { AITracingExporter } from './exporter';
import type { AITracingLogger, LogLevel } from './logger';
import type { AISpanProcessor } from './processor';
import type { RuntimeContext } from './runtime-context';
import type { SensitiveDataFilterOptions } from './sensitive-data-filter-options';
import type { SerializationOptions } from './serialization-options';
import type { AISpan, StartSpanOptions } from './span';
import type { AISpanType, InternalSpans } from './span-type';

/** Primary interface for AI Tracing. */
export interface AITracing {
  /** Get current configuration (defaults applied) */
  getConfig(): Readonly<Required<TracingConfig>>;
  /** Get all exporters */
  getExporters(): readonly AITracingExporter[];
  /** Get all processors (the sensitive-data filter first, when on) */
  getProcessors(): readonly AISpanProcessor[];
  /** Get the logger instance (for exporters and other components) */
  getLogger(): AITracingLogger;
  /**
   * Start a new span of a specific AISpanType. Never throws. Where it goes:
   * - `parent` given: a child of `parent`;
   * - a valid remote parent (`traceId`, `parentSpanId`, from `extractContext`):
   *   continues that trace, honouring its sampling decision;
   * - a span is current (`withSpan`, `traced`, decorators, instrumentations)
   *   and `root` is not true: joins that trace. Under a span of this
   *   instance (or of a sampled-out trace) it is that span's child; under a
   *   span of another instance, this instance records it with the current
   *   span as its parent (as OpenTelemetry does across tracers);
   * - otherwise a new trace, sampled here for all of it.
   */
  startSpan<TType extends AISpanType>(options: StartSpanOptions<TType>): AISpan<TType>;
  /**
   * Deliver every pending event to the exporters and wait for them (and their
   * own `flush`) to finish. Always settles, at the latest after `timeoutMs`.
   */
  flush(timeoutMs?: number): Promise<void>;
  /**
   * Flush, then shut down processors and exporters. Runs once: later calls
   * return the first call's promise. Always settles, at the latest after
   * `timeoutMs`. Spans started afterwards are no-ops.
   */
  shutdown(timeoutMs?: number): Promise<void>;
}

/**
 * The four kinds of sampling strategy, usable as values (as in seed-era code:
 * `{ type: SamplingStrategyType.RATIO, probability: 0.1 }`) and as a type.
 * Each member is the string literal itself, so `SamplingStrategyType.ALWAYS`
 * and `'always'` are interchangeable everywhere.
 */
export const SamplingStrategyType = {
  /** Record every trace */
  ALWAYS: 'always',
  /** Record no trace */
  NEVER: 'never',
  /** Record a random share of traces: `probability` between 0 and 1 */
  RATIO: 'ratio',
  /** Let a `sampler` function decide per trace */
  CUSTOM: 'custom',
} as const;

/** One of `'always'`, `'never'`, `'ratio'`, `'custom'`. */
export type SamplingStrategyType = (typeof SamplingStrategyType)[keyof typeof SamplingStrategyType];

/** Options passed when using a custom sampler strategy. */
export interface CustomSamplerOptions {
  /** Runtime context of the request */
  runtimeContext?: RuntimeContext;
  /** Metadata given to the root span */
  metadata?: Record<string, unknown>;
}

/**
 * Sampling strategy configuration. The decision is taken once per trace, at
 * the root span; children always follow it.
 */
export type SamplingStrategy =
  | { type: 'always' }
  | { type: 'never' }
  | { type: 'ratio'; probability: number }
  | { type: 'custom'; sampler: (options?: CustomSamplerOptions) => boolean };

/** Policy-level tracing configuration applied when creating a workflow or agent. */
export interface TracingPolicy {
  /**
   * Bitwise options to set different types of spans as Internal in a workflow
   * or agent execution. Internal spans are hidden by default in exported traces.
   */
  internal?: InternalSpans;
}

/** Context for AI tracing that flows through workflow and agent execution. */
export interface TracingContext {
  /** Current AI span for creating child spans and adding metadata */
  currentSpan?: AISpan<AISpanType>;
}

/** Properties returned to the user for working with traces externally. */
export type TracingProperties = {
  /** Trace ID used on the execution (if the execution was traced) */
  traceId?: string;
};

/** Options passed when starting a new agent or workflow execution. */
export interface TracingOptions {
  /** Metadata to add to the root trace span */
  metadata?: Record<string, unknown>;
}

/** Configuration for a single tracing instance. */
export interface TracingConfig {
  /** Unique identifier for this config in the ai tracing registry */
  name: string;
  /**
   * Service name for tracing. When missing at runtime, taken from
   * `AITRACING_SERVICE_NAME` or `OTEL_SERVICE_NAME`.
   */
  serviceName: string;
  /**
   * `false` turns this instance off: every span is a no-op.
   * @defaultValue `AITRACING_ENABLED` or `true`
   */
  enabled?: boolean;
  /**
   * Sampling strategy - controls whether tracing is collected.
   * @defaultValue `{ type: 'ratio', probability: AITRACING_SAMPLE_RATE }` when that is set, else `{ type: 'always' }`
   */
  sampling?: SamplingStrategy;
  /** Custom exporters. @defaultValue `[]` */
  exporters?: AITracingExporter[];
  /** Custom processors, run in order after the sensitive-data filter. @defaultValue `[]` */
  processors?: AISpanProcessor[];
  /**
   * Set to true if you want to see spans internal to the operation of the framework.
   * @defaultValue `false`
   */
  includeInternalSpans?: boolean;
  /**
   * The sensitive-data filter, on by default. `false` turns it off; an object
   * configures it (fields, redaction style).
   * @defaultValue `true`
   */
  sensitiveDataFilter?: boolean | SensitiveDataFilterOptions;
  /**
   * The cost estimator, on by default: sets `attributes.cost` on LLM
   * generations from model and usage. `false` turns it off; an object adds
   * or overrides prices.
   * @defaultValue `true`
   */
  costEstimation?: boolean | CostEstimatorOptions;
  /** Size limits for input, output, attributes and metadata. */
  serialization?: SerializationOptions;
  /**
   * Where core and exporters log. The default writes warnings and errors to
   * stderr; its level comes from `AITRACING_LOG_LEVEL`.
   */
  logger?: AITracingLogger;
  /**
   * Level of the default logger (ignored when `logger` is given).
   * @defaultValue `process.env.AITRACING_LOG_LEVEL` or `'warn'`
   */
  logLevel?: LogLevel;
  /**
   * Flush once, automatically, when the event loop empties (`beforeExit`), so
   * a script that simply ends still delivers its spans. Bounded by
   * `EXIT_FLUSH_TIMEOUT_MS`; never keeps a process alive by itself; removed at
   * `shutdown()`. Cannot help after `process.exit()` or a signal: call
   * `await shutdown()` there. Ignored where `process` does not exist.
   * @defaultValue `AITRACING_FLUSH_ON_EXIT` or `true` (in Node)
   */
  flushOnExit?: boolean;
  /**
   * What becomes of streamed chunks (`LLM_CHUNK` spans under a generation).
   * `'fold'`: no chunk span is exported; the generation carries `chunkCount`
   * and, unless the instrumentation set it, `completionStartTime` (the first
   * chunk), so backends show one generation with its time to first token.
   * `'events'`: as `'fold'`, and each chunk becomes an entry of the
   * generation's `events` (name, time, chunk attributes; never its content).
   * `'spans'`: as `'fold'`, and every chunk is also exported as its own span.
   * A chunk ending after its generation is exported as a span in every mode.
   * @defaultValue `'fold'`
   */
  streamChunks?: StreamChunksMode;
}

/** See `TracingConfig.streamChunks`. */
export type StreamChunksMode = 'fold' | 'events' | 'spans';

/** Options passed when using a custom tracing config selector. */
export interface ConfigSelectorOptions {
  /** Runtime context */
  runtimeContext?: RuntimeContext;
}

/** Function to select which AI tracing instance to use for a given root span. */
export type ConfigSelector = (
  options: ConfigSelectorOptions,
  availableConfigs: ReadonlyMap<string, AITracing>,
) => string | undefined;

/** Complete AI Tracing registry configuration. */
export interface ObservabilityRegistryConfig {
  /** Enables default exporters, with sampling: always, and sensitive data filtering */
  default?: {
    enabled?: boolean;
  };
  /** Map of tracing instance names to their configurations or pre-instantiated instances */
  configs?: Record<string, Omit<TracingConfig, 'name'> | AITracing>;
  /** Optional selector function to choose which tracing instance to use */
  configSelector?: ConfigSelector;
}
