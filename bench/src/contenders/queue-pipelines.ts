import { type AITracingLogger, DefaultAITracing, Observability } from '@aitracing/core';
import { ConsoleExporter } from '@aitracing/exporter-console';
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
  return oursWith(PIPELINE_NAMES.oursOtel, exporter);
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
  return oursWith(PIPELINE_NAMES.oursLangfuse, exporter);
}

/** Names of the pipelines, as shown in the tables. */
export const PIPELINE_NAMES = {
  oursOtel: 'aitracing + exporter-otel (OTLP protobuf)',
  oursLangfuse: 'aitracing + exporter-langfuse (OTLP protobuf)',
  oursObservability: 'aitracing via Observability: console (null stream) + exporter-otel',
  otelSdk: 'OpenTelemetry SDK 2.12, Batch + OTLP/proto exporter',
} as const;

/** Characters the console exporter of {@link oursThroughObservability} wrote (to no terminal). */
export const consoleOutput = { writes: 0, characters: 0 };

/**
 * The setup the README shows: one `Observability` whose default instance
 * has two exporters, the console exporter (pretty, its default format,
 * writing to a stream that discards the text) and exporter-otel sending
 * OTLP/HTTP to `url`. Spans start through `Observability.startSpan`.
 */
export function oursThroughObservability(options: PipelineOptions): QueuePipeline {
  const stream = {
    write(text: string, callback?: (error?: Error | null) => void): boolean {
      consoleOutput.writes++;
      consoleOutput.characters += text.length;
      callback?.();
      return true;
    },
  };
  const otel = new OtelExporter({
    endpoint: options.url,
    exportTimeoutMs: options.exportTimeoutMs,
    maxRetryDurationMs: options.maxRetryDurationMs,
  });
  const observability = new Observability({
    default: { enabled: true, exporters: [new ConsoleExporter({ stream }), otel] },
    logger: COUNTING_LOGGER,
  });
  return {
    name: PIPELINE_NAMES.oursObservability,
    role: 'ours',
    trace: () => aitracingTrace(observability),
    flush: () => observability.flush(),
    stats: () => otel.getStats(),
    shutdown: (timeoutMs) => observability.shutdown(timeoutMs),
  };
}

/** OpenTelemetry SDK with its Batch span processor and the official OTLP/proto exporter. */
export function otelSdkPipeline(options: PipelineOptions): QueuePipeline {
  const processor = new BatchSpanProcessor(
    new OTLPTraceExporter({ url: options.url, timeoutMillis: options.exportTimeoutMs }),
  );
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer('bench');
  return {
    name: PIPELINE_NAMES.otelSdk,
    role: 'anchor',
    trace: () => otelTrace(tracer),
    flush: () => provider.forceFlush(),
    stats: () => undefined,
    shutdown: async () => {
      await provider.shutdown();
    },
  };
}
