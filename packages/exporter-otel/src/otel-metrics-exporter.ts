import { createRequire } from 'node:module';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  AI_METRICS,
  type AIMetricName,
  AIMetricsObserver,
  type MetricLabels,
  type MetricRecorder,
} from '@aitracing/metrics';
import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { OTLPMetricExporter as HttpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as HttpProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { grpcExporterConfig } from './internal/metrics-grpc-config';
import {
  type OtelExporterOptions,
  type ResolvedOtelExporterOptions,
  resolveOtelExporterOptions,
} from './otel-exporter-options';
import { createResource } from './resource';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version';

const RESOLVED = Promise.resolve();

/** Options of {@link OtelMetricsExporter}: the trace exporter's options plus the export interval. */
export interface OtelMetricsExporterOptions extends OtelExporterOptions {
  /** How often metrics are pushed. @defaultValue `OTEL_METRIC_EXPORT_INTERVAL` or `60000` */
  exportIntervalMs?: number;
  /** Distinct values kept per label (model, provider, tool); more become `other`. @defaultValue `100` */
  maxLabelValues?: number;
}

function metricsUrl(options: ResolvedOtelExporterOptions, env: NodeJS.ProcessEnv): string {
  if (env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) return env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT;
  return options.url.endsWith('/v1/traces')
    ? `${options.url.slice(0, -'/v1/traces'.length)}/v1/metrics`
    : options.url;
}

function createMetricExporter(options: ResolvedOtelExporterOptions, url: string): PushMetricExporter {
  const config = { url, headers: options.headers, timeoutMillis: options.exportTimeoutMs };
  if (options.protocol === 'grpc') {
    // Optional peer dependency, as for traces; headers travel as gRPC metadata.
    const load = createRequire(import.meta.url);
    const { OTLPMetricExporter } = load('@opentelemetry/exporter-metrics-otlp-grpc') as {
      OTLPMetricExporter: new (config: Record<string, unknown>) => PushMetricExporter;
    };
    return new OTLPMetricExporter(grpcExporterConfig({ ...options, url }));
  }
  return options.protocol === 'http/json'
    ? new HttpJsonMetricExporter(config)
    : new HttpProtobufMetricExporter(config);
}

/**
 * Exports AI metrics derived from finished spans — the same ones
 * `AIMetricsCollector` from `@aitracing/metrics` serves as Prometheus text (`ai_llm_requests_total`,
 * `ai_llm_tokens_total`, `ai_llm_duration_seconds`,
 * `ai_llm_time_to_first_token_seconds`, `ai_llm_cost_usd_total`,
 * `ai_tool_calls_total`, `ai_errors_total`) — as OTLP metrics, with the same
 * endpoint options and env variables as `OtelExporter` (metrics go to
 * `/v1/metrics`, or `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`). Never throws into
 * the app.
 *
 * @example
 * ```ts
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support',
 *   exporters: [new OtelExporter(), new OtelMetricsExporter()],
 * });
 * ```
 */
export class OtelMetricsExporter implements AITracingExporter, MetricRecorder {
  readonly name = 'otel-metrics';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED] as const;
  readonly #options: OtelMetricsExporterOptions;
  readonly #resolved: ResolvedOtelExporterOptions;
  readonly #url: string;
  #provider: MeterProvider | undefined;
  #observer: AIMetricsObserver | undefined;
  readonly #counters = new Map<AIMetricName, Counter>();
  readonly #histograms = new Map<AIMetricName, Histogram>();
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for invalid options. */
  constructor(options: OtelMetricsExporterOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    this.#options = options;
    this.#resolved = resolveOtelExporterOptions(options, env);
    this.#url = metricsUrl(this.#resolved, env);
  }

  init(options: ExporterInitOptions): void {
    this.#start(options.serviceName);
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
    if (this.#observer === undefined) this.#start(undefined);
    this.#observer?.observe(event.exportedSpan, this);
    return RESOLVED;
  }

  /** @internal Counter increment from the shared observer. */
  add(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#counters.get(name)?.add(value, labels);
  }

  /** @internal Histogram observation from the shared observer. */
  record(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#histograms.get(name)?.record(value, labels);
  }

  /** Push the current metrics now. */
  async flush(): Promise<void> {
    try {
      await this.#provider?.forceFlush();
    } catch {
      // The SDK reports export errors through its own diagnostics; flushing never throws.
    }
  }

  /** Push a last time and stop. Runs once. */
  shutdown(): Promise<void> {
    this.#shutdownPromise ??= (async () => {
      try {
        await this.#provider?.shutdown();
      } catch {
        // Shutdown always settles.
      }
    })();
    return this.#shutdownPromise;
  }

  #start(serviceName: string | undefined): void {
    if (this.#provider !== undefined) return;
    const service =
      this.#resolved.serviceName ?? serviceName ?? process.env.OTEL_SERVICE_NAME ?? 'unknown_service';
    const interval =
      this.#options.exportIntervalMs ?? Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000);
    this.#provider = new MeterProvider({
      resource: resourceFromAttributes(
        createResource({
          serviceName: service,
          ...(this.#resolved.serviceVersion === undefined
            ? {}
            : { serviceVersion: this.#resolved.serviceVersion }),
          ...(this.#resolved.environment === undefined ? {} : { environment: this.#resolved.environment }),
          attributes: this.#resolved.resourceAttributes,
        }).attributes as Attributes,
      ),
      readers: [
        new PeriodicExportingMetricReader({
          exporter: createMetricExporter(this.#resolved, this.#url),
          exportIntervalMillis: Number.isFinite(interval) && interval > 0 ? interval : 60_000,
          exportTimeoutMillis: this.#resolved.exportTimeoutMs,
        }),
      ],
    });
    const meter = this.#provider.getMeter(PACKAGE_NAME, PACKAGE_VERSION);
    for (const [name, definition] of Object.entries(AI_METRICS) as Array<
      [AIMetricName, (typeof AI_METRICS)[AIMetricName]]
    >) {
      if (definition.type === 'counter') {
        this.#counters.set(
          name,
          meter.createCounter(name, { description: definition.help, unit: definition.unit }),
        );
      } else {
        this.#histograms.set(
          name,
          meter.createHistogram(name, {
            description: definition.help,
            unit: definition.unit,
            advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
          }),
        );
      }
    }
    const observerOptions: { serviceName: string; maxLabelValues?: number } = { serviceName: service };
    if (this.#options.maxLabelValues !== undefined)
      observerOptions.maxLabelValues = this.#options.maxLabelValues;
    this.#observer = new AIMetricsObserver(observerOptions);
  }
}
