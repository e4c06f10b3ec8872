import type { BridgeHooks } from '../tracing/bridge-hooks';
import type { AITracingLogger } from '../types/logger';
import type { SpanScoreInput } from '../types/score';
import type { ChildEventOptions, ChildSpanOptions } from '../types/span-options';
import type { AISpanType } from '../types/span-type';
import type { AITracing, AnyAISpan, StreamChunksMode } from '../types/tracing';

/**
 * What a span needs from the tracing instance that created it: where to report
 * its lifecycle and how to create children. `TSpan` is the reporting span's
 * class (`DefaultAISpan`; a parameter, so this file needs no import of it).
 * Internal; implemented by `BaseAITracing`.
 */
export interface SpanLifecycle<TSpan> {
  /** The public tracing instance spans point to */
  readonly instance: AITracing;
  /** Logger for misuse of a live span (debug level) */
  readonly logger: AITracingLogger;
  /** Whether spans of this instance export internal spans */
  readonly includeInternalSpans: boolean;
  /** The configured tracing bridge, guarded; undefined (the usual case) when none */
  readonly bridge?: BridgeHooks | undefined;
  /** What becomes of streamed chunks (see `TracingConfig.streamChunks`) */
  readonly streamChunks: StreamChunksMode;
  /** A span started (not called for event spans) */
  spanStarted(span: TSpan): void;
  /** A live span was updated */
  spanUpdated(span: TSpan): void;
  /** A span ended; called exactly once per span */
  spanEnded(span: TSpan): void;
  /** Score `span` (live or ended): the ids, user and session come from the span */
  scoreSpan(span: TSpan, input: SpanScoreInput): void;
  /** Create a child (or event) span of `parent` */
  createChild<TType extends AISpanType>(
    parent: TSpan,
    options: ChildSpanOptions<TType> | ChildEventOptions<TType>,
    isEvent: boolean,
  ): AnyAISpan;
}
