// Public API of @aitracing/exporter-datadog. Every name here is a promise we keep.

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
export type { LLMObsSpanKind } from './llmobs-mapping';
export { LLMOBS_SPAN_KINDS } from './llmobs-mapping';
