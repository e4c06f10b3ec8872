import { ProtobufWriter } from '@aitracing/core/exporter-kit';
import { groupSpans } from './internal/group-spans';
import { traceRequestJson } from './internal/trace-json';
import { writeTraceRequest } from './internal/trace-protobuf';
import type { OtlpSpan } from './otlp-span';

/**
 * Encodes spans as an OTLP `ExportTraceServiceRequest`, grouped by resource
 * and instrumentation scope (by object identity, in order of first
 * appearance): protobuf in a single pass over a reused buffer, or OTLP/JSON.
 * The bytes are those OpenTelemetry's own serializers produce for the same
 * spans (proven by the conformance tests), without any OpenTelemetry
 * package. Not safe to share between concurrent encodes (it is synchronous,
 * so one per exporter is enough). Throws only for values it cannot
 * represent as JSON (a `bigint` inside an attribute array, for instance).
 *
 * @example
 * ```ts
 * const encoder = new OtlpTraceEncoder();
 * const converter = new SpanConverter({ resource: createResource({ serviceName: 'support' }) });
 * const body = encoder.encodeProtobuf([converter.convert(exportedSpan)]);
 * await fetch('http://localhost:4318/v1/traces', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/x-protobuf' },
 *   body,
 * });
 * ```
 */
export class OtlpTraceEncoder {
  readonly #writer = new ProtobufWriter();

  /** OTLP protobuf bytes (`application/x-protobuf`); a fresh array the caller owns. */
  encodeProtobuf(spans: readonly OtlpSpan[]): Uint8Array {
    const writer = this.#writer;
    writer.reset();
    writeTraceRequest(writer, groupSpans(spans));
    return writer.detach();
  }

  /** OTLP/JSON text (`application/json`). */
  encodeJson(spans: readonly OtlpSpan[]): string {
    return traceRequestJson(groupSpans(spans));
  }
}
