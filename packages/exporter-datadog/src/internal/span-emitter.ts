import { AsyncResource } from 'node:async_hooks';
import type { ExportedAISpan } from '@aitracing/core';
import { describeError, type LogOnce } from '@aitracing/core/exporter-kit';
import { apmErrorTags, mapApmEvent, mapApmSpan } from '../apm-mapping';
import { mapLLMObsSpan } from '../llmobs-mapping';
import type { SpanNode, TreeSink } from '../trace-assembler';
import type { DdLLMObs, DdSpan, DdTracer } from './dd-trace-api';

/** A span handed to dd-trace, kept so that late children can attach to it. */
export interface EmittedSpan {
  readonly span: DdSpan;
  /**
   * Runs `fn` in the async context this span was active in. dd-trace's LLM
   * Observability SDK takes a span's parent from its async context only, so a
   * late child must start inside its parent's context.
   */
  readonly run: <T>(fn: () => T) => T;
}

/** What the emitter needs to know. */
export interface SpanEmitterOptions {
  readonly tracer: DdTracer;
  /** Present when LLM Observability is on (modes `llmobs` and `both`) */
  readonly llmobs: DdLLMObs | undefined;
  /** APM spans are kept (modes `apm` and `both`); otherwise dd-trace's APM copies are marked `manual.drop` */
  readonly keepApm: boolean;
  readonly mlApp: string | undefined;
  readonly service: string | undefined;
  readonly log: LogOnce;
}

/** Counters of a {@link SpanEmitter}. */
export interface SpanEmitterCounts {
  readonly handedOver: number;
  readonly eventsAttached: number;
  /** Spans dd-trace refused (threw on start or finish) */
  readonly refused: number;
  /** Event spans that ended after their parent was handed over */
  readonly lateEvents: number;
}

const runHere = <T>(fn: () => T): T => fn();
// dd-trace's LLM Observability writer holds at most 1,000 events between its
// 1 s flushes and silently drops the rest; a large trace or a busy second
// would exceed that, so the buffer is flushed every this many spans.
const LLMOBS_FLUSH_EVERY_SPANS = 500;

/**
 * Hands trees of ended spans to dd-trace, parents before children, each with
 * its exact start and end time: through `tracer.llmobs.trace` (LLM
 * Observability; dd-trace also makes it an APM span) or `tracer.startSpan`
 * (APM only). Event spans become APM span events on their parent and, for LLM
 * Observability, a summary in the parent's metadata. Never throws: a span
 * dd-trace rejects is counted as dropped and logged once per cause.
 */
export class SpanEmitter implements TreeSink<EmittedSpan> {
  readonly #options: SpanEmitterOptions;
  // Roots start outside any span the application may have active, so an
  // emitted trace never nests under an unrelated dd-trace span.
  readonly #detached: <T>(fn: () => T) => T;
  #handedOver = 0;
  #sinceLLMObsFlush = 0;
  #eventsAttached = 0;
  #refused = 0;
  #lateEvents = 0;

  constructor(options: SpanEmitterOptions) {
    this.#options = options;
    this.#detached = AsyncResource.bind(runHere);
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
      // An event of a span already handed over: dd-trace serialised the parent at its finish.
      this.#lateEvents += 1;
      this.#options.log.warn(
        'late-event',
        'Datadog exporter: dropped an event span that ended after its parent',
      );
      return;
    }
    const events = node.children.filter((child) => child.span.isEvent && child.children.length === 0);
    const children = node.children.filter((child) => !events.includes(child));
    const run = parent?.run ?? this.#detached;
    try {
      run(() => {
        if (this.#options.llmobs === undefined) {
          this.#emitApm(node.span, events, children, parent, onEmitted);
        } else {
          this.#emitLLMObs(node.span, events, children, parent, onEmitted);
        }
      });
    } catch (error) {
      // dd-trace refused the span before its callback ran: its subtree is lost.
      this.#refused += countSpans(node);
      this.#options.log.error(
        'emit',
        'dd-trace rejected a span; its subtree was dropped: %s',
        describeError(error),
      );
    }
  }

  #emitLLMObs(
    span: ExportedAISpan,
    events: readonly SpanNode[],
    children: readonly SpanNode[],
    parent: EmittedSpan | undefined,
    onEmitted: (spanId: string, handle: EmittedSpan) => void,
  ): void {
    const llmobs = this.#options.llmobs as DdLLMObs;
    const eventSpans = events.map((event) => event.span);
    const mapping = mapLLMObsSpan(span, eventSpans, this.#options.mlApp);
    const apm = mapApmSpan(span, this.#options.service);
    const tags = this.#options.keepApm ? apm.tags : { ...apm.tags, 'manual.drop': true };
    llmobs.trace({ ...mapping.options, childOf: parent?.span ?? null, tags }, (ddSpan) => {
      this.#guard('annotate-io', () => {
        llmobs.annotate(ddSpan, {
          inputData: mapping.annotation.inputData,
          outputData: mapping.annotation.outputData,
        });
      });
      this.#guard('annotate', () => {
        const { inputData: _input, outputData: _output, ...rest } = mapping.annotation;
        llmobs.annotate(ddSpan, rest);
      });
      this.#finishTree(ddSpan, span, apm.operationName, mapping.endTime, eventSpans, children, onEmitted);
    });
  }

  #emitApm(
    span: ExportedAISpan,
    events: readonly SpanNode[],
    children: readonly SpanNode[],
    parent: EmittedSpan | undefined,
    onEmitted: (spanId: string, handle: EmittedSpan) => void,
  ): void {
    const apm = mapApmSpan(span, this.#options.service);
    const ddSpan = this.#options.tracer.startSpan(apm.operationName, {
      childOf: parent?.span ?? null,
      startTime: span.startTime,
      tags: apm.tags,
    });
    const eventSpans = events.map((event) => event.span);
    this.#finishTree(
      ddSpan,
      span,
      apm.operationName,
      span.endTime ?? span.startTime,
      eventSpans,
      children,
      onEmitted,
    );
  }

  /** Tags, events, children (in this span's context), then finish at the span's own end time. */
  #finishTree(
    ddSpan: DdSpan,
    span: ExportedAISpan,
    operationName: string,
    endTime: number,
    events: readonly ExportedAISpan[],
    children: readonly SpanNode[],
    onEmitted: (spanId: string, handle: EmittedSpan) => void,
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
    const handle: EmittedSpan = { span: ddSpan, run: AsyncResource.bind(runHere) };
    onEmitted(span.id, handle);
    for (const child of children) this.emit(child, handle, onEmitted);
    try {
      ddSpan.finish(endTime);
      this.#handedOver += 1;
    } catch (error) {
      this.#refused += 1;
      this.#options.log.error('finish', 'dd-trace failed to finish a span: %s', describeError(error));
    }
    if (this.#options.llmobs !== undefined && ++this.#sinceLLMObsFlush >= LLMOBS_FLUSH_EVERY_SPANS) {
      this.#sinceLLMObsFlush = 0;
      this.#guard('llmobs-flush', () => this.#options.llmobs?.flush());
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
