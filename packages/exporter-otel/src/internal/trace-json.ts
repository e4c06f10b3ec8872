import type { OtlpAttributes, OtlpAttributeValue, OtlpSpan } from '../otlp-span';
import type { GroupedSpans } from './group-spans';

// OTLP/JSON as OpenTelemetry's JSON serializer writes it: ids as hex, times
// as decimal strings of nanoseconds, integers as JSON numbers, bytes as
// base64, enums as numbers.

type JsonAnyValue = Record<string, unknown>;

function base64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function anyValue(value: OtlpAttributeValue): JsonAnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'object':
      if (value === null) return {};
      if (value instanceof Uint8Array) return { bytesValue: base64(value) };
      if (Array.isArray(value))
        return { arrayValue: { values: (value as OtlpAttributeValue[]).map(anyValue) } };
      return { kvlistValue: { values: keyValues(value as OtlpAttributes) } };
    default:
      return {};
  }
}

function keyValues(attributes: OtlpAttributes): Array<{ key: string; value: JsonAnyValue }> {
  return Object.keys(attributes).map((key) => ({ key, value: anyValue(attributes[key]) }));
}

/** Unix nanoseconds as a decimal string, exact beyond 2^53, from epoch milliseconds with a fraction. */
export function unixNanosText(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  let nanos = Math.round((epochMs - seconds * 1000) * 1e6);
  if (nanos > 999_999_999) nanos = 999_999_999;
  else if (!(nanos > 0)) nanos = 0;
  if (seconds <= 0) return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
  return `${seconds}${String(nanos).padStart(9, '0')}`;
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | 0x100 | (isRemote ? 0x200 : 0);
}

function jsonSpan(span: OtlpSpan): Record<string, unknown> {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId || undefined,
    traceState: span.traceState,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: unixNanosText(span.startTimeMs),
    endTimeUnixNano: unixNanosText(span.endTimeMs),
    attributes: keyValues(span.attributes),
    droppedAttributesCount: 0,
    events: span.events.map((event) => ({
      attributes: event.attributes === undefined ? [] : keyValues(event.attributes),
      name: event.name,
      timeUnixNano: unixNanosText(event.timeMs),
      droppedAttributesCount: 0,
    })),
    droppedEventsCount: 0,
    status: { code: span.statusCode, message: span.statusMessage },
    links: span.links.map((link) => ({
      attributes: link.attributes === undefined ? [] : keyValues(link.attributes),
      spanId: link.spanId,
      traceId: link.traceId,
      traceState: link.traceState,
      droppedAttributesCount: 0,
      flags: spanFlags(link.traceFlags ?? 1, link.isRemote),
    })),
    droppedLinksCount: 0,
    flags: spanFlags(span.traceFlags, span.parentSpanId === undefined ? undefined : span.parentIsRemote),
  };
}

/** The `ExportTraceServiceRequest` of grouped spans as OTLP/JSON text. */
export function traceRequestJson(groups: GroupedSpans): string {
  const resourceSpans: unknown[] = [];
  for (const [resource, scopes] of groups) {
    const scopeSpans: unknown[] = [];
    for (const [scope, spans] of scopes) {
      const jsonScope: Record<string, unknown> = { name: scope.name, version: scope.version };
      if (scope.attributes !== undefined && Object.keys(scope.attributes).length > 0) {
        jsonScope.attributes = keyValues(scope.attributes);
        jsonScope.droppedAttributesCount = 0;
      }
      scopeSpans.push({ scope: jsonScope, spans: spans.map(jsonSpan), schemaUrl: scope.schemaUrl });
    }
    const jsonResource: Record<string, unknown> = {
      attributes: keyValues(resource.attributes),
      droppedAttributesCount: 0,
    };
    if (resource.schemaUrl) jsonResource.schemaUrl = resource.schemaUrl;
    resourceSpans.push({ resource: jsonResource, scopeSpans, schemaUrl: resource.schemaUrl || undefined });
  }
  return JSON.stringify({ resourceSpans });
}
