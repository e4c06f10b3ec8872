import type { BridgedSpan, ExportedAISpan } from '@aitracing/core';
import { type Context, context, type Span } from '@opentelemetry/api';

/** Ends the OpenTelemetry span of an aitracing span, with the bridge's mapping. */
export type FinishSpan = (span: Span, exported: ExportedAISpan | undefined, endTime: number) => void;

/**
 * One aitracing span mirrored as an OpenTelemetry span: its ids are the ones
 * the aitracing span adopts, its context the one made active while the
 * aitracing span is current.
 */
export class OtelBridgedSpan implements BridgedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** The context with this span active: where children and user code run */
  readonly context: Context;
  readonly #span: Span;
  readonly #finish: FinishSpan;

  constructor(span: Span, spanContext: Context, finish: FinishSpan) {
    const ids = span.spanContext();
    this.traceId = ids.traceId;
    this.spanId = ids.spanId;
    this.context = spanContext;
    this.#span = span;
    this.#finish = finish;
  }

  run<TResult>(fn: () => TResult): TResult {
    return context.with(this.context, fn);
  }

  end(exported: ExportedAISpan | undefined, endTime: number): void {
    this.#finish(this.#span, exported, endTime);
  }
}
