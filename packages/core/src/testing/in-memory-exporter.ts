import type { ExportedAISpan } from '../types/exported-span';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type AITracingScoreEvent,
  type AITracingSpanEvent,
} from '../types/exporter';
import type { RedactionPolicy } from '../types/redaction-policy';
import type { ExportedScore } from '../types/score';

/** One span of a trace tree, with its children ordered by start time. */
export interface SpanTreeNode {
  readonly span: ExportedAISpan;
  readonly children: readonly SpanTreeNode[];
}

/** A finished trace as a tree. A complete trace has exactly one root. */
export interface TraceTree {
  readonly traceId: string;
  /** Spans without an exported parent in this trace (more than one means orphans) */
  readonly roots: readonly SpanTreeNode[];
  /** Every ended span of the trace, in end order */
  readonly spans: readonly ExportedAISpan[];
}

/** Options of {@link InMemoryExporter}. */
export interface InMemoryExporterOptions {
  /** Event types to record. @defaultValue every type, scores included */
  eventTypes?: readonly AITracingEventType[];
  /** Most events kept; older ones are dropped first. @defaultValue `100_000` */
  maxEvents?: number;
  /** Extra redaction for this exporter's copy of each span (see `RedactionPolicy`). @defaultValue none */
  redaction?: RedactionPolicy;
}

const RESOLVED = Promise.resolve();
const ALL_EVENT_TYPES: readonly AITracingEventType[] = Object.freeze(Object.values(AITracingEventType));

/**
 * An exporter that keeps events in memory, for tests. Call
 * `await tracing.flush()` before asserting: events are delivered
 * asynchronously.
 *
 * @example
 * ```ts
 * const exporter = new InMemoryExporter();
 * const tracing = new DefaultAITracing({ serviceName: 'test', exporters: [exporter] });
 * // ... run traced code ...
 * await tracing.flush();
 * expect(exporter.getTraces()[0]?.roots[0]?.span.name).toBe('my-agent');
 * ```
 */
export class InMemoryExporter implements AITracingExporter {
  readonly name = 'in-memory';
  readonly eventTypes?: readonly AITracingEventType[];
  /** The `redaction` option: this exporter's extra redaction, applied by core. */
  readonly redaction: RedactionPolicy | undefined;
  readonly #maxEvents: number;
  #events: AITracingEvent[] = [];
  #isShutdown = false;

  constructor(options: InMemoryExporterOptions = {}) {
    this.eventTypes = options.eventTypes ?? ALL_EVENT_TYPES;
    this.#maxEvents = options.maxEvents ?? 100_000;
    this.redaction = options.redaction;
  }

  /** Every recorded event, oldest first. */
  get events(): readonly AITracingEvent[] {
    return this.#events;
  }

  /** Whether `shutdown()` was called. */
  get isShutdown(): boolean {
    return this.#isShutdown;
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    // Like a real exporter, nothing is accepted after shutdown.
    if (this.#isShutdown) return RESOLVED;
    this.#events.push(event);
    if (this.#events.length > this.#maxEvents) this.#events.shift();
    return RESOLVED;
  }

  /** Recorded events of one type. */
  getEvents(type: AITracingEventType.SCORE_ADDED): AITracingScoreEvent[];
  getEvents(
    type: AITracingEventType.SPAN_STARTED | AITracingEventType.SPAN_UPDATED | AITracingEventType.SPAN_ENDED,
  ): AITracingSpanEvent[];
  getEvents(type: AITracingEventType): AITracingEvent[];
  getEvents(type: AITracingEventType): AITracingEvent[] {
    return this.#events.filter((event) => event.type === type);
  }

  /** Every ended span, in end order. */
  getFinishedSpans(): ExportedAISpan[] {
    const spans: ExportedAISpan[] = [];
    for (const event of this.#events)
      if (event.type === AITracingEventType.SPAN_ENDED) spans.push(event.exportedSpan);
    return spans;
  }

  /** Every score received (`score_added`), in order. */
  getScores(): ExportedScore[] {
    const scores: ExportedScore[] = [];
    for (const event of this.#events)
      if (event.type === AITracingEventType.SCORE_ADDED) scores.push(event.score);
    return scores;
  }

  /** Finished spans grouped into trees, one per trace, in order of first end. */
  getTraces(): TraceTree[] {
    const byTrace = new Map<string, ExportedAISpan[]>();
    for (const span of this.getFinishedSpans()) {
      const spans = byTrace.get(span.traceId);
      if (spans) spans.push(span);
      else byTrace.set(span.traceId, [span]);
    }
    return [...byTrace].map(([traceId, spans]) => buildTree(traceId, spans));
  }

  /** The tree of one trace, if any of its spans ended. */
  getTrace(traceId: string): TraceTree | undefined {
    return this.getTraces().find((trace) => trace.traceId === traceId);
  }

  /** Forget every recorded event. */
  reset(): void {
    this.#events = [];
  }

  flush(): Promise<void> {
    return RESOLVED;
  }

  shutdown(): Promise<void> {
    this.#isShutdown = true;
    return RESOLVED;
  }
}

function buildTree(traceId: string, spans: ExportedAISpan[]): TraceTree {
  const children = new Map<string, ExportedAISpan[]>();
  const ids = new Set(spans.map((span) => span.id));
  const roots: ExportedAISpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId === undefined || !ids.has(span.parentSpanId)) {
      roots.push(span);
      continue;
    }
    const siblings = children.get(span.parentSpanId);
    if (siblings) siblings.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const byStart = (a: ExportedAISpan, b: ExportedAISpan) => a.startTime - b.startTime;
  const toNode = (span: ExportedAISpan): SpanTreeNode => ({
    span,
    children: (children.get(span.id) ?? []).sort(byStart).map(toNode),
  });
  return { traceId, roots: roots.sort(byStart).map(toNode), spans };
}
