import { AITracingConfigError } from '@aitracing/core';
import {
  DATADOG_EXPORTER_ENV,
  type DatadogExporterMode,
  type DatadogExporterOptions,
} from '../datadog-exporter-options';

const MODES: readonly DatadogExporterMode[] = ['llmobs', 'apm', 'both'];

/** Options with defaults and environment fallbacks applied, validated. */
export interface ResolvedDatadogOptions {
  readonly mode: DatadogExporterMode;
  /** Explicit option or `DD_LLMOBS_ML_APP`; undefined leaves dd-trace's default (the service) */
  readonly mlApp: string | undefined;
  /** Explicit `service` option only (the env fallback is dd-trace's own) */
  readonly service: string | undefined;
  /** True when a service is configured by environment (`DD_SERVICE` and aliases) */
  readonly serviceFromEnv: boolean;
  readonly env: string | undefined;
  readonly version: string | undefined;
  readonly site: string | undefined;
  /** Explicit option only; never logged */
  readonly apiKey: string | undefined;
  /** True when some API key is available (option or environment) */
  readonly hasApiKey: boolean;
  readonly agentless: boolean;
  readonly agentUrl: string | undefined;
  readonly tracer: object | undefined;
  readonly maxHeldTraces: number;
  readonly maxHeldBytes: number;
  readonly traceTimeoutMs: number;
  readonly lateSpanWindowMs: number;
  readonly flushTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Apply defaults and environment fallbacks in one place and validate. Throws
 * `AITracingConfigError` naming the field (or variable) and what it allows.
 */
export function resolveDatadogOptions(
  options: DatadogExporterOptions = {},
  environment: Environment = process.env,
): ResolvedDatadogOptions {
  if (typeof options !== 'object' || options === null) {
    throw new AITracingConfigError('options', 'must be an object');
  }
  const modeFromEnv = nonEmpty(environment[DATADOG_EXPORTER_ENV.mode])?.trim().toLowerCase();
  const mode = options.mode ?? modeFromEnv ?? 'llmobs';
  if (!(MODES as readonly string[]).includes(mode)) {
    const field = options.mode === undefined ? DATADOG_EXPORTER_ENV.mode : 'mode';
    throw new AITracingConfigError(
      field,
      `must be one of ${MODES.map((m) => `'${m}'`).join(', ')} (got '${String(mode)}')`,
    );
  }
  const agentless = options.agentless ?? readBoolean(environment, DATADOG_EXPORTER_ENV.agentless) ?? false;
  if (typeof agentless !== 'boolean') throw new AITracingConfigError('agentless', 'must be a boolean');
  if (agentless && mode !== 'llmobs') {
    const source = options.agentless === undefined ? DATADOG_EXPORTER_ENV.agentless : 'agentless';
    throw new AITracingConfigError(
      'mode',
      `must be 'llmobs' when ${source} is on: APM spans need a Datadog agent (got '${mode}')`,
    );
  }
  const apiKey = optionalString(options.apiKey, 'apiKey');
  const tracer = options.tracer;
  if (tracer !== undefined && (typeof tracer !== 'object' || tracer === null || !hasTracerShape(tracer))) {
    throw new AITracingConfigError(
      'tracer',
      'must be the dd-trace tracer (an object with init and startSpan)',
    );
  }
  const agentUrl = optionalString(options.agentUrl, 'agentUrl');
  validateUrl(agentUrl, 'agentUrl');
  validateUrl(nonEmpty(environment[DATADOG_EXPORTER_ENV.agentUrl]), DATADOG_EXPORTER_ENV.agentUrl);
  return {
    mode: mode as DatadogExporterMode,
    mlApp: optionalString(options.mlApp, 'mlApp') ?? nonEmpty(environment[DATADOG_EXPORTER_ENV.mlApp]),
    service: optionalString(options.service, 'service'),
    serviceFromEnv: ['DD_SERVICE', 'DD_SERVICE_NAME', 'OTEL_SERVICE_NAME'].some(
      (name) => nonEmpty(environment[name]) !== undefined,
    ),
    env: optionalString(options.env, 'env'),
    version: optionalString(options.version, 'version'),
    site: optionalString(options.site, 'site'),
    apiKey,
    hasApiKey:
      apiKey !== undefined ||
      nonEmpty(environment[DATADOG_EXPORTER_ENV.apiKey]) !== undefined ||
      nonEmpty(environment.DATADOG_API_KEY) !== undefined,
    agentless,
    agentUrl,
    tracer,
    maxHeldTraces: positiveInteger(options.maxHeldTraces, 'maxHeldTraces', 1_000),
    maxHeldBytes: positiveInteger(options.maxHeldBytes, 'maxHeldBytes', 64 * 1024 * 1024),
    traceTimeoutMs: positiveInteger(options.traceTimeoutMs, 'traceTimeoutMs', 300_000),
    lateSpanWindowMs: positiveInteger(options.lateSpanWindowMs, 'lateSpanWindowMs', 60_000),
    flushTimeoutMs: positiveInteger(options.flushTimeoutMs, 'flushTimeoutMs', 10_000),
    shutdownTimeoutMs: positiveInteger(options.shutdownTimeoutMs, 'shutdownTimeoutMs', 10_000),
  };
}

function hasTracerShape(value: object): boolean {
  const candidate = value as { init?: unknown; startSpan?: unknown };
  return typeof candidate.init === 'function' && typeof candidate.startSpan === 'function';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AITracingConfigError(field, 'must be a non-empty string');
  }
  return value;
}

function positiveInteger(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new AITracingConfigError(field, `must be a positive integer (got ${String(value)})`);
  }
  return value;
}

function readBoolean(environment: Environment, name: string): boolean | undefined {
  const raw = nonEmpty(environment[name])?.trim().toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new AITracingConfigError(name, `must be true, 1, false or 0 (got '${raw}')`);
}

function validateUrl(value: string | undefined, field: string): void {
  if (value === undefined) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: a mistyped value may be a key pasted into the wrong variable.
    throw new AITracingConfigError(field, 'must be a URL such as http://127.0.0.1:8126');
  }
  if (!['http:', 'https:', 'unix:'].includes(url.protocol)) {
    // Echoed without credentials and query, which may hold a key.
    throw new AITracingConfigError(
      field,
      `must be an http, https or unix URL (got '${url.protocol}//${url.host}${url.pathname}')`,
    );
  }
}
