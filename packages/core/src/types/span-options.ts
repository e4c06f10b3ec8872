import type { SpanContextOptions } from './propagated-attributes';
import type { AISpanTypeMap } from './span-attributes';
import type { AISpanType } from './span-type';
import type { TracingPolicy } from './tracing-policy';

/** Options for creating a child span. `userId`, `sessionId` and `tags` apply to it and its descendants. */
export interface ChildSpanOptions<TType extends AISpanType> extends SpanContextOptions {
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
