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
  readonly maxRetryDurationMs: number;
  /** Invalid environment variables that were ignored (defaults apply): logged once at init */
  readonly environmentWarnings: readonly string[];
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Apply defaults and environment fallbacks in one place and validate. An
 * invalid option throws `AITracingConfigError` naming the field and what it
 * allows; an invalid environment variable is ignored (the default applies) and
 * reported in `environmentWarnings`, as OpenTelemetry SDKs do.
 */
export function resolveDatadogOptions(
  options: DatadogExporterOptions = {},
  environment: Environment = process.env,
): ResolvedDatadogOptions {
  if (typeof options !== 'object' || options === null) {
    throw new AITracingConfigError('options', 'must be an object');
  }
  const environmentWarnings: string[] = [];
  let modeFromEnv = nonEmpty(environment[DATADOG_EXPORTER_ENV.mode])?.trim().toLowerCase();
  if (modeFromEnv !== undefined && !(MODES as readonly string[]).includes(modeFromEnv)) {
    environmentWarnings.push(
      `${DATADOG_EXPORTER_ENV.mode}='${modeFromEnv.slice(0, 40)}' is not one of ${MODES.join(', ')}; using 'llmobs'`,
    );
    modeFromEnv = undefined;
  }
  const mode = options.mode ?? modeFromEnv ?? 'llmobs';
  if (!(MODES as readonly string[]).includes(mode)) {
    const field = options.mode === undefined ? DATADOG_EXPORTER_ENV.mode : 'mode';
    throw new AITracingConfigError(
      field,
      `must be one of ${MODES.map((m) => `'${m}'`).join(', ')} (got '${String(mode)}')`,
    );
  }
  const agentless =
    options.agentless ??
    readBoolean(environment, DATADOG_EXPORTER_ENV.agentless, environmentWarnings) ??
    false;
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
  const agentUrlProblem = urlProblem(agentUrl);
  if (agentUrlProblem !== undefined) throw new AITracingConfigError('agentUrl', agentUrlProblem);
  const envUrlProblem = urlProblem(nonEmpty(environment[DATADOG_EXPORTER_ENV.agentUrl]));
  if (envUrlProblem !== undefined) {
    environmentWarnings.push(
      `${DATADOG_EXPORTER_ENV.agentUrl} ${envUrlProblem}; ignored here (dd-trace reads it on its own)`,
    );
  }
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
    maxRetryDurationMs: positiveInteger(options.maxRetryDurationMs, 'maxRetryDurationMs', 60_000),
    environmentWarnings,
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

function readBoolean(environment: Environment, name: string, warnings: string[]): boolean | undefined {
  const raw = nonEmpty(environment[name])?.trim().toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  warnings.push(`${name}='${raw.slice(0, 40)}' is not true, 1, false or 0; using the default (false)`);
  return undefined;
}

/** Why `value` is not a usable agent URL (with the fix where there is one), or undefined. */
function urlProblem(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['http:', 'https:', 'unix:'].includes(url.protocol)) {
    // `localhost:8126` parses with `localhost:` as its scheme: suggest the fix without echoing
    // anything that could be a key (only host:port shapes are repeated).
    const hostPort = /^[a-z0-9.-]+:\d{1,5}$/i.test(value.trim()) ? value.trim() : undefined;
    if (hostPort !== undefined) return `must be an http, https or unix URL: use 'http://${hostPort}'`;
    if (url === undefined) return 'must be a URL such as http://127.0.0.1:8126';
    // Echoed without credentials and query, which may hold a key.
    return `must be an http, https or unix URL (got '${url.protocol}//${url.host}${url.pathname}')`;
  }
  return undefined;
}
