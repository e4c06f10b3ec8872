import { type AITracingLogger, DefaultAITracing } from '@aitracing/core';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter } from '@aitracing/exporter-otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { aitracingTrace } from './aitracing';
import { otelTrace } from './otel-sdk';

/** Counters of an exporter queue: what it accepted, delivered and dropped. */
export interface QueueStats {
  readonly accepted: number;
  readonly exported: number;
  readonly dropped: Readonly<Record<'queueFull' | 'rejected' | 'retriesExhausted' | 'shutdown', number>>;
}

/** Tracing plus a real exporter sending OTLP/HTTP to `url`. */
export interface QueuePipeline {
  readonly name: string;
  readonly role: 'ours' | 'anchor';
  /** One standard trace. */
  trace(): void;
  /** Everything ended so far is sent (or dropped). */
  flush(): Promise<void>;
  /** The exporter's own counters; undefined when it keeps none. */
  stats(): QueueStats | undefined;
  /** Flush within `timeoutMs`, then release everything. */
  shutdown(timeoutMs: number): Promise<void>;
}

/** Exporter settings shared by every pipeline (defaults otherwise). */
export interface PipelineOptions {
  /** OTLP traces URL (`…/v1/traces`). */
  readonly url: string;
  /** Timeout of one request, the transport's retries included. */
  readonly exportTimeoutMs: number;
  /** How long a failing batch is retried before it is dropped. */
  readonly maxRetryDurationMs: number;
}

/**
 * Warnings about a dead backend are expected here (and logged once each by
 * the exporters); they are counted instead of printed over the table.
 */
export const logged = { warnings: 0, errors: 0 };

const COUNTING_LOGGER: AITracingLogger = {
  debug() {},
  info() {},
  warn() {
    logged.warnings++;
  },
  error() {
    logged.errors++;
  },
};

function oursWith(name: string, exporter: OtelExporter | LangfuseExporter): QueuePipeline {
  const tracing = new DefaultAITracing({
    serviceName: 'bench',
    exporters: [exporter],
    logger: COUNTING_LOGGER,
  });
  return {
    name,
    role: 'ours',
    trace: () => aitracingTrace(tracing),
    flush: () => tracing.flush(),
    stats: () => exporter.getStats(),
    shutdown: (timeoutMs) => tracing.shutdown(timeoutMs),
  };
}

/** aitracing with `@aitracing/exporter-otel` (OTLP http/protobuf, default queue settings). */
export function oursWithOtelExporter(options: PipelineOptions): QueuePipeline {
  const exporter = new OtelExporter({
    endpoint: options.url,
    exportTimeoutMs: options.exportTimeoutMs,
    maxRetryDurationMs: options.maxRetryDurationMs,
  });
  return oursWith('aitracing + exporter-otel (OTLP protobuf)', exporter);
}

/** aitracing with `@aitracing/exporter-langfuse` (Langfuse's OTLP endpoint, default queue settings). */
export function oursWithLangfuseExporter(options: PipelineOptions): QueuePipeline {
  const exporter = new LangfuseExporter({
    baseUrl: new URL(options.url).origin,
    publicKey: 'pk-lf-bench',
    secretKey: 'sk-lf-bench',
    exportTimeoutMs: options.exportTimeoutMs,
    maxRetryDurationMs: options.maxRetryDurationMs,
  });
  return oursWith('aitracing + exporter-langfuse (OTLP protobuf)', exporter);
}

/** OpenTelemetry SDK with its Batch span processor and the official OTLP/proto exporter. */
export function otelSdkPipeline(options: PipelineOptions): QueuePipeline {
  const processor = new BatchSpanProcessor(
    new OTLPTraceExporter({ url: options.url, timeoutMillis: options.exportTimeoutMs }),
  );
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer('bench');
  return {
    name: 'OpenTelemetry SDK 2.12, Batch + OTLP/proto exporter',
    role: 'anchor',
    trace: () => otelTrace(tracer),
    flush: () => provider.forceFlush(),
    stats: () => undefined,
    shutdown: async () => {
      await provider.shutdown();
    },
  };
}
