import type { RedactionPolicy } from '@aitracing/core';
import { AITracingConfigError } from '@aitracing/core';
import {
  echoEndpoint,
  endpointProblem,
  isHttpUrl,
  parseOtlpKeyValueList,
  runtimeEnvironment,
} from '@aitracing/core/exporter-kit';
import type { GenAiConventions } from './genai-conventions';
import { OTLP_PROTOCOLS, type OtlpProtocol } from './otlp-protocol';
import type { OtlpAttributes } from './otlp-span';
import { type OtlpPreset, resolvePreset } from './provider-presets';

/** Options of `OtelExporter`. Every field is optional; env variables fill what is missing. */
export interface OtelExporterOptions {
  /**
   * Extra redaction for this exporter's copy of each span, on top of the
   * instance-wide `SensitiveDataFilter`: `'secrets'`, `'pii'`, `'content'`
   * (no input, output or messages) or a function (see `RedactionPolicy` in
   * `@aitracing/core`). Applied by core before the span reaches this exporter.
   * @defaultValue `undefined` (the span as the instance exports it)
   */
  redaction?: RedactionPolicy;
  /**
   * Where to send. For HTTP, a base URL (`/v1/traces` is appended unless
   * present) or the full traces URL; for gRPC, `http://host:4317`. Must
   * start with `http://` or `https://`: `localhost:4318` throws an
   * `AITracingConfigError` at construction.
   * @defaultValue `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (as is), else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, else the preset, else
   * `http://localhost:4318/v1/traces` (`http://localhost:4317` for gRPC).
   * An env value without `http://` or `https://` is ignored with one warning
   * (the next source is used).
   */
  endpoint?: string;
  /**
   * @defaultValue `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`, else `'http/protobuf'`
   */
  protocol?: OtlpProtocol;
  /** Extra headers; merged over the preset's and `OTEL_EXPORTER_OTLP_(TRACES_)HEADERS`. */
  headers?: Record<string, string>;
  /** Fill endpoint and auth for a known backend. */
  preset?: OtlpPreset;
  /** `service.name`. @defaultValue the tracing instance's `serviceName` */
  serviceName?: string;
  /** `service.version` */
  serviceVersion?: string;
  /** `deployment.environment.name` */
  environment?: string;
  /** Extra resource attributes (`OTEL_RESOURCE_ATTRIBUTES` is read too). */
  resourceAttributes?: OtlpAttributes;
  /**
   * Export prompts, completions, tool arguments and results.
   * @defaultValue `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (`true`/`false`, or
   * `SPAN_ONLY`, `EVENT_ONLY`, `SPAN_AND_EVENT` = on, `NO_CONTENT` = off) or `true`
   */
  captureContent?: boolean;
  /** Add OpenInference attributes for Arize Phoenix / Arize. @defaultValue `false` (`true` with the phoenix preset) */
  openInference?: boolean;
  /**
   * GenAI convention choices: where message content goes (`messages`) and
   * whether to add the deprecated `gen_ai.system` (`deprecatedSystemAttribute`).
   * @defaultValue from `OTEL_SEMCONV_STABILITY_OPT_IN` and `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (see `resolveGenAiConventions`)
   */
  conventions?: Partial<GenAiConventions>;
  /** `'immediate'` sends each span as soon as it ends (serverless). @defaultValue `'batched'` */
  exportMode?: 'batched' | 'immediate';
  /** Spans held at most; beyond, new spans are dropped and counted. @defaultValue `2048` */
  maxQueueSize?: number;
  /** Spans per request. @defaultValue `512` */
  maxBatchSize?: number;
  /** Wait before sending a partial batch. @defaultValue `5000` */
  scheduledDelayMs?: number;
  /**
   * Bound of one request as a whole — connecting, sending, waiting for the
   * answer and reading its body; a timed-out request is retried like a 503.
   * @defaultValue `10000`
   */
  exportTimeoutMs?: number;
  /** How long a batch that keeps failing with a retryable error is retried. @defaultValue `60000` */
  maxRetryDurationMs?: number;
  /** Request compression. @defaultValue `'none'` */
  compression?: 'gzip' | 'none';
}

/** Options with every default applied. */
export interface ResolvedOtelExporterOptions {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Record<string, string>;
  readonly serviceName: string | undefined;
  readonly serviceVersion: string | undefined;
  readonly environment: string | undefined;
  readonly resourceAttributes: OtlpAttributes;
  readonly captureContent: boolean;
  readonly openInference: boolean;
  readonly immediate: boolean;
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly scheduledDelayMs: number;
  readonly exportTimeoutMs: number;
  readonly maxRetryDurationMs: number;
  readonly compression: 'gzip' | 'none';
  /** Problems with env variables that were ignored, to log once at `init`. */
  readonly warnings: readonly string[];
}

function positiveInteger(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new AITracingConfigError(field, 'must be a positive integer');
  return value;
}

function tracesUrl(base: string, protocol: OtlpProtocol): string {
  if (protocol === 'grpc' || base.endsWith('/v1/traces')) return base;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function readProtocol(value: string | undefined, field: string): OtlpProtocol | undefined {
  if (value === undefined || value === '') return undefined;
  if ((OTLP_PROTOCOLS as readonly string[]).includes(value)) return value as OtlpProtocol;
  throw new AITracingConfigError(field, `must be one of ${OTLP_PROTOCOLS.join(', ')}`);
}

function readBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value.toLowerCase() === 'true' || value === '1';
}

// A boolean, or (with gen_ai_latest_experimental) where content goes: any place but NO_CONTENT captures it.
function readCaptureContent(value: string | undefined): boolean | undefined {
  const mode = value?.trim().toUpperCase();
  if (mode === 'SPAN_ONLY' || mode === 'EVENT_ONLY' || mode === 'SPAN_AND_EVENT') return true;
  if (mode === 'NO_CONTENT') return false;
  return readBoolean(value);
}

/**
 * Apply defaults, presets and env variables in one place. Precedence:
 * explicit options, then `OTEL_*` env variables, then the preset, then
 * defaults. Throws `AITracingConfigError` naming the field; never echoes
 * header values (they hold API keys).
 */
export function resolveOtelExporterOptions(
  options: OtelExporterOptions = {},
  env: NodeJS.ProcessEnv = runtimeEnvironment(),
): ResolvedOtelExporterOptions {
  if (typeof options !== 'object' || options === null) {
    throw new AITracingConfigError('options', 'must be an object');
  }
  const preset = options.preset === undefined ? undefined : resolvePreset(options.preset, env);
  const protocol =
    readProtocol(options.protocol, 'protocol') ??
    readProtocol(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    readProtocol(env.OTEL_EXPORTER_OTLP_PROTOCOL, 'OTEL_EXPORTER_OTLP_PROTOCOL') ??
    preset?.protocol ??
    'http/protobuf';
  const ignored: string[] = [];
  const fromEnv = (name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_EXPORTER_OTLP_ENDPOINT') => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') return undefined;
    if (isHttpUrl(value)) return value;
    ignored.push(`${name}=${echoEndpoint(value)}`);
    return undefined;
  };
  if (options.endpoint !== undefined && !isHttpUrl(options.endpoint)) {
    throw new AITracingConfigError(
      'endpoint',
      endpointProblem(String(options.endpoint), 'http://localhost:4318'),
    );
  }
  const tracesEndpoint = fromEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = fromEnv('OTEL_EXPORTER_OTLP_ENDPOINT');
  let url: string;
  if (options.endpoint !== undefined) url = tracesUrl(options.endpoint, protocol);
  else if (tracesEndpoint !== undefined) url = tracesEndpoint;
  else if (baseEndpoint !== undefined) url = tracesUrl(baseEndpoint, protocol);
  else if (preset !== undefined) url = preset.tracesUrl;
  else url = protocol === 'grpc' ? 'http://localhost:4317' : 'http://localhost:4318/v1/traces';
  // A bad env value falls back to the next source rather than guessing a scheme (and sending keys over plain http).
  const warnings = ignored.map(
    (setting) =>
      `otel exporter: ${setting} is not an http:// or https:// URL and is ignored; sending to ` +
      `${url.replace(/\/\/[^/@]*@/, '//')} instead. Set it like http://localhost:4318`,
  );
  if (
    options.exportMode !== undefined &&
    options.exportMode !== 'batched' &&
    options.exportMode !== 'immediate'
  ) {
    throw new AITracingConfigError('exportMode', "must be 'batched' or 'immediate'");
  }
  if (options.compression !== undefined && options.compression !== 'gzip' && options.compression !== 'none') {
    throw new AITracingConfigError('compression', "must be 'gzip' or 'none'");
  }
  const maxQueueSize = positiveInteger(options.maxQueueSize, 'maxQueueSize', 2048);
  const maxBatchSize = Math.min(positiveInteger(options.maxBatchSize, 'maxBatchSize', 512), maxQueueSize);
  return {
    url,
    protocol,
    headers: {
      ...preset?.headers,
      ...parseOtlpKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS, { lowerCaseKeys: true }),
      ...parseOtlpKeyValueList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS, { lowerCaseKeys: true }),
      ...options.headers,
    },
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion,
    environment: options.environment,
    resourceAttributes: options.resourceAttributes ?? {},
    captureContent:
      options.captureContent ??
      readCaptureContent(env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT) ??
      true,
    openInference: options.openInference ?? preset?.openInference ?? false,
    immediate: options.exportMode === 'immediate',
    maxQueueSize,
    maxBatchSize,
    scheduledDelayMs: positiveInteger(options.scheduledDelayMs, 'scheduledDelayMs', 5_000),
    exportTimeoutMs: positiveInteger(options.exportTimeoutMs, 'exportTimeoutMs', 10_000),
    maxRetryDurationMs: positiveInteger(options.maxRetryDurationMs, 'maxRetryDurationMs', 60_000),
    compression: options.compression ?? 'none',
    warnings,
  };
}
