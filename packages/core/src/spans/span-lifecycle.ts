import type { AITracingLogger } from '../types/logger';
import type { AnyAISpan, ChildEventOptions, ChildSpanOptions } from '../types/span';
import type { AISpanType } from '../types/span-type';
import type { AITracing, StreamChunksMode } from '../types/tracing';
import type { DefaultAISpan } from './default-ai-span';

/**
 * What a span needs from the tracing instance that created it: where to report
 * its lifecycle and how to create children. Internal; implemented by
 * `BaseAITracing`.
 */
export interface SpanLifecycle {
  /** The public tracing instance spans point to */
  readonly instance: AITracing;
  /** Logger for misuse of a live span (debug level) */
  readonly logger: AITracingLogger;
  /** Whether spans of this instance export internal spans */
  readonly includeInternalSpans: boolean;
  /** What becomes of streamed chunks (see `TracingConfig.streamChunks`) */
  readonly streamChunks: StreamChunksMode;
  /** A span started (not called for event spans) */
  spanStarted(span: DefaultAISpan<AISpanType>): void;
  /** A live span was updated */
  spanUpdated(span: DefaultAISpan<AISpanType>): void;
  /** A span ended; called exactly once per span */
  spanEnded(span: DefaultAISpan<AISpanType>): void;
  /** Create a child (or event) span of `parent` */
  createChild<TType extends AISpanType>(
    parent: DefaultAISpan<AISpanType>,
    options: ChildSpanOptions<TType> | ChildEventOptions<TType>,
    isEvent: boolean,
  ): AnyAISpan;
}
