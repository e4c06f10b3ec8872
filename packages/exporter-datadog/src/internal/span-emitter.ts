import type { ExportedAISpan } from '@aitracing/core';
import { describeError, type LogOnce } from '@aitracing/core/exporter-kit';
import { mapApmEvent, mapApmSpan, mapFoldedApmEvent } from '../apm-mapping';
import { mapLLMObsSpan } from '../llmobs-mapping';
import type { SpanNode, TreeSink } from '../trace-assembler';
import { type EncodedApmSpan, encodeApmSpan } from './apm-payload';
import { type ApmContext, toApmWireSpan } from './apm-wire-span';
import { type LLMObsContext, type LLMObsSpanEvent, toLLMObsEvent } from './llmobs-event';
import { datadogSpanId, datadogTraceId, spanIdFromHex } from './span-ids';

/** A span handed over, kept so that late children can attach to it. */
export interface EmittedSpan {
  /** 32 lowercase hex characters: the trace id of both views */
  readonly traceId: string;
  /** The span id of both views (APM `span_id`, LLM Observability `span_id` in decimal) */
  readonly spanId: bigint;
  /** Its LLM Observability session, which its children inherit */
  readonly sessionId: string | undefined;
}

/** Where LLM Observability span events go (modes `llmobs` and `both`). */
export interface LLMObsSink {
  readonly context: LLMObsContext;
  add(event: LLMObsSpanEvent): void;
}

/** Where APM spans go (modes `apm` and `both`). */
export interface ApmSink {
  readonly context: ApmContext;
  add(span: EncodedApmSpan): void;
}

/** What the emitter needs to know. */
export interface SpanEmitterOptions {
  /** Present when LLM Observability is on (modes `llmobs` and `both`) */
  readonly llmobs: LLMObsSink | undefined;
  /** Present when APM spans are sent (modes `apm` and `both`) */
  readonly apm: ApmSink | undefined;
  readonly mlApp: string | undefined;
  readonly service: string | undefined;
  readonly log: LogOnce;
}

/** Counters of a {@link SpanEmitter}. */
export interface SpanEmitterCounts {
  readonly handedOver: number;
  readonly eventsAttached: number;
  /** Spans that could be neither mapped nor encoded for any channel */
  readonly mappingFailed: number;
  /** Event spans that ended after their parent was handed over */
  readonly lateEvents: number;
}

/**
 * Hands trees of ended spans over, parents before children: as LLM
 * Observability span events and as APM spans (MessagePack-encoded once) to
 * their delivery queues. Both views carry the same ids, taken from aitracing's
 * own (trace id: 128 bits; span id: 64 bits), so an LLM Observability span
 * links to its APM twin; a root that continues a remote trace (W3C
 * `traceparent` from a caller) is an APM child of that remote span. Event
 * spans become APM span events on their parent and, for LLM Observability, a
 * summary in the parent's metadata. Never throws: a span that cannot be
 * mapped is counted and logged once per cause; its children still go.
 */
export class SpanEmitter implements TreeSink<EmittedSpan> {
  readonly #options: SpanEmitterOptions;
  #handedOver = 0;
  #eventsAttached = 0;
  #mappingFailed = 0;
  #lateEvents = 0;

  constructor(options: SpanEmitterOptions) {
    this.#options = options;
  }

  /** Counters so far. */
  get counts(): SpanEmitterCounts {
    return {
      handedOver: this.#handedOver,
      eventsAttached: this.#eventsAttached,
      mappingFailed: this.#mappingFailed,
      lateEvents: this.#lateEvents,
    };
  }

  emit(
    node: SpanNode,
    parent: EmittedSpan | undefined,
    onEmitted: (spanId: string, handle: EmittedSpan) => void,
  ): void {
    if (parent !== undefined && node.span.isEvent && node.children.length === 0) {
      // An event of a span already handed over: its parent was serialised with its events.
      this.#lateEvents += 1;
      this.#options.log.warn(
        'late-event',
        'Datadog exporter: dropped an event span that ended after its parent',
      );
      return;
    }
    // One pass: a streamed LLM span can have thousands of chunk events.
    const eventSpans: ExportedAISpan[] = [];
    const children: SpanNode[] = [];
    for (const child of node.children) {
      if (child.span.isEvent && child.children.length === 0) eventSpans.push(child.span);
      else children.push(child);
    }
    const span = node.span;
    const traceId = parent?.traceId ?? datadogTraceId(span.traceId);
    const spanId = datadogSpanId(span.id);
    const llmobs = this.#llmobs(span, eventSpans, traceId, spanId, parent);
    const apm = this.#apm(span, eventSpans, traceId, spanId, parent);
    const handle: EmittedSpan = {
      traceId,
      spanId,
      sessionId: llmobs?.session_id ?? parent?.sessionId,
    };
    onEmitted(span.id, handle);
    if (llmobs !== undefined || apm !== undefined) {
      this.#handedOver += 1;
      this.#eventsAttached += eventSpans.length;
    } else {
      this.#mappingFailed += 1 + eventSpans.length;
    }
    for (const child of children) this.emit(child, handle, onEmitted);
  }

  /** Queue the span's LLM Observability event; undefined when LLM Observability is off or it failed. */
  #llmobs(
    span: ExportedAISpan,
    events: readonly ExportedAISpan[],
    traceId: string,
    spanId: bigint,
    parent: EmittedSpan | undefined,
  ): LLMObsSpanEvent | undefined {
    const sink = this.#options.llmobs;
    if (sink === undefined) return undefined;
    try {
      const mapping = mapLLMObsSpan(span, events, this.#options.mlApp);
      // Like dd-trace's SDK: a span without a session of its own is in its parent's.
      if (mapping.options.sessionId === undefined && parent?.sessionId !== undefined) {
        mapping.options.sessionId = parent.sessionId;
      }
      const ids = {
        traceId,
        spanId: spanId.toString(10),
        parentId: parent?.spanId.toString(10),
        apmTraceId: this.#options.apm === undefined ? undefined : traceId,
      };
      const event = toLLMObsEvent(span, mapping, ids, sink.context);
      sink.add(event);
      return event;
    } catch (error) {
      this.#options.log.error(
        'llmobs-map',
        'Datadog exporter could not map a span to LLM Observability: %s',
        describeError(error),
      );
      return undefined;
    }
  }

  /** Queue the span as an encoded APM span; undefined when APM is off or it failed. */
  #apm(
    span: ExportedAISpan,
    events: readonly ExportedAISpan[],
    traceId: string,
    spanId: bigint,
    parent: EmittedSpan | undefined,
  ): EncodedApmSpan | undefined {
    const sink = this.#options.apm;
    if (sink === undefined) return undefined;
    try {
      const mapping = mapApmSpan(span, this.#options.service);
      const parentId = parent?.spanId ?? (span.isRootSpan ? (spanIdFromHex(span.parentSpanId) ?? 0n) : 0n);
      const wire = toApmWireSpan(
        span,
        mapping,
        // Event spans, then the chunks core folded into the span (`streamChunks: 'events'`).
        span.events === undefined
          ? events.map(mapApmEvent)
          : [...events.map(mapApmEvent), ...span.events.map(mapFoldedApmEvent)],
        { traceId, spanId, parentId },
        sink.context,
      );
      const encoded = encodeApmSpan(wire);
      sink.add(encoded);
      return encoded;
    } catch (error) {
      this.#options.log.error(
        'apm-map',
        'Datadog exporter could not map a span to an APM span: %s',
        describeError(error),
      );
      return undefined;
    }
  }
}
