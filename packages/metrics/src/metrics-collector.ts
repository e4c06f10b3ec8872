import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type ExporterInitOptions,
} from '@aitracing/core';
import { AI_METRICS, type AIMetricName, type MetricLabels } from './ai-metric-definitions';
import { AIMetricsObserver, type AIMetricsOptionalLabels, type MetricRecorder } from './ai-metrics-observer';
import { MetricStore } from './internal/metric-store';
import type { MetricFamily, MetricSeries } from './metric-family';
import { renderPrometheusText } from './prometheus-text';

/** Options of {@link AIMetricsCollector}. */
export interface AIMetricsCollectorOptions {
  /** Distinct values kept per label (model, provider, tool); more become `other`. @defaultValue `100` */
  maxLabelValues?: number;
  /** The `service` label. @defaultValue the tracing instance's `serviceName` */
  serviceName?: string;
  /**
   * Opt-in metrics per end user and per session (tokens and cost), within
   * the `maxLabelValues` cap. @defaultValue none
   * @example `{ user: true, session: true }`
   */
  labels?: AIMetricsOptionalLabels;
}

const RESOLVED = Promise.resolve();

/**
 * An exporter that turns finished spans into AI metrics in memory —
 * `ai_llm_requests_total`, `ai_llm_tokens_total`, `ai_llm_duration_seconds`,
 * `ai_llm_time_to_first_token_seconds`, `ai_llm_cost_usd_total`,
 * `ai_tool_calls_total`, `ai_errors_total` — ready to be scraped as
 * Prometheus text (`toPrometheus()`, `createPrometheusHandler`) without any
 * user code. Label cardinality is capped, so memory stays bounded.
 *
 * @example
 * ```ts
 * const metrics = new AIMetricsCollector();
 * const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [metrics] });
 * http.createServer(createPrometheusHandler(metrics)).listen(9464);
 * ```
 */
export class AIMetricsCollector implements AITracingExporter, MetricRecorder {
  readonly name = 'ai-metrics';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED] as const;
  readonly #options: AIMetricsCollectorOptions;
  readonly #store = new MetricStore();
  #observer: AIMetricsObserver;

  constructor(options: AIMetricsCollectorOptions = {}) {
    this.#options = options;
    this.#observer = this.#createObserver(options.serviceName ?? 'unknown_service');
  }

  init(options: ExporterInitOptions): void {
    if (this.#options.serviceName === undefined) this.#observer = this.#createObserver(options.serviceName);
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SPAN_ENDED) this.#observer.observe(event.exportedSpan, this);
    return RESOLVED;
  }

  /** @internal Counter increment (the collector is its own recorder). */
  add(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#store.add(name, value, labels);
  }

  /** @internal Histogram observation. */
  record(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#store.record(name, value, labels);
  }

  /** Every metric with its series (histogram buckets cumulative, Prometheus style). */
  getSnapshot(): MetricFamily[] {
    const names = (Object.keys(AI_METRICS) as AIMetricName[]).filter(
      // Opt-in metrics appear once they have data: a collector without them prints what it always did.
      (name) =>
        AI_METRICS[name].optIn !== true || this.#store.series(name)[Symbol.iterator]().next().done !== true,
    );
    return names.map((name) => {
      const definition = AI_METRICS[name];
      const series = [...this.#store.series(name)].map((entry): MetricSeries => {
        if (definition.type === 'counter') return { labels: entry.labels, value: entry.value };
        const bounds = definition.buckets ?? [];
        // Prometheus buckets are cumulative: each counts every value up to its bound.
        let below = 0;
        return {
          labels: entry.labels,
          value: entry.value,
          count: entry.count,
          buckets: bounds.map((le, index) => {
            below += entry.bucketCounts?.[index] ?? 0;
            return { le, count: below };
          }),
        };
      });
      return { name, type: definition.type, help: definition.help, series };
    });
  }

  /** The metrics in the Prometheus text exposition format (version 0.0.4). */
  toPrometheus(): string {
    return renderPrometheusText(this.getSnapshot());
  }

  /** Forget every series (counters restart at zero). */
  reset(): void {
    this.#store.clear();
  }

  flush(): Promise<void> {
    return RESOLVED;
  }

  shutdown(): Promise<void> {
    return RESOLVED;
  }

  #createObserver(serviceName: string): AIMetricsObserver {
    const options: { serviceName: string; maxLabelValues?: number; labels?: AIMetricsOptionalLabels } = {
      serviceName,
    };
    if (this.#options.maxLabelValues !== undefined) options.maxLabelValues = this.#options.maxLabelValues;
    if (this.#options.labels !== undefined) options.labels = this.#options.labels;
    return new AIMetricsObserver(options);
  }
}
