import type { ExportedAISpan } from '@aitracing/core';
import { describeError, type LogOnce } from '@aitracing/core/exporter-kit';
import { apmErrorTags, mapApmEvent, mapApmSpan, mapFoldedApmEvent } from '../apm-mapping';
import { mapLLMObsSpan } from '../llmobs-mapping';
import type { SpanNode, TreeSink } from '../trace-assembler';
import type { DdSpan, DdTracer } from './dd-trace-api';
import {
  decimalSpanId,
  hexTraceId,
  type LLMObsContext,
  type LLMObsIds,
  type LLMObsSpanEvent,
  toLLMObsEvent,
} from './llmobs-event';

/** A span handed over, kept so that late children can attach to it. */
export interface EmittedSpan {
  /** The dd-trace span (modes `apm` and `both`) */
  readonly span: DdSpan | undefined;
  /** Its LLM Observability ids (modes `llmobs` and `both`) */
  readonly ids: LLMObsIds | undefined;
  /** Its LLM Observability session, which its children inherit */
  readonly sessionId: string | undefined;
}

/** Where LLM Observability span events go (modes `llmobs` and `both`). */
export interface LLMObsSink {
  readonly context: LLMObsContext;
  add(event: LLMObsSpanEvent): void;
}

/** What the emitter needs to know. */
export interface SpanEmitterOptions {
  readonly tracer: DdTracer;
  /** Present when LLM Observability is on (modes `llmobs` and `both`) */
  readonly llmobs: LLMObsSink | undefined;
  /** APM spans go to dd-trace (modes `apm` and `both`) */
  readonly keepApm: boolean;
  readonly mlApp: string | undefined;
  readonly service: string | undefined;
  readonly log: LogOnce;
}

/** Counters of a {@link SpanEmitter}. */
export interface SpanEmitterCounts {
  readonly handedOver: number;
  readonly eventsAttached: number;
  /** Spans dd-trace refused (threw on start or finish) or that could not be mapped */
  readonly refused: number;
  /** Event spans that ended after their parent was handed over */
  readonly lateEvents: number;
}

/**
 * Hands trees of ended spans over, parents before children, each with its
 * exact start and end time: as LLM Observability span events to the delivery
 * queue (modes `llmobs`, `both`) and as APM spans to dd-trace through
 * `tracer.startSpan` (modes `apm`, `both`). In mode `both` an LLM
 * Observability span carries the ids of its APM twin. Event spans become APM
 * span events on their parent and, for LLM Observability, a summary in the
 * parent's metadata. Never throws: a span that cannot be handed over is
 * counted as dropped and logged once per cause.
 */
export class SpanEmitter implements TreeSink<EmittedSpan> {
  readonly #options: SpanEmitterOptions;
  #handedOver = 0;
  #eventsAttached = 0;
  #refused = 0;
  #lateEvents = 0;

  constructor(options: SpanEmitterOptions) {
    this.#options = options;
  }

  /** Counters so far. */
  get counts(): SpanEmitterCounts {
    return {
      handedOver: this.#handedOver,
      eventsAttached: this.#eventsAttached,
      refused: this.#refused,
      lateEvents: this.#lateEvents,
    };
  }

  emit(
    node: SpanNode,
    parent: EmittedSpan | undefined,
    onEmitted: (spanId: string, handle: EmittedSpan) => void,
  ): void {
    if (parent !== undefined && node.span.isEvent && node.children.length === 0) {
      // An event of a span already handed over: its parent was serialised at its finish.
      this.#lateEvents += 1;
      this.#options.log.warn(
        'late-event',
        'Datadog exporter: dropped an event span that ended after its parent',
      );
      return;
    }
    const events = node.children.filter((child) => child.span.isEvent && child.children.length === 0);
    const children = node.children.filter((child) => !events.includes(child));
    const eventSpans = events.map((event) => event.span);
    let ddSpan: DdSpan | undefined;
    let operationName = '';
    try {
      if (this.#options.keepApm) {
        const apm = mapApmSpan(node.span, this.#options.service);
        operationName = apm.operationName;
        ddSpan = this.#options.tracer.startSpan(apm.operationName, {
          childOf: parent?.span ?? null,
          startTime: node.span.startTime,
          tags: apm.tags,
        });
      }
    } catch (error) {
      // dd-trace refused the span: its subtree is lost.
      this.#refused += countSpans(node);
      this.#options.log.error(
        'emit',
        'dd-trace rejected a span; its subtree was dropped: %s',
        describeError(error),
      );
      return;
    }
    const llmobsEvent = this.#llmobsEvent(node.span, eventSpans, ddSpan, parent);
    const handle: EmittedSpan = {
      span: ddSpan,
      ids: llmobsEvent?.ids,
      sessionId: llmobsEvent?.event.session_id ?? parent?.sessionId,
    };
    if (ddSpan !== undefined) this.#decorate(ddSpan, node.span, operationName, eventSpans);
    else this.#eventsAttached += eventSpans.length;
    onEmitted(node.span.id, handle);
    for (const child of children) this.emit(child, handle, onEmitted);
    let handedOver = false;
    if (ddSpan !== undefined) {
      try {
        ddSpan.finish(node.span.endTime ?? node.span.startTime);
        handedOver = true;
      } catch (error) {
        this.#options.log.error('finish', 'dd-trace failed to finish a span: %s', describeError(error));
      }
    }
    if (llmobsEvent !== undefined) {
      this.#options.llmobs?.add(llmobsEvent.event);
      handedOver = true;
    }
    if (handedOver) this.#handedOver += 1;
    else this.#refused += 1;
  }

  /** The span's LLM Observability event and ids; undefined when LLM Observability is off or mapping failed. */
  #llmobsEvent(
    span: ExportedAISpan,
    events: readonly ExportedAISpan[],
    ddSpan: DdSpan | undefined,
    parent: EmittedSpan | undefined,
  ): { event: LLMObsSpanEvent; ids: LLMObsIds } | undefined {
    const sink = this.#options.llmobs;
    if (sink === undefined) return undefined;
    try {
      const ids = this.#ids(span, ddSpan, parent);
      const mapping = mapLLMObsSpan(span, events, this.#options.mlApp);
      // Like dd-trace's SDK: a span without a session of its own is in its parent's.
      if (mapping.options.sessionId === undefined && parent?.sessionId !== undefined) {
        mapping.options.sessionId = parent.sessionId;
      }
      return { event: toLLMObsEvent(span, mapping, ids, sink.context), ids };
    } catch (error) {
      this.#options.log.error(
        'llmobs-map',
        'Datadog exporter could not map a span to LLM Observability: %s',
        describeError(error),
      );
      return undefined;
    }
  }

  /** dd-trace's ids when there is an APM twin (so both views link), else the span's own. */
  #ids(span: ExportedAISpan, ddSpan: DdSpan | undefined, parent: EmittedSpan | undefined): LLMObsIds {
    const parentId = parent?.ids?.spanId;
    const ownTraceId =
      parent?.ids?.traceId ?? hexTraceId(span.traceId.toLowerCase().padStart(32, '0'), span.traceId);
    if (ddSpan === undefined) return { traceId: ownTraceId, spanId: decimalSpanId(span.id), parentId };
    const context = ddSpan.context();
    const traceId = hexTraceId(context.toTraceId(true), ownTraceId);
    return { traceId, spanId: context.toSpanId(), parentId, apmTraceId: traceId };
  }

  /** Operation name, error tags and span events of an APM span. */
  #decorate(
    ddSpan: DdSpan,
    span: ExportedAISpan,
    operationName: string,
    events: readonly ExportedAISpan[],
  ): void {
    this.#guard('tags', () => {
      ddSpan.setOperationName(operationName);
      const errorTags = apmErrorTags(span);
      if (Object.keys(errorTags).length > 0) ddSpan.addTags(errorTags);
    });
    for (const event of events) {
      this.#guard('event', () => {
        const { name, attributes, time } = mapApmEvent(event);
        if (typeof ddSpan.addEvent === 'function') ddSpan.addEvent(name, attributes, time);
      });
      this.#eventsAttached += 1;
    }
    for (const event of span.events ?? []) {
      this.#guard('event', () => {
        const { name, attributes, time } = mapFoldedApmEvent(event);
        if (typeof ddSpan.addEvent === 'function') ddSpan.addEvent(name, attributes, time);
      });
    }
  }

  /** Run one part of a span's mapping; a failure loses that part only. */
  #guard(part: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#options.log.warn(
        `part:${part}`,
        'dd-trace refused part of a span (%s): %s',
        part,
        describeError(error),
      );
    }
  }
}

function countSpans(node: SpanNode): number {
  let count = 1;
  for (const child of node.children) count += countSpans(child);
  return count;
}
