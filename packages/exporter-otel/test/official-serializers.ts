import type { Attributes, HrTime } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OtlpInstrumentationScope, OtlpResource, OtlpSpan } from '../src/otlp-span';

// The same spans as OpenTelemetry SDK `ReadableSpan`s, for OpenTelemetry's
// own serializers (a dev dependency, for these tests only).

function hrTime(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  let nanos = Math.round((epochMs - seconds * 1000) * 1e6);
  if (nanos > 999_999_999) nanos = 999_999_999;
  return [seconds, Math.max(0, nanos)];
}

function traceState(value: string | undefined) {
  return value === undefined ? undefined : ({ serialize: () => value } as never);
}

/** `ReadableSpan`s for `spans`, one SDK resource and scope object per one of ours (grouping is by identity). */
export function toReadableSpans(spans: readonly OtlpSpan[]): ReadableSpan[] {
  const resources = new Map<OtlpResource, ReadableSpan['resource']>();
  const scopes = new Map<OtlpInstrumentationScope, ReadableSpan['instrumentationScope']>();
  return spans.map((span) => {
    let resource = resources.get(span.resource);
    if (resource === undefined) {
      resource = { attributes: span.resource.attributes, schemaUrl: span.resource.schemaUrl } as never;
      resources.set(span.resource, resource!);
    }
    let scope = scopes.get(span.scope);
    if (scope === undefined) {
      scope = { ...span.scope } as ReadableSpan['instrumentationScope'];
      scopes.set(span.scope, scope);
    }
    const context = {
      traceId: span.traceId,
      spanId: span.spanId,
      traceFlags: span.traceFlags,
      traceState: traceState(span.traceState),
    };
    return {
      name: span.name,
      kind: span.kind - 1,
      spanContext: () => context,
      parentSpanContext:
        span.parentSpanId === undefined
          ? undefined
          : {
              traceId: span.traceId,
              spanId: span.parentSpanId,
              traceFlags: span.traceFlags,
              isRemote: span.parentIsRemote,
            },
      startTime: hrTime(span.startTimeMs),
      endTime: hrTime(span.endTimeMs),
      duration: [0, 0],
      status: { code: span.statusCode, message: span.statusMessage },
      attributes: span.attributes as Attributes,
      links: span.links.map((link) => ({
        context: {
          traceId: link.traceId,
          spanId: link.spanId,
          traceFlags: link.traceFlags ?? 1,
          isRemote: link.isRemote,
          traceState: traceState(link.traceState),
        },
        attributes: link.attributes as Attributes | undefined,
      })),
      events: span.events.map((event) => ({
        name: event.name,
        time: hrTime(event.timeMs),
        attributes: event.attributes as Attributes | undefined,
      })),
      ended: true,
      resource: resource!,
      instrumentationScope: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    } satisfies ReadableSpan;
  });
}

/** OpenTelemetry's protobuf bytes for the same spans. */
export function officialProtobuf(spans: readonly OtlpSpan[]): Uint8Array {
  return ProtobufTraceSerializer.serializeRequest(toReadableSpans(spans))!;
}

/** OpenTelemetry's OTLP/JSON for the same spans, parsed. */
export function officialJson(spans: readonly OtlpSpan[]): unknown {
  return JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(toReadableSpans(spans))));
}
