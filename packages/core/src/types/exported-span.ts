import type { AISpanTypeMap } from './span-attributes';
import type { AISpanType } from './span-type';

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
  /**
   * The end user: the span's own `userId`, else the innermost
   * `propagateAttributes` scope's, else a string `metadata.userId`. Sanitised
   * (no control characters, at most 200 characters).
   */
  readonly userId?: string;
  /** The session, resolved like `userId` (falls back to a string `metadata.sessionId`) */
  readonly sessionId?: string;
  /** Tags: the scopes' and the span's own, de-duplicated in order, at most 50 */
  readonly tags?: readonly string[];
  /** Deployment environment set by `propagateAttributes` */
  readonly environment?: string;
  /** Release set by `propagateAttributes` */
  readonly release?: string;
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
