import { AITracingConfigError } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { DATADOG_EXPORTER_ENV } from '../datadog-exporter-options';
import { resolveDatadogOptions } from './resolve-options';

const tracer = { init() {}, startSpan() {} };

function configError(fn: () => unknown): AITracingConfigError {
  try {
    fn();
  } catch (error) {
    if (AITracingConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('no config error');
}

describe('resolveDatadogOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveDatadogOptions({}, {})).toEqual({
      mode: 'llmobs',
      mlApp: undefined,
      service: undefined,
      serviceFromEnv: false,
      env: undefined,
      version: undefined,
      site: undefined,
      apiKey: undefined,
      hasApiKey: false,
      agentless: false,
      agentUrl: undefined,
      tracer: undefined,
      maxHeldTraces: 1000,
      maxHeldBytes: 64 * 1024 * 1024,
      traceTimeoutMs: 300_000,
      lateSpanWindowMs: 60_000,
      flushTimeoutMs: 10_000,
      shutdownTimeoutMs: 10_000,
      maxRetryDurationMs: 60_000,
      environmentWarnings: [],
    });
  });

  it('falls back to the standard environment variables, explicit options winning', () => {
    const environment = {
      AITRACING_DATADOG_MODE: 'both',
      DD_LLMOBS_ML_APP: 'env-app',
      DD_SERVICE: 'env-service',
      DD_API_KEY: 'secret',
      DD_LLMOBS_AGENTLESS_ENABLED: '0',
    };
    expect(resolveDatadogOptions({}, environment)).toMatchObject({
      mode: 'both',
      mlApp: 'env-app',
      serviceFromEnv: true,
      hasApiKey: true,
      apiKey: undefined,
      agentless: false,
    });
    expect(resolveDatadogOptions({ mode: 'apm', mlApp: 'mine' }, environment)).toMatchObject({
      mode: 'apm',
      mlApp: 'mine',
    });
    expect(
      resolveDatadogOptions({}, { DD_LLMOBS_AGENTLESS_ENABLED: 'true', DATADOG_API_KEY: 'k' }),
    ).toMatchObject({ agentless: true, hasApiKey: true });
  });

  it('rejects invalid options with a config error naming the field', () => {
    expect(configError(() => resolveDatadogOptions({ mode: 'otlp' as never }, {})).field).toBe('mode');
    expect(configError(() => resolveDatadogOptions({ mlApp: '' }, {})).field).toBe('mlApp');
    expect(configError(() => resolveDatadogOptions({ maxHeldTraces: 0 }, {})).field).toBe('maxHeldTraces');
    expect(configError(() => resolveDatadogOptions({ traceTimeoutMs: 1.5 }, {})).field).toBe(
      'traceTimeoutMs',
    );
    expect(configError(() => resolveDatadogOptions({ agentUrl: 'localhost:8126' }, {})).field).toBe(
      'agentUrl',
    );
    expect(configError(() => resolveDatadogOptions({ agentUrl: 'ftp://host' }, {})).field).toBe('agentUrl');
    const withKey = configError(() =>
      resolveDatadogOptions({ agentUrl: 'ftp://user:key-123@host/p?api_key=key-123' }, {}),
    );
    expect(withKey.message).toContain("got 'ftp://host/p'");
    expect(withKey.message).not.toContain('key-123');
    expect(configError(() => resolveDatadogOptions({ agentUrl: 'localhost:8126' }, {})).message).toContain(
      "use 'http://localhost:8126'",
    );
    expect(configError(() => resolveDatadogOptions({ tracer: {} }, {})).field).toBe('tracer');
    expect(configError(() => resolveDatadogOptions(null as never, {})).field).toBe('options');
  });

  it('ignores an invalid environment variable with a warning, and the default applies', () => {
    const resolved = resolveDatadogOptions(
      {},
      {
        DD_TRACE_AGENT_URL: 'localhost:8126',
        DD_LLMOBS_AGENTLESS_ENABLED: 'maybe',
        [DATADOG_EXPORTER_ENV.mode]: 'everything',
      },
    );
    expect(resolved).toMatchObject({ mode: 'llmobs', agentless: false, agentUrl: undefined });
    expect(resolved.environmentWarnings).toEqual([
      expect.stringContaining(`${DATADOG_EXPORTER_ENV.mode}='everything'`),
      expect.stringContaining("DD_LLMOBS_AGENTLESS_ENABLED='maybe'"),
      expect.stringContaining("use 'http://localhost:8126'"),
    ]);
    expect(resolveDatadogOptions({}, {}).environmentWarnings).toEqual([]);
  });

  it('refuses APM modes without an agent', () => {
    const error = configError(() => resolveDatadogOptions({ agentless: true, mode: 'both' }, {}));
    expect(error.field).toBe('mode');
    expect(error.message).toContain('agentless');
    expect(
      configError(() => resolveDatadogOptions({ mode: 'apm' }, { DD_LLMOBS_AGENTLESS_ENABLED: '1' })).message,
    ).toContain('DD_LLMOBS_AGENTLESS_ENABLED');
  });

  it('accepts a dd-trace tracer and unix agent URLs', () => {
    expect(
      resolveDatadogOptions({ tracer, agentUrl: 'unix:///var/run/datadog/apm.socket' }, {}),
    ).toMatchObject({
      tracer,
      agentUrl: 'unix:///var/run/datadog/apm.socket',
    });
  });
});
