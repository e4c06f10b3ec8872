import type { ProtobufWriter } from '@aitracing/core/exporter-kit';
import type { OtlpAttributes, OtlpAttributeValue, OtlpSpan, OtlpSpanEvent, OtlpSpanLink } from '../otlp-span';
import type { GroupedSpans } from './group-spans';

// Field numbers and the order of writing follow opentelemetry-proto's
// trace.proto and common.proto, and OpenTelemetry's own serializer, so that
// the bytes are identical for the same spans.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const MIN_INT64 = -(2 ** 63);
const MAX_INT64_EXCLUSIVE = 2 ** 63;
const FLAGS_HAS_IS_REMOTE = 0x100;
const FLAGS_IS_REMOTE = 0x200;

function writeAnyValue(writer: ProtobufWriter, value: OtlpAttributeValue): void {
  switch (typeof value) {
    case 'string':
      writer.writeStringField(1, value);
      return;
    case 'boolean':
      writer.writeBoolField(2, value);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64_EXCLUSIVE) {
        writer.writeTag(3, WIRE_VARINT);
        writer.writeVarint(value);
      } else {
        writer.writeDoubleField(4, value);
      }
      return;
    case 'object':
      if (value === null) return;
      if (value instanceof Uint8Array) {
        writer.writeBytesField(7, value);
      } else if (Array.isArray(value)) {
        const array = writer.startMessage(5);
        for (const item of value as readonly OtlpAttributeValue[]) {
          const itemMark = writer.startMessage(1);
          writeAnyValue(writer, item);
          writer.endMessage(itemMark);
        }
        writer.endMessage(array);
      } else {
        const list = writer.startMessage(6);
        writeKeyValues(writer, value as OtlpAttributes, 1);
        writer.endMessage(list);
      }
      return;
    default:
    // undefined, bigint, functions, symbols: an empty value, as OpenTelemetry writes them.
  }
}

/** Repeated `KeyValue` under `fieldNumber`, one per own enumerable key. */
function writeKeyValues(writer: ProtobufWriter, attributes: OtlpAttributes, fieldNumber: number): void {
  for (const key in attributes) {
    if (!Object.hasOwn(attributes, key)) continue;
    const keyValue = writer.startMessage(fieldNumber);
    writer.writeRepeatedStringField(1, key);
    const value = writer.startMessage(2);
    writeAnyValue(writer, attributes[key]);
    writer.endMessage(value);
    writer.endMessage(keyValue);
  }
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | FLAGS_HAS_IS_REMOTE | (isRemote ? FLAGS_IS_REMOTE : 0);
}

function writeEvent(writer: ProtobufWriter, event: OtlpSpanEvent): void {
  const mark = writer.startMessage(11);
  writer.writeUnixNanosField(1, event.timeMs);
  writer.writeStringField(2, event.name);
  if (event.attributes !== undefined) writeKeyValues(writer, event.attributes, 3);
  writer.writeVarintField(4, 0);
  writer.endMessage(mark);
}

function writeLink(writer: ProtobufWriter, link: OtlpSpanLink): void {
  const mark = writer.startMessage(13);
  writer.writeHexBytesField(1, link.traceId);
  writer.writeHexBytesField(2, link.spanId);
  if (link.traceState) writer.writeStringField(3, link.traceState);
  if (link.attributes !== undefined) writeKeyValues(writer, link.attributes, 4);
  writer.writeVarintField(5, 0);
  writer.writeFixed32Field(6, spanFlags(link.traceFlags ?? 1, link.isRemote));
  writer.endMessage(mark);
}

function writeSpan(writer: ProtobufWriter, span: OtlpSpan): void {
  const mark = writer.startMessage(2);
  writer.writeHexBytesField(1, span.traceId);
  writer.writeHexBytesField(2, span.spanId);
  if (span.traceState) writer.writeStringField(3, span.traceState);
  if (span.parentSpanId) writer.writeHexBytesField(4, span.parentSpanId);
  writer.writeStringField(5, span.name);
  writer.writeVarintField(6, span.kind);
  writer.writeTag(7, WIRE_FIXED64);
  writer.writeUnixNanosFromMillis(span.startTimeMs);
  writer.writeTag(8, WIRE_FIXED64);
  writer.writeUnixNanosFromMillis(span.endTimeMs);
  writeKeyValues(writer, span.attributes, 9);
  writer.writeVarintField(10, 0);
  for (const event of span.events) writeEvent(writer, event);
  writer.writeVarintField(12, 0);
  for (const link of span.links) writeLink(writer, link);
  writer.writeVarintField(14, 0);
  const status = writer.startMessage(15);
  if (span.statusMessage) writer.writeStringField(2, span.statusMessage);
  writer.writeVarintField(3, span.statusCode);
  writer.endMessage(status);
  writer.writeFixed32Field(
    16,
    spanFlags(span.traceFlags, span.parentSpanId === undefined ? undefined : span.parentIsRemote),
  );
  writer.endMessage(mark);
}

/** Write an `ExportTraceServiceRequest` for grouped spans into `writer`, in one pass. */
export function writeTraceRequest(writer: ProtobufWriter, groups: GroupedSpans): void {
  for (const [resource, scopes] of groups) {
    const resourceSpans = writer.startMessage(1);
    const resourceMark = writer.startMessage(1);
    writeKeyValues(writer, resource.attributes, 1);
    writer.writeVarintField(2, 0);
    writer.endMessage(resourceMark);
    for (const [scope, spans] of scopes) {
      const scopeSpans = writer.startMessage(2);
      const scopeMark = writer.startMessage(1);
      writer.writeStringField(1, scope.name);
      if (scope.version) writer.writeStringField(2, scope.version);
      if (scope.attributes !== undefined && Object.keys(scope.attributes).length > 0)
        writeKeyValues(writer, scope.attributes, 3);
      writer.endMessage(scopeMark);
      for (const span of spans) writeSpan(writer, span);
      if (scope.schemaUrl) writer.writeStringField(3, scope.schemaUrl);
      writer.endMessage(scopeSpans);
    }
    if (resource.schemaUrl) writer.writeStringField(3, resource.schemaUrl);
    writer.endMessage(resourceSpans);
  }
}
