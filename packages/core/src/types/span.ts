import type { RuntimeContext } from './runtime-context';
import type { AISpanTypeMap } from './span-attributes';
import type { AISpanType } from './span-type';
import type { AITracing, CustomSamplerOptions, TracingPolicy } from './tracing';

/**
 * What an exporter sees of a recorded error: message, name and stack, plus
 * `details` for known error shapes (HTTP status, error code, cause, the
 * errors of an AggregateError).
 */
export interface AISpanErrorInfo {
  /** The error message */
  readonly message: string;
  /** The error class name, e.g. `TypeError` or `APIError` */
  readonly name?: string;
  /** The stack trace, when the error had one */
  readonly stack?: string;
  /** Well-known extra fields: `code`, `status`, `type`, `cause`, `errors` */
  readonly details?: Readonly<Record<string, unknown>>;
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
}

/** Union type for cases that need to handle any span. */
export type AnyAISpan = AISpan<keyof AISpanTypeMap>;

/**
 * A plain, immutable snapshot of a span, as exporters receive it. Values in
 * `attributes`, `metadata`, `input`, `output` and `errorInfo` are already
 * processed (sensitive data redacted) and safely serialised: JSON-compatible,
 * acyclic and within the configured size limits.
 */
export interface ExportedAISpan<TType extends AISpanType = AISpanType> {
  /** Span id, 16 hex characters */
  readonly id: string;
  /** Trace id, 32 hex characters */
  readonly traceId: string;
  /** Id of the nearest exported ancestor; undefined for the root */
  readonly parentSpanId?: string;
  /** Span name */
  readonly name: string;
  /** Span type */
  readonly type: TType;
  /** Start time, epoch milliseconds with sub-millisecond precision */
  readonly startTime: number;
  /** End time, epoch milliseconds; undefined in `span_started` / `span_updated` events */
  readonly endTime?: number;
  /** Type-specific attributes */
  readonly attributes?: Readonly<AISpanTypeMap[TType]>;
  /** User metadata */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Input data */
  readonly input?: unknown;
  /** Output data */
  readonly output?: unknown;
  /** Error information when the span failed */
  readonly errorInfo?: AISpanErrorInfo;
  /** True for event spans (a point in time: start = end) */
  readonly isEvent: boolean;
  /** True for the root span of the trace */
  readonly isRootSpan: boolean;
  /**
   * Point-in-time events recorded on the span: the streamed chunks of a
   * generation when `TracingConfig.streamChunks` is `'events'`. Absent otherwise.
   */
  readonly events?: readonly ExportedAISpanEvent[];
}

/** One event of an exported span (a streamed chunk folded into its generation). */
export interface ExportedAISpanEvent {
  /** Event name: the chunk span's name */
  readonly name: string;
  /** When it happened, epoch milliseconds */
  readonly time: number;
  /** The chunk's attributes (`chunkType`, `sequenceNumber`); never its content */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** Options for starting new spans. */
export interface StartSpanOptions<TType extends AISpanType> {
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

/** Options for creating a child span. */
export interface ChildSpanOptions<TType extends AISpanType> {
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
  /** Policy for this span and its descendants; inherited from the parent when absent */
  tracingPolicy?: TracingPolicy;
}

/** Options for creating an event span (a point in time with an output). */
export interface ChildEventOptions<TType extends AISpanType> {
  /** Span type */
  type: TType;
  /** Span name */
  name: string;
  /** Span attributes */
  attributes?: AISpanTypeMap[TType];
  /** Span metadata */
  metadata?: Record<string, unknown>;
  /** Output data of the event */
  output?: unknown;
}

/** Options for updating spans. */
export interface UpdateSpanOptions<TType extends AISpanType> {
  /** Span attributes, merged into the current ones */
  attributes?: Partial<AISpanTypeMap[TType]>;
  /** Span metadata, merged into the current ones */
  metadata?: Record<string, unknown>;
  /** Input data, replaces the current input */
  input?: unknown;
  /** Output data, replaces the current output */
  output?: unknown;
}

/** Options for ending spans. */
export interface EndSpanOptions<TType extends AISpanType> {
  /** Output data */
  output?: unknown;
  /** Span metadata, merged into the current ones */
  metadata?: Record<string, unknown>;
  /** Span attributes, merged into the current ones */
  attributes?: Partial<AISpanTypeMap[TType]>;
}

/** Options for recording span errors. */
export interface ErrorSpanOptions<TType extends AISpanType> {
  /** The error associated with the issue */
  error: Error;
  /** End the span when true (the default) */
  endSpan?: boolean;
  /** Span metadata, merged into the current ones */
  metadata?: Record<string, unknown>;
  /** Span attributes, merged into the current ones */
  attributes?: Partial<AISpanTypeMap[TType]>;
  /**
   * What was produced before the error (e.g. the text a stream delivered
   * before it failed); set when the span ends with this call
   */
  output?: unknown;
}
