import { AITracingEventType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { createResource, SpanConverter } from '@aitracing/exporter-otel';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { aitracingTrace } from '../contenders/aitracing';
import { recordOtelSpans } from '../contenders/otel-sdk';
import { type TimedCase, timeInterleaved } from '../harness';
import { type ContenderResult, checkTarget, type ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { SPANS_PER_TRACE } from '../workload/trace-shape';

/** Spans per OTLP request: the OTel exporter's default `maxBatchSize`. */
const BATCH_SIZE = 512;
const TRACES = Math.ceil(BATCH_SIZE / SPANS_PER_TRACE);

const CONVERT_PROTOBUF = 'aitracing: convert + OTLP protobuf';
const CONVERT_JSON = 'aitracing: convert + OTLP JSON';
const CONVERT_ONLY = 'aitracing: convert only';
const OTEL_PROTOBUF = 'OpenTelemetry SDK spans: OTLP protobuf only';

async function recordOurSpans(): Promise<ExportedAISpan[]> {
  const memory = new InMemoryExporter({ eventTypes: [AITracingEventType.SPAN_ENDED] });
  const tracing = new DefaultAITracing({ serviceName: 'bench', exporters: [memory] });
  for (let index = 0; index < TRACES; index++) aitracingTrace(tracing);
  await tracing.shutdown();
  return memory.getFinishedSpans().slice(0, BATCH_SIZE);
}

/**
 * Scenario 5a: the exporter's own CPU cost per span, everything but the
 * network: converting finished AI spans into OpenTelemetry spans with our
 * `SpanConverter` (GenAI conventions), then encoding a 512-span OTLP request
 * with the official serializer. The anchor encodes OpenTelemetry SDK spans
 * of the same traces (no conversion needed).
 */
export async function exportEncodingScenario(mode: RunMode): Promise<ScenarioReport> {
  const spans = await recordOurSpans();
  const otelSpans: ReadableSpan[] = recordOtelSpans(TRACES).slice(0, BATCH_SIZE);
  const converter = new SpanConverter({ resource: createResource({ serviceName: 'bench' }) });
  // Results land here so the engine cannot drop the encoding as dead code.
  const sink = { bytes: 0 };
  const convert = () => spans.map((span) => converter.convert(span));
  const cases: TimedCase[] = [
    {
      name: CONVERT_PROTOBUF,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += ProtobufTraceSerializer.serializeRequest(convert())?.byteLength ?? 0;
      },
    },
    {
      name: CONVERT_JSON,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += JsonTraceSerializer.serializeRequest(convert())?.byteLength ?? 0;
      },
    },
    {
      name: CONVERT_ONLY,
      run(iterations) {
        for (let index = 0; index < iterations; index++) sink.bytes += convert().length;
      },
    },
    {
      name: OTEL_PROTOBUF,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += ProtobufTraceSerializer.serializeRequest(otelSpans)?.byteLength ?? 0;
      },
    },
  ];
  const summaries = await timeInterleaved(cases, { ...mode.timing, unitsPerIteration: BATCH_SIZE });
  const results: ContenderResult[] = cases.map((timed) => ({
    name: timed.name,
    role: timed.name === OTEL_PROTOBUF ? 'anchor' : 'ours',
    summary: summaries.get(timed.name)!,
  }));
  const protobuf = summaries.get(CONVERT_PROTOBUF)!.median;
  return {
    id: '5a',
    key: 'export-encoding',
    title: `Export pipeline, CPU only: OTel conversion + OTLP encoding (${BATCH_SIZE}-span requests, one core)`,
    unit: 'ns/span',
    showPerSecond: true,
    subject: CONVERT_PROTOBUF,
    results,
    targets: [checkTarget('convert + OTLP protobuf, spans per second', 1e9 / protobuf, '>=', 200_000)],
    notes: [
      `Encoder: @opentelemetry/otlp-transformer's ProtobufTraceSerializer (what the OTLP exporters send); ${sink.bytes > 0 ? 'output checked non-empty' : 'NO OUTPUT'}.`,
    ],
    errors: sink.bytes > 0 ? [] : ['scenario 5a produced no bytes'],
  };
}
