import { AITracingConfigError } from '@aitracing/core';
import { echoEndpoint, endpointProblem, isHttpUrl, type SendOutcome } from '@aitracing/core/exporter-kit';
import { type AIMetricsOptionalLabels, checkOptionalLabels } from './ai-metrics-observer';
import { parseKeyValueList } from './internal/key-value-list';

/** How OTLP metrics are encoded on the wire. */
export type OtlpMetricsProtocol = 'http/protobuf' | 'http/json';

/** A resource attribute value: a string, number, boolean, or an array of them. */
export type ResourceAttributeValue =
  | string
  | number
  | boolean
  | ReadonlyArray<string | number | boolean | null | undefined>;

/**
 * Sends one encoded `ExportMetricsServiceRequest` once and classifies the
 * result (`success`, `retryable` with an optional `retryAfterMs`, or
 * `failed`); the exporter retries. `body` is protobuf bytes
 * (`application/x-protobuf`) or an OTLP/JSON string (`application/json`),
 * as `protocol` says. Should never reject; a rejection counts as `failed`.
 * This is how `OtelMetricsExporter` of `@aitracing/exporter-otel` sends
 * over gRPC.
 */
export type OtlpMetricsTransport = (body: Uint8Array | string, contentType: string) => Promise<SendOutcome>;

/** Options of `OtlpMetricsExporter`. Every field is optional; env variables fill what is missing. */
export interface OtlpMetricsExporterOptions {
  /**
   * The full metrics URL, `http://` or `https://`.
   * @defaultValue `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` (as is), else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/metrics`, else
   * `http://localhost:4318/v1/metrics`. An env value that is not an
   * http(s) URL is ignored with one warning.
   */
  url?: string;
  /** Extra headers, merged over `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_EXPORTER_OTLP_METRICS_HEADERS`. */
  headers?: Record<string, string>;
  /** @defaultValue `OTEL_EXPORTER_OTLP_METRICS_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`, else `'http/protobuf'` */
  protocol?: OtlpMetricsProtocol;
  /** Request compression. @defaultValue `OTEL_EXPORTER_OTLP_METRICS_COMPRESSION` / `OTEL_EXPORTER_OTLP_COMPRESSION`, else `'none'` */
  compression?: 'gzip' | 'none';
  /**
   * Bound of one request as a whole (connect, send, answer and its body).
   * @defaultValue `OTEL_EXPORTER_OTLP_METRICS_TIMEOUT` / `OTEL_EXPORTER_OTLP_TIMEOUT`, else `10000`
   */
  exportTimeoutMs?: number;
  /** How often metrics are pushed. @defaultValue `OTEL_METRIC_EXPORT_INTERVAL`, else `60000` */
  exportIntervalMs?: number;
  /** Distinct values kept per label (model, provider, tool); more become `other`. @defaultValue `100` */
  maxLabelValues?: number;
  /**
   * Opt-in metrics per end user and per session (tokens and cost), within
   * the `maxLabelValues` cap. @defaultValue none
   */
  labels?: AIMetricsOptionalLabels;
  /** `service.name` and the `service` label. @defaultValue the tracing instance's `serviceName`, else `OTEL_SERVICE_NAME` */
  serviceName?: string;
  /** `service.version` */
  serviceVersion?: string;
  /** `deployment.environment.name` */
  environment?: string;
  /** Further resource attributes, over those of `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Readonly<Record<string, ResourceAttributeValue | undefined>>;
  /** Send through this function instead of HTTP (`url`, `headers` and `compression` are then the transport's business). */
  transport?: OtlpMetricsTransport;
}

/** Options with every default applied. */
export interface ResolvedOtlpMetricsOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly protocol: OtlpMetricsProtocol;
  readonly compression: 'gzip' | 'none';
  readonly exportTimeoutMs: number;
  readonly exportIntervalMs: number;
  readonly maxLabelValues: number;
  readonly labels: AIMetricsOptionalLabels | undefined;
  readonly serviceName: string | undefined;
  /** `OTEL_SERVICE_NAME`, used when neither the options nor the tracing instance name the service. */
  readonly envServiceName: string | undefined;
  readonly resourceAttributes: ReadonlyArray<readonly [string, ResourceAttributeValue]>;
  readonly transport: OtlpMetricsTransport | undefined;
  /** Env variables that were ignored, to log once at `init`. */
  readonly warnings: readonly string[];
}

const PROTOCOLS: readonly OtlpMetricsProtocol[] = ['http/protobuf', 'http/json'];
const DEFAULT_URL = 'http://localhost:4318/v1/metrics';

function positiveInteger(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new AITracingConfigError(field, 'must be a positive integer (milliseconds or a count)');
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new AITracingConfigError(field, `must be one of ${allowed.map((entry) => `'${entry}'`).join(', ')}`);
}

/** Reads env variables, collecting a warning for each bad value (which is then ignored). */
class EnvReader {
  readonly warnings: string[] = [];
  constructor(readonly env: NodeJS.ProcessEnv) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  url(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined || isHttpUrl(value)) return value;
    this.warnings.push(
      `otlp metrics: ${name}=${echoEndpoint(value)} is not an http:// or https:// URL and is ignored; set it like http://localhost:4318`,
    );
    return undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
    this.warnings.push(
      `otlp metrics: ${name}=${JSON.stringify(value.slice(0, 50))} is not supported here and is ignored; use one of ${allowed.join(', ')}`,
    );
    return undefined;
  }

  positiveInteger(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (Number.isInteger(parsed) && parsed > 0) return parsed;
    this.warnings.push(
      `otlp metrics: ${name}=${JSON.stringify(value.slice(0, 50))} is not a positive integer and is ignored`,
    );
    return undefined;
  }
}

function checkHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw new AITracingConfigError('headers', 'must be an object of header names to string values');
  for (const [name, value] of Object.entries(headers)) {
    // Name the header, never its value: it may be an API key.
    if (typeof value !== 'string') throw new AITracingConfigError(`headers.${name}`, 'must be a string');
  }
  return headers as Record<string, string>;
}

function metricsUrlFromBase(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/metrics`;
}

/**
 * Apply defaults and env variables in one place. Precedence: explicit
 * options, then `OTEL_*` env variables, then defaults. Invalid options throw
 * `AITracingConfigError` naming the field; bad env values are ignored with a
 * warning. Header values are never echoed.
 */
export function resolveOtlpMetricsOptions(
  options: OtlpMetricsExporterOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOtlpMetricsOptions {
  if (typeof options !== 'object' || options === null)
    throw new AITracingConfigError('options', 'must be an object');
  const read = new EnvReader(env);
  if (options.url !== undefined && (typeof options.url !== 'string' || !isHttpUrl(options.url)))
    throw new AITracingConfigError('url', endpointProblem(String(options.url), DEFAULT_URL));
  if (options.transport !== undefined && typeof options.transport !== 'function')
    throw new AITracingConfigError(
      'transport',
      'must be a function (body, contentType) => Promise<SendOutcome>',
    );
  for (const field of ['serviceName', 'serviceVersion', 'environment'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'string')
      throw new AITracingConfigError(field, 'must be a string');
  }
  const resourceAttributes = options.resourceAttributes ?? {};
  if (typeof resourceAttributes !== 'object' || resourceAttributes === null)
    throw new AITracingConfigError('resourceAttributes', 'must be an object of attribute names to values');

  const metricsEndpoint = read.url('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  const baseEndpoint = read.url('OTEL_EXPORTER_OTLP_ENDPOINT');
  const url =
    options.url ??
    metricsEndpoint ??
    (baseEndpoint === undefined ? DEFAULT_URL : metricsUrlFromBase(baseEndpoint));
  const protocol =
    oneOf(options.protocol, 'protocol', PROTOCOLS) ??
    read.oneOf('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', PROTOCOLS) ??
    read.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', PROTOCOLS) ??
    'http/protobuf';
  const compressions = ['gzip', 'none'] as const;
  const compression =
    oneOf(options.compression, 'compression', compressions) ??
    read.oneOf('OTEL_EXPORTER_OTLP_METRICS_COMPRESSION', compressions) ??
    read.oneOf('OTEL_EXPORTER_OTLP_COMPRESSION', compressions) ??
    'none';
  const exportTimeoutMs =
    positiveInteger(options.exportTimeoutMs, 'exportTimeoutMs') ??
    read.positiveInteger('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT') ??
    read.positiveInteger('OTEL_EXPORTER_OTLP_TIMEOUT') ??
    10_000;
  const exportIntervalMs =
    positiveInteger(options.exportIntervalMs, 'exportIntervalMs') ??
    read.positiveInteger('OTEL_METRIC_EXPORT_INTERVAL') ??
    60_000;
  const maxLabelValues = positiveInteger(options.maxLabelValues, 'maxLabelValues') ?? 100;
  checkOptionalLabels(options.labels);

  const attributes = new Map<string, ResourceAttributeValue>(
    Object.entries(parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES, { lowerCaseKeys: false })),
  );
  for (const [key, value] of Object.entries(resourceAttributes)) {
    if (value !== undefined) attributes.set(key, value);
  }
  if (options.serviceVersion !== undefined) attributes.set('service.version', options.serviceVersion);
  if (options.environment !== undefined) attributes.set('deployment.environment.name', options.environment);

  return {
    url,
    headers: {
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS, { lowerCaseKeys: true }),
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS, { lowerCaseKeys: true }),
      ...checkHeaders(options.headers),
    },
    protocol,
    compression,
    exportTimeoutMs,
    exportIntervalMs,
    maxLabelValues,
    labels: options.labels,
    serviceName: options.serviceName,
    envServiceName: read.text('OTEL_SERVICE_NAME') ?? attributes.get('service.name')?.toString(),
    resourceAttributes: [...attributes],
    transport: options.transport,
    warnings: read.warnings,
  };
}
