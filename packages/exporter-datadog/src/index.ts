// Public API of @aitracing/exporter-datadog. Every name here is a promise we keep.

export type { DatadogEvaluationDropReason, DatadogEvaluationStats } from './datadog-evaluation-stats';
export { DatadogExporter } from './datadog-exporter';
export type {
  DatadogChannelStats,
  DatadogDeliveryDropReason,
  DatadogExporterMode,
  DatadogExporterOptions,
  DatadogExporterStats,
  DatadogSpanDropReason,
} from './datadog-exporter-options';
export { DATADOG_EXPORTER_ENV } from './datadog-exporter-options';
export type { DatadogTraceBridgeOptions } from './datadog-trace-bridge';
export { DatadogTraceBridge } from './datadog-trace-bridge';
export type { LLMObsEvaluationMetric, LLMObsEvaluationMetricType } from './llmobs-evaluation-mapping';
export { mapLLMObsEvaluation, ROOT_TRACE_TAG } from './llmobs-evaluation-mapping';
export type { LLMObsSpanKind } from './llmobs-mapping';
export { LLMOBS_SPAN_KINDS } from './llmobs-mapping';
