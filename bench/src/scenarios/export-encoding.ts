import { AITracingEventType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { createResource, OtlpTraceEncoder, SpanConverter } from '@aitracing/exporter-otel';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
// The conformance tests' adapter: the same spans as SDK ReadableSpans, for the official serializer.
import { toReadableSpans } from '../../../packages/exporter-otel/test/official-serializers';
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
const ENCODE_ONLY = 'aitracing: OTLP protobuf only (our encoder)';
const OFFICIAL_ENCODE_ONLY = 'same spans: OTLP protobuf only (official serializer)';
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
 * network: converting finished AI spans with our `SpanConverter` (GenAI
 * conventions), then encoding a 512-span OTLP request with our encoder. The
 * anchors encode the same converted spans with OpenTelemetry's serializer
 * (as SDK `ReadableSpan`s, built outside the timing), and OpenTelemetry SDK
 * spans of the same traces.
 */
export async function exportEncodingScenario(mode: RunMode): Promise<ScenarioReport> {
  const spans = await recordOurSpans();
  const otelSpans: ReadableSpan[] = recordOtelSpans(TRACES).slice(0, BATCH_SIZE);
  const converter = new SpanConverter({ resource: createResource({ serviceName: 'bench' }) });
  const encoder = new OtlpTraceEncoder();
  // Results land here so the engine cannot drop the encoding as dead code.
  const sink = { bytes: 0 };
  const convert = () => spans.map((span) => converter.convert(span));
  const converted = convert();
  const convertedAsSdkSpans = toReadableSpans(converted);
  const identical =
    Buffer.compare(
      encoder.encodeProtobuf(converted),
      ProtobufTraceSerializer.serializeRequest(convertedAsSdkSpans)!,
    ) === 0;
  const cases: TimedCase[] = [
    {
      name: CONVERT_PROTOBUF,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += encoder.encodeProtobuf(convert()).byteLength;
      },
    },
    {
      name: CONVERT_JSON,
      run(iterations) {
        for (let index = 0; index < iterations; index++) sink.bytes += encoder.encodeJson(convert()).length;
      },
    },
    {
      name: CONVERT_ONLY,
      run(iterations) {
        for (let index = 0; index < iterations; index++) sink.bytes += convert().length;
      },
    },
    {
      name: ENCODE_ONLY,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += encoder.encodeProtobuf(converted).byteLength;
      },
    },
    {
      name: OFFICIAL_ENCODE_ONLY,
      run(iterations) {
        for (let index = 0; index < iterations; index++)
          sink.bytes += ProtobufTraceSerializer.serializeRequest(convertedAsSdkSpans)?.byteLength ?? 0;
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
    role: timed.name === OTEL_PROTOBUF || timed.name === OFFICIAL_ENCODE_ONLY ? 'anchor' : 'ours',
    summary: summaries.get(timed.name)!,
  }));
  const protobuf = summaries.get(CONVERT_PROTOBUF)!.median;
  const encodingRatio = summaries.get(ENCODE_ONLY)!.median / summaries.get(OFFICIAL_ENCODE_ONLY)!.median;
  return {
    id: '5a',
    key: 'export-encoding',
    title: `Export pipeline, CPU only: OTel conversion + OTLP encoding (${BATCH_SIZE}-span requests, one core)`,
    unit: 'ns/span',
    showPerSecond: true,
    subject: CONVERT_PROTOBUF,
    results,
    targets: [
      checkTarget('convert + OTLP protobuf, spans per second', 1e9 / protobuf, '>=', 200_000),
      checkTarget('our encoding ÷ official serializer, same spans (below 1: faster)', encodingRatio, '<=', 1),
    ],
    notes: [
      `Encoder: exporter-otel's OtlpTraceEncoder (single pass); the anchor is @opentelemetry/otlp-transformer ${'0.223.0'}'s ProtobufTraceSerializer on the same spans. Bytes ${identical ? 'identical' : 'DIFFERENT'}; ${sink.bytes > 0 ? 'output checked non-empty' : 'NO OUTPUT'}.`,
    ],
    errors: [
      ...(sink.bytes > 0 ? [] : ['scenario 5a produced no bytes']),
      ...(identical ? [] : ['scenario 5a: our protobuf differs from the official serializer']),
    ],
  };
}
