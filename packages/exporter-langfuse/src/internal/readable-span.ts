import type { OtlpSpan } from '@aitracing/exporter-otel';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

// The converted span a view stands for.
const SOURCE = Symbol('aitracing.otlpSpan');

type View = ReadableSpan & { readonly [SOURCE]: OtlpSpan };

function hrTime(epochMs: number): [number, number] {
  const seconds = Math.floor(epochMs / 1000);
  return [seconds, Math.max(0, Math.min(999_999_999, Math.round((epochMs - seconds * 1000) * 1e6)))];
}

/**
 * A `ReadableSpan` view of a converted span for `LangfuseSpanProcessor`
 * (its masking hook). The view shares the span's attributes object, so what
 * the processor masks in place is what gets encoded.
 */
export function toReadableSpan(span: OtlpSpan): ReadableSpan {
  const spanContext = { traceId: span.traceId, spanId: span.spanId, traceFlags: span.traceFlags };
  const start = hrTime(span.startTimeMs);
  const end = hrTime(span.endTimeMs);
  const view: View = {
    [SOURCE]: span,
    name: span.name,
    kind: span.kind - 1,
    spanContext: () => spanContext,
    parentSpanContext:
      span.parentSpanId === undefined
        ? undefined
        : {
            traceId: span.traceId,
            spanId: span.parentSpanId,
            traceFlags: span.traceFlags,
            isRemote: span.parentIsRemote,
          },
    startTime: start,
    endTime: end,
    duration: hrTime(Math.max(0, span.endTimeMs - span.startTimeMs)),
    status: { code: span.statusCode, message: span.statusMessage },
    attributes: span.attributes as ReadableSpan['attributes'],
    links: [],
    events: [],
    ended: true,
    resource: { attributes: span.resource.attributes } as unknown as ReadableSpan['resource'],
    instrumentationScope: { name: span.scope.name, version: span.scope.version },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
  return view;
}

/** The converted span behind a view made by {@link toReadableSpan}; undefined for any other span. */
export function fromReadableSpan(span: ReadableSpan): OtlpSpan | undefined {
  return (span as Partial<View>)[SOURCE];
}
