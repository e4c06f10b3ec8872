// Public API of @aitracing/exporter-otel.

export type { BatchQueueStats, DropReason } from '@aitracing/core/exporter-kit';
export type { EvaluationResultMapping } from './evaluation-result';
export { EVALUATION_RESULT_EVENT, mapEvaluationResult, scoreSpanId } from './evaluation-result';
export type { GenAiEvent, GenAiMapping, GenAiMappingOptions } from './genai-attributes';
export { ATTRIBUTE_PREFIX, INFERENCE_DETAILS_EVENT, METADATA_PREFIX, mapGenAi } from './genai-attributes';
export type { GenAiConventions } from './genai-conventions';
export {
  GENAI_CAPTURE_MESSAGE_CONTENT_ENV,
  resolveGenAiConventions,
  SEMCONV_STABILITY_OPT_IN_ENV,
} from './genai-conventions';
export { mapOpenInference } from './openinference-attributes';
export { OtelExporter } from './otel-exporter';
export type { OtelExporterOptions } from './otel-exporter-options';
export type { OtelMetricsExporterOptions } from './otel-metrics-exporter';
export { OtelMetricsExporter } from './otel-metrics-exporter';
export type { OtlpProtocol } from './otlp-protocol';
export type {
  OtlpAttributes,
  OtlpAttributeValue,
  OtlpInstrumentationScope,
  OtlpResource,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatusCode,
} from './otlp-span';
export { OtlpSpanKind } from './otlp-span';
export { OtlpTraceEncoder } from './otlp-trace-encoder';
export type { OtlpPreset } from './provider-presets';
export type { QueuedSpanExporterOptions } from './queued-span-exporter';
export { QueuedSpanExporter } from './queued-span-exporter';
export type { ResourceOptions } from './resource';
export { createResource } from './resource';
export type { SpanConverterOptions } from './span-converter';
export { INSTRUMENTATION_SCOPE, SpanConverter } from './span-converter';
