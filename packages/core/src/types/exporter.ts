import type { ExportedAISpan } from './exported-span';
import type { AITracingLogger } from './logger';
import type { RedactionPolicy } from './redaction-policy';
import type { ExportedScore } from './score';

/** The events a tracing instance emits to its exporters. */
export enum AITracingEventType {
  /** A span started (not sent for event spans) */
  SPAN_STARTED = 'span_started',
  /** A live span was updated */
  SPAN_UPDATED = 'span_updated',
  /** A span ended; sent exactly once per exported span */
  SPAN_ENDED = 'span_ended',
  /**
   * A score was attached to a trace or span (`AITracing.score`). Only
   * exporters that list it in `eventTypes` receive it.
   */
  SCORE_ADDED = 'score_added',
}

/** A span event: what happened and the span snapshot at that moment. */
export type AITracingSpanEvent =
  | { type: AITracingEventType.SPAN_STARTED; exportedSpan: ExportedAISpan }
  | { type: AITracingEventType.SPAN_UPDATED; exportedSpan: ExportedAISpan }
  | { type: AITracingEventType.SPAN_ENDED; exportedSpan: ExportedAISpan };

/** A score event: the score, validated, redacted and with every default filled. */
export interface AITracingScoreEvent {
  type: AITracingEventType.SCORE_ADDED;
  score: ExportedScore;
}

/** One tracing event: a span event (`exportedSpan`) or a score event (`score`); narrow on `type`. */
export type AITracingEvent = AITracingSpanEvent | AITracingScoreEvent;

/** What a tracing instance hands an exporter in `init`. */
export interface ExporterInitOptions {
  /** The tracing instance's logger: exporters log through it, never through `console` */
  logger: AITracingLogger;
  /** The service name of the tracing instance */
  serviceName: string;
  /** The tracing instance's name */
  tracingName: string;
}

/**
 * Interface for tracing exporters. An exporter owns its batching, retries and
 * memory bounds; core only hands it events, asynchronously and isolated from
 * every other exporter (a throw or rejection is logged and counted, never
 * propagated).
 */
export interface AITracingExporter {
  /** Exporter name */
  name: string;
  /**
   * The event types this exporter wants. Omitted: every span event type
   * (`score_added` is delivered only when listed, so exporters written
   * before scores existed never see one). Declaring only `span_ended` lets
   * core skip building snapshots for starts and updates.
   */
  readonly eventTypes?: readonly AITracingEventType[];
  /**
   * Extra redaction for this exporter only, applied to its copy of each span
   * on top of the instance-wide filter (see `RedactionPolicy`).
   * @defaultValue `undefined` (the engine's snapshot as it is)
   */
  readonly redaction?: RedactionPolicy;
  /** Initialize exporter (called once, when the tracing instance is created) */
  init?(options: ExporterInitOptions): void;
  /** Export tracing events */
  exportEvent(event: AITracingEvent): Promise<void>;
  /**
   * Send everything buffered now; called by `AITracing.flush()` with the time
   * left of the caller's timeout.
   */
  flush?(timeoutMs?: number): Promise<void>;
  /**
   * Shutdown exporter: flush and release resources, within `timeoutMs` (the
   * time left of `AITracing.shutdown()`'s timeout) when given.
   */
  shutdown(timeoutMs?: number): Promise<void>;
}
