import type { RedactionPolicy } from '@aitracing/core';
import { AITracingConfigError } from '@aitracing/core';
import { echoEndpoint, endpointProblem, isHttpUrl, runtimeEnvironment } from '@aitracing/core/exporter-kit';

const DEFAULT_BASE_URL = 'https://cloud.langfuse.com';

/** Options of `LangfuseExporter`. Every field falls back to the usual `LANGFUSE_*` env variable. */
export interface LangfuseExporterOptions {
  /**
   * Extra redaction for this exporter's copy of each span, on top of the
   * instance-wide `SensitiveDataFilter`: `'secrets'`, `'pii'`, `'content'`
   * (no input, output or messages) or a function (see `RedactionPolicy` in
   * `@aitracing/core`). Applied by core before the span reaches this exporter.
   * @defaultValue `undefined` (the span as the instance exports it)
   */
  redaction?: RedactionPolicy;
  /** @defaultValue `LANGFUSE_PUBLIC_KEY` */
  publicKey?: string;
  /** @defaultValue `LANGFUSE_SECRET_KEY` */
  secretKey?: string;
  /**
   * Langfuse Cloud EU (`https://cloud.langfuse.com`), US (`https://us.cloud.langfuse.com`) or your own host.
   * Must start with `http://` or `https://`: `localhost:3000` throws an
   * `AITracingConfigError` at construction.
   * @defaultValue `LANGFUSE_BASE_URL` (or `LANGFUSE_BASEURL`, `LANGFUSE_HOST`), else
   * `https://cloud.langfuse.com`. An env value without `http://` or
   * `https://` is ignored with one warning (the next one, or the default, is used).
   */
  baseUrl?: string;
  /** Langfuse environment of every trace. @defaultValue `LANGFUSE_TRACING_ENVIRONMENT` */
  environment?: string;
  /** Release of every trace. @defaultValue `LANGFUSE_RELEASE` */
  release?: string;
  /** Spans per request. @defaultValue `LANGFUSE_FLUSH_AT` or `100` */
  flushAt?: number;
  /** Seconds before a partial batch is sent. @defaultValue `LANGFUSE_FLUSH_INTERVAL` or `1` */
  flushInterval?: number;
  /** `'immediate'` sends each span as it ends (serverless). @defaultValue `'batched'` */
  exportMode?: 'batched' | 'immediate';
  /** Spans held at most; beyond, new spans are dropped and counted. @defaultValue `2048` */
  maxQueueSize?: number;
  /**
   * Bound of one request as a whole (connect, send, answer and its body); a
   * timed-out request is retried like a 503.
   * @defaultValue `LANGFUSE_TIMEOUT` seconds × 1000, or `10000`
   */
  exportTimeoutMs?: number;
  /** How long a batch that keeps failing with a retryable error is retried. @defaultValue `60000` */
  maxRetryDurationMs?: number;
  /**
   * Export chunk spans (LLM_CHUNK) that reach the exporter as Langfuse events.
   * Core folds chunks into their generation by default (`streamChunks`), so
   * they arrive only with `streamChunks: 'spans'` or when a chunk ends after
   * its generation. @defaultValue `true`
   */
  exportChunkEvents?: boolean;
  /**
   * Langfuse's masking hook, applied after aitracing's sensitive-data filter
   * to what is sent as input, output and metadata: `data` is the attribute
   * value (input and output as JSON text, each metadata value on its own).
   * Runs synchronously when a span is converted; a mask that throws or
   * returns a promise fully masks the value (warned once).
   */
  mask?: (params: { data: unknown }) => unknown;
}

/** Options with defaults and env variables applied. */
export interface ResolvedLangfuseExporterOptions {
  /** Undefined when keys are missing: the exporter is then disabled. */
  readonly credentials: { readonly publicKey: string; readonly secretKey: string } | undefined;
  readonly baseUrl: string;
  readonly environment: string | undefined;
  readonly release: string | undefined;
  readonly flushAt: number;
  readonly flushIntervalMs: number;
  readonly immediate: boolean;
  readonly maxQueueSize: number;
  readonly exportTimeoutMs: number;
  readonly maxRetryDurationMs: number;
  readonly exportChunkEvents: boolean;
  readonly mask: LangfuseExporterOptions['mask'];
  /** Problems with env variables that were ignored, to log once at `init`. */
  readonly warnings: readonly string[];
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function positive(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new AITracingConfigError(field, 'must be a positive number');
  }
  return value;
}

function fromEnv(value: string | undefined, name: string): number | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const number = Number(raw);
  if (!Number.isFinite(number) || number <= 0)
    throw new AITracingConfigError(name, 'must be a positive number');
  return number;
}

/**
 * Apply defaults and `LANGFUSE_*` env variables in one place. Missing keys do
 * not throw (the exporter warns once and stays off); malformed options do,
 * naming the field and never a key.
 */
export function resolveLangfuseExporterOptions(
  options: LangfuseExporterOptions = {},
  env: NodeJS.ProcessEnv = runtimeEnvironment(),
): ResolvedLangfuseExporterOptions {
  if (typeof options !== 'object' || options === null)
    throw new AITracingConfigError('options', 'must be an object');
  if (
    options.exportMode !== undefined &&
    options.exportMode !== 'batched' &&
    options.exportMode !== 'immediate'
  ) {
    throw new AITracingConfigError('exportMode', "must be 'batched' or 'immediate'");
  }
  if (options.mask !== undefined && typeof options.mask !== 'function') {
    throw new AITracingConfigError('mask', 'must be a function ({ data }) => masked data');
  }
  const publicKey = text(options.publicKey) ?? text(env.LANGFUSE_PUBLIC_KEY);
  const secretKey = text(options.secretKey) ?? text(env.LANGFUSE_SECRET_KEY);
  const fromCode = text(options.baseUrl);
  if (fromCode !== undefined && !isHttpUrl(fromCode)) {
    throw new AITracingConfigError('baseUrl', endpointProblem(fromCode, DEFAULT_BASE_URL));
  }
  const ignored: string[] = [];
  let envUrl: string | undefined;
  for (const name of ['LANGFUSE_BASE_URL', 'LANGFUSE_BASEURL', 'LANGFUSE_HOST'] as const) {
    const value = text(env[name]);
    if (value === undefined || envUrl !== undefined) continue;
    if (isHttpUrl(value)) envUrl = value;
    else ignored.push(`${name}=${echoEndpoint(value)}`);
  }
  const baseUrl = (fromCode ?? envUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  // Falls back rather than guessing a scheme: keys never go over plain http by our guess.
  const warnings =
    fromCode === undefined
      ? ignored.map(
          (setting) =>
            `langfuse exporter: ${setting} is not an http:// or https:// URL and is ignored; sending to ${baseUrl} instead. ` +
            'Set it like https://cloud.langfuse.com or http://localhost:3000',
        )
      : [];
  const timeoutSeconds = fromEnv(env.LANGFUSE_TIMEOUT, 'LANGFUSE_TIMEOUT');
  return {
    credentials: publicKey !== undefined && secretKey !== undefined ? { publicKey, secretKey } : undefined,
    baseUrl,
    environment: text(options.environment) ?? text(env.LANGFUSE_TRACING_ENVIRONMENT),
    release: text(options.release) ?? text(env.LANGFUSE_RELEASE),
    flushAt: Math.round(
      positive(options.flushAt, 'flushAt', fromEnv(env.LANGFUSE_FLUSH_AT, 'LANGFUSE_FLUSH_AT') ?? 100),
    ),
    flushIntervalMs:
      positive(
        options.flushInterval,
        'flushInterval',
        fromEnv(env.LANGFUSE_FLUSH_INTERVAL, 'LANGFUSE_FLUSH_INTERVAL') ?? 1,
      ) * 1000,
    immediate: options.exportMode === 'immediate',
    maxQueueSize: Math.round(positive(options.maxQueueSize, 'maxQueueSize', 2048)),
    exportTimeoutMs: positive(
      options.exportTimeoutMs,
      'exportTimeoutMs',
      timeoutSeconds === undefined ? 10_000 : timeoutSeconds * 1000,
    ),
    maxRetryDurationMs: positive(options.maxRetryDurationMs, 'maxRetryDurationMs', 60_000),
    exportChunkEvents: options.exportChunkEvents ?? true,
    mask: options.mask,
    warnings,
  };
}
