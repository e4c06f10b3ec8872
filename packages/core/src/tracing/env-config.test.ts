import { afterEach, describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { DefaultLogger, LOG_LEVEL_ENV } from '../logger/default-logger';
import { RecordingLogger } from '../testing/recording-logger';
import { AISpanType } from '../types/span-type';
import { DefaultAITracing } from './default-ai-tracing';
import { TRACING_ENV } from './env-config';
import type { TracingConstructorConfig } from './resolve-config';

// Warnings are once per process for each variable and value: each test uses values of its own.
afterEach(() => {
  for (const variable of [...Object.values(TRACING_ENV), LOG_LEVEL_ENV]) delete process.env[variable];
});

function tracingUnder(variable: string, value: string) {
  process.env[variable] = value;
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({ serviceName: 'svc', logger });
  return { logger, tracing };
}

describe('invalid tracing environment variables', () => {
  it.each([
    [TRACING_ENV.sampleRate, 'abc'],
    [TRACING_ENV.sampleRate, '2'],
    [TRACING_ENV.sampleRate, '-0.5'],
    [TRACING_ENV.sampleRate, 'NaN'],
    [TRACING_ENV.enabled, 'maybe'],
    [TRACING_ENV.enabled, 'yes'],
  ])('%s=%s warns once, echoing the value, and falls back to the default', (variable, value) => {
    const { logger, tracing } = tracingUnder(variable, value);
    expect(tracing.getConfig().sampling).toEqual({ type: 'always' });
    expect(tracing.getConfig().enabled).toBe(true);
    expect(tracing.startSpan({ type: AISpanType.GENERIC, name: 'still-traced' }).isValid).toBe(true);
    const warnings = logger.at('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(variable);
    expect(warnings[0]).toContain(JSON.stringify(value));
    // A second instance reading the same bad value stays quiet: one line per process.
    const again = new RecordingLogger();
    new DefaultAITracing({ serviceName: 'svc', logger: again });
    expect(again.lines).toHaveLength(0);
  });

  it('keeps the valid variables when another one is invalid', () => {
    process.env[TRACING_ENV.enabled] = 'false';
    const { logger, tracing } = tracingUnder(TRACING_ENV.sampleRate, 'half');
    expect(tracing.getConfig().enabled).toBe(false);
    expect(logger.at('warn')).toHaveLength(1);
  });

  it('cuts a long bad value in the warning', () => {
    const { logger } = tracingUnder(TRACING_ENV.sampleRate, `0.${'9'.repeat(100)}x`);
    const [warning] = logger.at('warn');
    expect(warning).toBeDefined();
    expect(warning!.length).toBeLessThan(200);
  });

  it('AITRACING_LOG_LEVEL=loud warns once through the default logger and keeps the level at warn', () => {
    process.env[LOG_LEVEL_ENV] = 'loud';
    const lines: string[] = [];
    const logger = new DefaultLogger({ write: (line) => lines.push(line) });
    logger.info('hidden');
    logger.warn('shown');
    new DefaultLogger({ write: (line) => lines.push(line) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${LOG_LEVEL_ENV}="loud"`);
    expect(lines[1]).toBe('[aitracing] WARN shown\n');
  });

  it('an invalid AITRACING_LOG_LEVEL does not stop a tracing instance from starting', () => {
    process.env[LOG_LEVEL_ENV] = 'shouty';
    expect(() => new DefaultAITracing({ serviceName: 'svc', logLevel: 'silent' })).not.toThrow();
  });
});

describe('invalid values passed in code', () => {
  it.each<[string, TracingConstructorConfig, RegExp]>([
    ['enabled', { serviceName: 'svc', enabled: 'maybe' as never }, /enabled must be true or false/],
    [
      'sampling.probability',
      { serviceName: 'svc', sampling: { type: 'ratio', probability: 2 } },
      /between 0 and 1/,
    ],
    ['sampling.type', { serviceName: 'svc', sampling: { type: 'sometimes' } as never }, /'always', 'never'/],
    ['logLevel', { serviceName: 'svc', logLevel: 'loud' as never }, /'debug', 'info', 'warn'/],
  ])('still throw AITracingConfigError naming %s and the allowed values', (field, config, allowed) => {
    // The environment holds valid values: the error is about the code.
    process.env[TRACING_ENV.sampleRate] = '0.5';
    let caught: unknown;
    try {
      new DefaultAITracing(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AITracingConfigError);
    expect((caught as AITracingConfigError).field).toBe(field);
    expect((caught as Error).message).toMatch(allowed);
  });
});
