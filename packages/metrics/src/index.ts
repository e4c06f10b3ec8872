// Public API of @aitracing/metrics. Every name here is a promise we keep.

export type { AIMetricDefinition, AIMetricName, MetricLabels } from './ai-metric-definitions';
export { AI_METRICS } from './ai-metric-definitions';
export type {
  AIMetricsObserverOptions,
  AIMetricsOptionalLabels,
  MetricRecorder,
} from './ai-metrics-observer';
export { AIMetricsObserver } from './ai-metrics-observer';
export { OTHER_LABEL_VALUE } from './label-limiter';
export type { MetricFamily, MetricSeries } from './metric-family';
export type { AIMetricsCollectorOptions } from './metrics-collector';
export { AIMetricsCollector } from './metrics-collector';
export type { OtlpMetricsExporterStats } from './otlp-metrics-exporter';
export { OtlpMetricsExporter } from './otlp-metrics-exporter';
export type {
  OtlpMetricsExporterOptions,
  OtlpMetricsProtocol,
  OtlpMetricsTransport,
  ResourceAttributeValue,
} from './otlp-metrics-options';
export type { PrometheusServer } from './prometheus-endpoint';
export {
  createPrometheusHandler,
  PROMETHEUS_CONTENT_TYPE,
  startPrometheusServer,
} from './prometheus-endpoint';
export { renderPrometheusText } from './prometheus-text';
