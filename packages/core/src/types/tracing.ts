import type { CostEstimatorOptions } from './cost-estimator-options';
import type { AISpanErrorInfo } from './exported-span';
import type { AITracingExporter } from './exporter';
import type { AITracingLogger, LogLevel } from './logger';
import type { ProcessorFastPath } from './processor-fast-path';
import type { BaggagePropagationOptions, SpanContextOptions } from './propagated-attributes';
import type { RuntimeContext } from './runtime-context';
import type { CustomSamplerOptions, SamplingStrategy } from './sampling';
import type { ScoreInput, SpanScoreInput } from './score';
import type { SensitiveDataFilterOptions } from './sensitive-data-filter-options';
import type { SerializationOptions } from './serialization-options';
import type { AISpanTypeMap } from './span-attributes';
import type {
  ChildEventOptions,
  ChildSpanOptions,
  EndSpanOptions,
  ErrorSpanOptions,
  UpdateSpanOptions,
} from './span-options';
import type { AISpanType } from './span-type';
import type { TracingBridge } from './tracing-bridge';
import type { TracingPolicy } from './tracing-policy';

// The tracing model: an instance, its config, its spans and its processors. They refer to one
// another (a span points to its instance, whose config lists processors that receive spans), so
// they live in one file: no import circle between types files.

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
   * Attach a score to a trace (or one span of it) and hand it to this
   * instance's exporters that take scores (`score_added`). Works after the
   * trace ended, was flushed or was sampled out: the score carries the ids.
   * Never sampled out. Invalid input (no valid `traceId`, empty `name`, a
   * non-finite number) is dropped, counted and warned about once; never throws.
   *
   * @example
   * ```ts
   * tracing.score({ traceId, name: 'user-feedback', value: 1, source: 'user-feedback', comment: 'great' });
   * ```
   */
  score(score: ScoreInput): void;
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
 * AI Span interface. A span is created by `AITracing.startSpan` or by a parent's
 * `createChildSpan` / `createEventSpan`, and ends exactly once.
 *
 * Every method is safe to call in any state: calls on an ended span or on the
 * shared no-op span (sampled out) do nothing and never throw.
 */
export interface AISpan<TType extends AISpanType> {
  /** 16 lowercase hex characters, never all zeros */
  readonly id: string;
  /** 32 lowercase hex characters, shared by every span of the trace */
  readonly traceId: string;
  /** The span type */
  readonly type: TType;
  /** The span name */
  readonly name: string;
  /** Start time, epoch milliseconds with sub-millisecond precision */
  readonly startTime: number;
  /** End time, epoch milliseconds with sub-millisecond precision; set once the span ends */
  readonly endTime?: number;
  /** Is an internal span? (spans internal to the operation of the framework) */
  isInternal: boolean;
  /** Parent span reference (undefined for root spans) */
  parent?: AnyAISpan;
  /** Pointer to the AITracing instance */
  aiTracing: AITracing;
  /** Span attributes */
  attributes?: AISpanTypeMap[TType];
  /** Span metadata */
  metadata?: Record<string, unknown>;
  /** Input data */
  input?: unknown;
  /** Output data */
  output?: unknown;
  /** Error information, set by `error()` */
  errorInfo?: AISpanErrorInfo;
  /** End the span. A second call is ignored. */
  end(options?: EndSpanOptions<TType>): void;
  /** Record an error for the span, optionally end the span as well (the default) */
  error(options: ErrorSpanOptions<TType>): void;
  /** Update span attributes, metadata, input or output */
  update(options: UpdateSpanOptions<TType>): void;
  /** Create child span - can be any span type independent of parent */
  createChildSpan<TChildType extends AISpanType>(options: ChildSpanOptions<TChildType>): AISpan<TChildType>;
  /** Create event span - a point in time, ended at creation */
  createEventSpan<TChildType extends AISpanType>(options: ChildEventOptions<TChildType>): AISpan<TChildType>;
  /** Returns TRUE if the span is the root span of a trace */
  get isRootSpan(): boolean;
  /** Returns TRUE if the span is a valid span (not a NO-OP Span) */
  get isValid(): boolean;
  /**
   * Score this span (and so its trace), live or ended: see `AITracing.score`.
   * A span of a sampled-out trace scores with its real ids; the no-op span
   * (tracing off or shut down) does nothing. Never throws.
   */
  score(input: SpanScoreInput): void;
}

/** Union type for cases that need to handle any span. */
export type AnyAISpan = AISpan<keyof AISpanTypeMap>;

/**
 * Options for starting new spans. `userId`, `sessionId` and `tags` apply to
 * the span and its descendants and win over `propagateAttributes`.
 */
export interface StartSpanOptions<TType extends AISpanType> extends SpanContextOptions {
  /** Span type */
  type: TType;
  /** Span name */
  name: string;
  /** Span attributes */
  attributes?: AISpanTypeMap[TType];
  /** Span metadata */
  metadata?: Record<string, unknown>;
  /** Input data */
  input?: unknown;
  /**
   * Parent span: when given, the new span is its child (and sampling follows
   * the parent). Without it, the span is a child of the current span (set by
   * `withSpan`, `traced`, the decorators or an instrumentation), unless
   * `root` is true or a remote parent (`traceId`) is given.
   */
  parent?: AnyAISpan;
  /**
   * Start a new trace even when a span is current (OpenTelemetry's `root`
   * option). Ignored when `parent` is given.
   * @defaultValue `false`: nest under the current span
   */
  root?: boolean;
  /** Policy-level tracing configuration */
  tracingPolicy?: TracingPolicy;
  /** Options passed when using a custom sampler strategy */
  customSamplerOptions?: CustomSamplerOptions;
  /** Runtime context of the request, offered to the custom sampler and the config selector */
  runtimeContext?: RuntimeContext;
  /**
   * Continue a trace started elsewhere: its 32-hex trace id. Usually spread in
   * from `extractContext(headers)`. Wins over the current span. Ignored when
   * invalid or when `parent` is given.
   */
  traceId?: string;
  /** Id of the remote parent span (16 hex), with `traceId` */
  parentSpanId?: string;
  /**
   * The remote sampling decision, with `traceId`: `false` records nothing,
   * `true` records the trace whatever the local sampler says, absent lets the
   * local sampler decide.
   */
  sampled?: boolean;
  /** W3C `tracestate` received with the remote parent, propagated unchanged */
  traceState?: string;
  /** W3C `baggage` received with the remote parent, propagated unchanged */
  baggage?: string;
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
   * Another tracing system in the same process to join, such as the app's
   * OpenTelemetry SDK through `new OtelBridge()` from `@aitracing/otel-bridge`:
   * root spans become children of its active span, every exported span is
   * mirrored into it with the same ids, and its context is active while an
   * aitracing span is current. At most one per instance; `null` or omitted:
   * none.
   * @defaultValue `null`
   */
  bridge?: TracingBridge | null;
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
  /**
   * Carry user, session and (when listed) tags to downstream services in W3C
   * `baggage`: `injectContext` writes them, and a trace continued from
   * `extractContext` on an instance with this option reads them back. Off
   * (`null`) by default: ids never leave the process unless asked.
   * @defaultValue `null`
   */
  baggage?: BaggagePropagationOptions | null;
}

/** See `TracingConfig.streamChunks`. */
export type StreamChunksMode = 'fold' | 'events' | 'spans';

/**
 * Interface for span processors. Processors run in order before a span is
 * exported. They receive a private view of the span whose `attributes`,
 * `metadata`, `input`, `output` and `errorInfo` are already safely serialised
 * copies: a processor may replace or change them without touching the live
 * span or the user's objects.
 *
 * Returning `undefined` drops the span from export. A processor that throws is
 * logged and skipped, and the span's data is replaced by a marker (fail closed:
 * a failing redaction never lets unfiltered data through).
 */
export interface AISpanProcessor {
  /** Processor name */
  name: string;
  /**
   * The span types this processor looks at; other spans skip it. Omitted:
   * every span.
   */
  readonly spanTypes?: readonly AISpanType[];
  /** Process span before export */
  process(span?: AnyAISpan): AnyAISpan | undefined;
  /** Shutdown processor */
  shutdown(): Promise<void>;
  /**
   * Optional fast path: the same work as `process()` as a key-redaction rule
   * and/or an attribute enrichment, which the engine runs inside its single
   * serialisation walk instead of calling `process()`. Asked once, when the
   * tracing instance is created; return `undefined` (or throw) to always be
   * called through `process()`.
   *
   * The engine fuses the leading processors of each span type's chain that
   * offer one (a redaction only when nothing runs before it); from the first
   * processor that offers none, every processor runs through `process()` as
   * usual, so the order of the chain is always respected. The built-in
   * `SensitiveDataFilter` and `CostEstimator` use this hook, and so do their
   * subclasses unless they override `process()`.
   *
   * @example
   * ```ts
   * const addRegion = (attributes: Record<string, unknown> | undefined) =>
   *   Object.assign(attributes ?? {}, { region: 'eu-west-1' });
   * const regionTagger: AISpanProcessor = {
   *   name: 'region-tagger',
   *   // What runs when the processor cannot be fused (it follows one that has no fast path).
   *   process(span) {
   *     if (span) span.attributes = addRegion(span.attributes as Record<string, unknown>) as typeof span.attributes;
   *     return span;
   *   },
   *   fastPath: () => ({ enrichAttributes: addRegion }),
   *   shutdown: async () => {},
   * };
   * ```
   */
  fastPath?(): ProcessorFastPath | undefined;
}
