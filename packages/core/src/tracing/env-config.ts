import { AITracingConfigError } from '../errors/config-error';

/**
 * Environment variables read when the matching option is not given
 * (explicit options always win).
 */
export const TRACING_ENV = {
  /** `false` / `0` turns tracing off (every span a no-op); `true` / `1` on */
  enabled: 'AITRACING_ENABLED',
  /** Service name; falls back to `OTEL_SERVICE_NAME` */
  serviceName: 'AITRACING_SERVICE_NAME',
  /** Sample rate between 0 and 1: ratio sampling when `sampling` is not given */
  sampleRate: 'AITRACING_SAMPLE_RATE',
} as const;

/** What the environment configures. */
export interface TracingEnv {
  readonly enabled: boolean | undefined;
  readonly serviceName: string | undefined;
  readonly sampleRate: number | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Read the tracing environment variables. A set but invalid value throws
 * `AITracingConfigError` naming the variable, like any invalid option.
 */
export function readTracingEnv(env: NodeJS.ProcessEnv = process.env): TracingEnv {
  const enabledText = nonEmpty(env[TRACING_ENV.enabled])?.toLowerCase();
  let enabled: boolean | undefined;
  if (enabledText !== undefined) {
    if (enabledText === 'true' || enabledText === '1') enabled = true;
    else if (enabledText === 'false' || enabledText === '0') enabled = false;
    else throw new AITracingConfigError(TRACING_ENV.enabled, "must be 'true', 'false', '1' or '0'");
  }
  const rateText = nonEmpty(env[TRACING_ENV.sampleRate]);
  let sampleRate: number | undefined;
  if (rateText !== undefined) {
    sampleRate = Number(rateText);
    if (!Number.isFinite(sampleRate) || sampleRate < 0 || sampleRate > 1) {
      throw new AITracingConfigError(TRACING_ENV.sampleRate, 'must be a number between 0 and 1');
    }
  }
  return {
    enabled,
    serviceName: nonEmpty(env[TRACING_ENV.serviceName]) ?? nonEmpty(env.OTEL_SERVICE_NAME),
    sampleRate,
  };
}
