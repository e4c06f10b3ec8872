import { type AITracing, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { createResource, SpanConverter } from '@aitracing/exporter-otel';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Contender } from './harness';

/**
 * Contenders for the OTel exporter's own cost: converting finished AI spans
 * to OpenTelemetry spans, then encoding them as an OTLP protobuf (or JSON)
 * request body — everything but the network.
 */
export async function otelEncodingContenders(
  traceOnce: (tracing: AITracing) => void,
): Promise<{ contenders: Contender[]; spansPerTrace: number }> {
  const memory = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'bench', exporters: [memory] });
  traceOnce(tracing);
  await tracing.flush();
  const spans: readonly ExportedAISpan[] = memory.getFinishedSpans();
  const converter = new SpanConverter({ resource: createResource({ serviceName: 'bench' }) });
  // Results land here so the engine cannot skip the encoding as dead code.
  const sink = { bytes: 0 };
  const contender = (
    name: string,
    encode: (batch: ReturnType<SpanConverter['convert']>[]) => Uint8Array | undefined,
  ) => ({
    name,
    run(iterations: number) {
      for (let i = 0; i < iterations; i++) {
        const batch = spans.map((span) => converter.convert(span));
        sink.bytes += encode(batch)?.byteLength ?? 0;
      }
    },
  });
  return {
    spansPerTrace: spans.length,
    contenders: [
      contender('convert + OTLP protobuf', (batch) => ProtobufTraceSerializer.serializeRequest(batch)),
      contender('convert + OTLP JSON', (batch) => JsonTraceSerializer.serializeRequest(batch)),
      contender('convert only', () => undefined),
    ],
  };
}
