import { processEnvironment } from '../internal/environment';
import { readBooleanEnv, warnInvalidEnvOnce } from '../internal/invalid-env-warning';
import type { AITracingLogger } from '../types/logger';

/**
 * Environment variables read when the matching option is not given
 * (explicit options always win). An invalid value is ignored with one
 * warning that echoes it, as OpenTelemetry SDKs do: a typo in the
 * environment never takes the application down.
 */
export const TRACING_ENV = {
  /** `false` / `0` turns tracing off (every span a no-op); `true` / `1` on */
  enabled: 'AITRACING_ENABLED',
  /** Service name; falls back to `OTEL_SERVICE_NAME` */
  serviceName: 'AITRACING_SERVICE_NAME',
  /** Sample rate between 0 and 1: ratio sampling when `sampling` is not given */
  sampleRate: 'AITRACING_SAMPLE_RATE',
} as const;

/** What the environment configures (undefined: not set, or set to an invalid value). */
export interface TracingEnv {
  readonly enabled: boolean | undefined;
  readonly serviceName: string | undefined;
  readonly sampleRate: number | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function readSampleRate(text: string | undefined, logger: AITracingLogger): number | undefined {
  if (text === undefined) return undefined;
  const rate = Number(text);
  if (Number.isFinite(rate) && rate >= 0 && rate <= 1) return rate;
  warnInvalidEnvOnce(
    logger,
    TRACING_ENV.sampleRate,
    text,
    'must be a number between 0 and 1',
    "the default (sampling: { type: 'always' })",
  );
  return undefined;
}

/**
 * Read the tracing environment variables. Never throws: a set but invalid
 * value is reported once per process through `logger` (naming the variable
 * and echoing the value) and read as unset, so the default applies.
 */
export function readTracingEnv(
  logger: AITracingLogger,
  env: NodeJS.ProcessEnv = processEnvironment(),
): TracingEnv {
  return {
    enabled: readBooleanEnv(logger, TRACING_ENV.enabled, env[TRACING_ENV.enabled], 'the default (enabled)'),
    serviceName: nonEmpty(env[TRACING_ENV.serviceName]) ?? nonEmpty(env.OTEL_SERVICE_NAME),
    sampleRate: readSampleRate(nonEmpty(env[TRACING_ENV.sampleRate]), logger),
  };
}
