import {
  AITracingConfigError,
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  parseOtlpKeyValueList,
  runtimeEnvironment,
  type SendOutcome,
  safeLog,
} from '@aitracing/core/exporter-kit';
import {
  OtlpMetricsExporter,
  type OtlpMetricsExporterStats,
  type OtlpMetricsTransport,
  type ResourceAttributeValue,
} from '@aitracing/metrics';
import { classifyGrpcError } from './internal/grpc-failure';
import { requireOptionalPeer } from './internal/require-optional-peer';
import {
  type OtelExporterOptions,
  type ResolvedOtelExporterOptions,
  resolveOtelExporterOptions,
} from './otel-exporter-options';
import type { OtlpAttributes } from './otlp-span';

/** Options of {@link OtelMetricsExporter}: the trace exporter's options plus the export interval. */
export interface OtelMetricsExporterOptions extends OtelExporterOptions {
  /** How often metrics are pushed. @defaultValue `OTEL_METRIC_EXPORT_INTERVAL` or `60000` */
  exportIntervalMs?: number;
  /** Distinct values kept per label (model, provider, tool); more become `other`. @defaultValue `100` */
  maxLabelValues?: number;
}

const GRPC_EXPORT_PATH = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';
// grpc-js channel option value for gzip (its CompressionAlgorithms.gzip).
const GRPC_GZIP = 2;

/** The part of `@grpc/grpc-js` the gRPC transport uses. */
interface GrpcModule {
  Client: new (
    address: string,
    credentials: unknown,
    options?: Record<string, unknown>,
  ) => {
    makeUnaryRequest(
      method: string,
      serialize: (value: Buffer) => Buffer,
      deserialize: (value: Buffer) => Buffer,
      argument: Buffer,
      metadata: unknown,
      options: { deadline: number },
      callback: (error: unknown) => void,
    ): unknown;
    close(): void;
  };
  Metadata: new () => { set(key: string, value: string): void };
  credentials: { createInsecure(): unknown; createSsl(): unknown };
}

interface GrpcTransport {
  readonly send: OtlpMetricsTransport;
  close(): void;
}

function metricsUrl(options: ResolvedOtelExporterOptions, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim();
  if (fromEnv && /^https?:\/\//i.test(fromEnv)) return fromEnv;
  return options.url.endsWith('/v1/traces')
    ? `${options.url.slice(0, -'/v1/traces'.length)}/v1/metrics`
    : options.url;
}

/**
 * OTLP/gRPC for metrics with `@grpc/grpc-js` (an optional peer dependency):
 * one unary `MetricsService/Export` call per push carrying our protobuf
 * bytes as is, headers as metadata, the export timeout as the deadline. The
 * result is classified by gRPC status code; the metrics exporter retries.
 */
function createGrpcTransport(url: string, options: ResolvedOtelExporterOptions): GrpcTransport {
  let grpc: GrpcModule;
  try {
    grpc = requireOptionalPeer('@grpc/grpc-js') as GrpcModule;
  } catch {
    throw new AITracingConfigError(
      'protocol',
      "'grpc' needs the optional peer dependency @grpc/grpc-js (npm install @grpc/grpc-js); or use 'http/protobuf'",
    );
  }
  const target = new URL(url);
  const client = new grpc.Client(
    target.host,
    target.protocol === 'https:' ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(),
    options.compression === 'gzip' ? { 'grpc.default_compression_algorithm': GRPC_GZIP } : {},
  );
  const identity = (value: Buffer) => value;
  return {
    send: (body) =>
      new Promise<SendOutcome>((resolve) => {
        try {
          const metadata = new grpc.Metadata();
          for (const [key, value] of Object.entries(options.headers)) metadata.set(key, value);
          client.makeUnaryRequest(
            GRPC_EXPORT_PATH,
            identity,
            identity,
            Buffer.from(body as Uint8Array),
            metadata,
            { deadline: Date.now() + options.exportTimeoutMs },
            (error) =>
              resolve(
                error ? ({ status: classifyGrpcError(error), error } as SendOutcome) : { status: 'success' },
              ),
          );
        } catch (error) {
          resolve({ status: 'failed', error });
        }
      }),
    close: () => client.close(),
  };
}

/**
 * Exports AI metrics derived from finished spans — the ones `AI_METRICS` of
 * `@aitracing/metrics` defines (`ai_llm_requests_total`,
 * `ai_llm_tokens_total`, `ai_llm_duration_seconds`, ...), the same
 * `AIMetricsCollector` serves as Prometheus text — as OTLP metrics, with the
 * same endpoint options, presets and env variables as `OtelExporter`
 * (metrics go to `/v1/metrics`, or `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`).
 * Delivery is `OtlpMetricsExporter`'s from `@aitracing/metrics`: our own
 * OTLP encoding, no OpenTelemetry SDK; gRPC through the optional
 * `@grpc/grpc-js` peer. Never throws into the app.
 *
 * @example
 * ```ts
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support',
 *   exporters: [new OtelExporter(), new OtelMetricsExporter()],
 * });
 * ```
 */
export class OtelMetricsExporter implements AITracingExporter {
  readonly name = 'otel-metrics';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED] as const;
  readonly #delegate: OtlpMetricsExporter;
  readonly #grpc: GrpcTransport | undefined;
  readonly #warnings: readonly string[];
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for invalid options (and for `'grpc'` without `@grpc/grpc-js`). */
  constructor(options: OtelMetricsExporterOptions = {}, env: NodeJS.ProcessEnv = runtimeEnvironment()) {
    const resolved = resolveOtelExporterOptions(options, env);
    const url = metricsUrl(resolved, env);
    this.#warnings = resolved.warnings;
    this.#grpc = resolved.protocol === 'grpc' ? createGrpcTransport(url, resolved) : undefined;
    this.#delegate = new OtlpMetricsExporter(
      {
        url,
        headers: {
          ...resolved.headers,
          ...parseOtlpKeyValueList(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS, { lowerCaseKeys: true }),
          ...options.headers,
        },
        protocol: resolved.protocol === 'http/json' ? 'http/json' : 'http/protobuf',
        compression: resolved.compression,
        exportTimeoutMs: resolved.exportTimeoutMs,
        ...(options.exportIntervalMs === undefined ? {} : { exportIntervalMs: options.exportIntervalMs }),
        ...(options.maxLabelValues === undefined ? {} : { maxLabelValues: options.maxLabelValues }),
        ...(resolved.serviceName === undefined ? {} : { serviceName: resolved.serviceName }),
        ...(resolved.serviceVersion === undefined ? {} : { serviceVersion: resolved.serviceVersion }),
        ...(resolved.environment === undefined ? {} : { environment: resolved.environment }),
        resourceAttributes: scalarAttributes(resolved.resourceAttributes),
        ...(this.#grpc === undefined ? {} : { transport: this.#grpc.send }),
      },
      env,
    );
  }

  init(options: ExporterInitOptions): void {
    for (const warning of this.#warnings) safeLog(options.logger, 'warn', warning);
    this.#delegate.init(options);
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    return this.#delegate.exportEvent(event);
  }

  /** Pushes acknowledged, given up and retried (see `OtlpMetricsExporter`). */
  getStats(): OtlpMetricsExporterStats {
    return this.#delegate.getStats();
  }

  /** Push the current metrics now. Settles within `timeoutMs`; never rejects. */
  flush(timeoutMs?: number): Promise<void> {
    return this.#delegate.flush(timeoutMs);
  }

  /** Push a last time and stop. Runs once; settles within `timeoutMs`; never rejects. */
  shutdown(timeoutMs?: number): Promise<void> {
    this.#shutdownPromise ??= this.#delegate.shutdown(timeoutMs).then(() => {
      try {
        this.#grpc?.close();
      } catch {
        // Closing an idle channel has nothing to report.
      }
    });
    return this.#shutdownPromise;
  }
}

// Metric resources carry scalar attributes only; other values of the trace options are left out.
function scalarAttributes(attributes: OtlpAttributes): Record<string, ResourceAttributeValue> {
  const scalars: Record<string, ResourceAttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      scalars[key] = value;
  }
  return scalars;
}
