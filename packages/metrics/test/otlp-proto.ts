import { createRequire } from 'node:module';

// The static protobuf root of the real opentelemetry-proto definitions, as
// shipped by @opentelemetry/otlp-transformer up to 0.216.x (aliased as a dev
// dependency; later versions serialise without it).
interface ProtoType {
  decode(buffer: Uint8Array): unknown;
  fromObject(object: Record<string, unknown>): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
const root = createRequire(import.meta.url)('otlp-transformer-protos/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: { metrics: { v1: Record<string, ProtoType> } } } };
};
const RequestType = root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest!;
const TO_OBJECT = { longs: String, bytes: String, defaults: false };

/** Decode an `ExportMetricsServiceRequest` from protobuf bytes with the official definitions. */
export function decodeMetricsProtobuf(bytes: Uint8Array): Record<string, unknown> {
  return RequestType.toObject(RequestType.decode(bytes), TO_OBJECT);
}

/** Read an OTLP/JSON `ExportMetricsServiceRequest` with the official definitions (as a receiver would). */
export function decodeMetricsJson(text: string): Record<string, unknown> {
  return RequestType.toObject(RequestType.fromObject(JSON.parse(text) as Record<string, unknown>), TO_OBJECT);
}
