import { afterEach, describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { TRACING_ENV } from '../tracing/env-config';
import { RuntimeContext } from '../types/runtime-context';
import { AISpanType } from '../types/span-type';
import { Observability } from './observability';

const env = (environment: string) => new RuntimeContext([['environment', environment]]);

function routedSetup(logger = new RecordingLogger()) {
  const production = new InMemoryExporter();
  const development = new InMemoryExporter();
  const fallback = new InMemoryExporter();
  const observability = new Observability({
    logger,
    configs: {
      fallback: { serviceName: 'app', exporters: [fallback] },
      production: { serviceName: 'app', exporters: [production] },
      development: { serviceName: 'app', exporters: [development] },
    },
    configSelector: (options) => {
      const environment = options.runtimeContext?.get('environment');
      return environment === 'production' || environment === 'development' ? environment : undefined;
    },
  });
  return { observability, production, development, fallback, logger };
}

function names(exporter: InMemoryExporter): string[] {
  return exporter.getFinishedSpans().map((span) => span.name);
}

afterEach(() => {
  for (const name of Object.values(TRACING_ENV)) delete process.env[name];
});

describe('Observability', () => {
  it('routes each new trace to the backend of its environment, and unknown environments to the default', async () => {
    const { observability, production, development, fallback } = routedSetup();
    for (const environment of ['production', 'development', 'staging']) {
      const root = observability.startSpan({
        type: AISpanType.AGENT_RUN,
        name: `${environment}-agent`,
        attributes: { agentId: 'a' },
        runtimeContext: env(environment),
      });
      root.createChildSpan({ type: AISpanType.TOOL_CALL, name: `${environment}-tool` }).end();
      root.end();
    }
    await observability.flush();
    expect(names(production)).toEqual(['production-tool', 'production-agent']);
    expect(names(development)).toEqual(['development-tool', 'development-agent']);
    expect(names(fallback)).toEqual(['staging-tool', 'staging-agent']);
  });

  it('keeps children on their parent instance even when the selector would choose another', async () => {
    let calls = 0;
    const first = new InMemoryExporter();
    const second = new InMemoryExporter();
    const observability = new Observability({
      configs: {
        first: { serviceName: 'a', exporters: [first] },
        second: { serviceName: 'a', exporters: [second] },
      },
      configSelector: () => (calls++ === 0 ? 'first' : 'second'),
    });
    const root = observability.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'root',
      attributes: { agentId: 'a' },
    });
    const child = observability.startSpan({ type: AISpanType.TOOL_CALL, name: 'child', parent: root });
    child.createChildSpan({ type: AISpanType.GENERIC, name: 'grandchild' }).end();
    child.end();
    root.end();
    await observability.flush();
    expect(calls).toBe(1);
    expect(names(first)).toEqual(['grandchild', 'child', 'root']);
    expect(names(second)).toEqual([]);
    expect(child.aiTracing).toBe(observability.get('first'));
  });

  it('falls back to the default when the selector throws or names an unknown instance, logging once', async () => {
    const logger = new RecordingLogger();
    const fallback = new InMemoryExporter();
    let mode: 'throw' | 'unknown' = 'throw';
    const observability = new Observability({
      logger,
      configs: { main: { serviceName: 'a', exporters: [fallback] } },
      configSelector: () => {
        if (mode === 'throw') throw new Error('selector bug');
        return 'no-such-instance';
      },
    });
    for (let i = 0; i < 3; i++) observability.startSpan({ type: AISpanType.GENERIC, name: `t${i}` }).end();
    mode = 'unknown';
    for (let i = 3; i < 6; i++) observability.startSpan({ type: AISpanType.GENERIC, name: `t${i}` }).end();
    await observability.flush();
    expect(names(fallback)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    const warnings = logger.at('warn');
    expect(warnings.filter((line) => line.includes('selector bug'))).toHaveLength(1);
    expect(warnings.filter((line) => line.includes('no-such-instance'))).toHaveLength(1);
  });

  it('accepts ready instances and configs side by side, first one being the default', async () => {
    const ready = new InMemoryExporter();
    const instance = new DefaultAITracing({ serviceName: 'ready', exporters: [ready] });
    const observability = new Observability({
      configs: { ready: instance, configured: { serviceName: 'configured' } },
    });
    expect(observability.get('ready')).toBe(instance);
    expect(observability.get('configured')?.getConfig()).toMatchObject({
      name: 'configured',
      serviceName: 'configured',
    });
    expect(observability.getDefault()).toBe(instance);
    observability.startSpan({ type: AISpanType.GENERIC, name: 'op' }).end();
    await observability.flush();
    expect(names(ready)).toEqual(['op']);
  });

  it('registers a default instance that samples always, filters secrets and exports to the exporters given', async () => {
    const found = new InMemoryExporter();
    const logger = new RecordingLogger();
    const observability = new Observability({ default: { enabled: true, exporters: [found] }, logger });
    expect(observability.getDefault()?.getExporters()).toEqual([found]);
    expect(logger.at('warn')).toEqual([]);
    observability.startSpan({ type: AISpanType.GENERIC, name: 'op', metadata: { password: 'x' } }).end();
    await observability.flush();
    expect(found.getFinishedSpans()[0]?.metadata).toEqual({ password: '[REDACTED]' });
    await observability.shutdown();
  });

  it('explains in the log how to add an exporter when the default instance has none', async () => {
    const logger = new RecordingLogger();
    const observability = new Observability({ default: { enabled: true }, logger });
    const instance = observability.getDefault();
    expect(observability.get('default')).toBe(instance);
    expect(instance?.getConfig().sampling).toEqual({ type: 'always' });
    expect(instance?.getProcessors().map((processor) => processor.name)).toEqual([
      'sensitive-data-filter',
      'cost-estimator',
    ]);
    expect(
      logger.at('warn').filter((line) => line.includes('exporters: [new ConsoleExporter()]')),
    ).toHaveLength(1);
    expect(observability.startSpan({ type: AISpanType.GENERIC, name: 'op' }).isValid).toBe(true);
  });

  it('rejects a config named default while the default instance is on, and invalid shapes, with clear errors', () => {
    const attempt = (config: unknown) => () => new Observability(config as never);
    expect(attempt({ default: { enabled: true }, configs: { default: { serviceName: 'x' } } })).toThrow(
      /configs\.default is reserved/,
    );
    expect(attempt({ configs: { broken: 42 } })).toThrow(AITracingConfigError);
    expect(attempt({ default: { enabled: true, exporters: {} } })).toThrow(
      /default\.exporters must be an array/,
    );
    expect(attempt({ configs: { broken: { serviceName: '' } } })).toThrow(/serviceName/);
    expect(attempt({ configSelector: 'production' })).toThrow(/configSelector must be a function/);
  });

  it('lets two Observability objects in one process live side by side without interfering', async () => {
    const a = routedSetup();
    const b = routedSetup();
    a.observability
      .startSpan({ type: AISpanType.GENERIC, name: 'only-a', runtimeContext: env('production') })
      .end();
    await b.observability.shutdown();
    a.observability.startSpan({ type: AISpanType.GENERIC, name: 'a-after-b-shutdown' }).end();
    await a.observability.flush();
    expect(names(a.production)).toEqual(['only-a']);
    expect(names(a.fallback)).toEqual(['a-after-b-shutdown']);
    expect(names(b.production)).toEqual([]);
    expect(a.observability.get('production')).not.toBe(b.observability.get('production'));
  });

  it('shuts every instance down exactly once, and once only however often it is called', async () => {
    let shutdowns = 0;
    const counting = {
      name: 'counting',
      exportEvent: async () => {},
      shutdown: async () => {
        shutdowns++;
      },
    };
    const shared = new DefaultAITracing({ serviceName: 'shared', exporters: [counting] });
    const observability = new Observability({ configs: { one: shared, alias: shared } });
    const first = observability.shutdown();
    expect(observability.shutdown()).toBe(first);
    await first;
    expect(shutdowns).toBe(1);
  });

  it('reads service name, sample rate and on/off from the environment, with explicit options winning', () => {
    process.env[TRACING_ENV.serviceName] = 'from-env';
    process.env[TRACING_ENV.sampleRate] = '0';
    const fromEnv = new DefaultAITracing({});
    expect(fromEnv.getConfig().serviceName).toBe('from-env');
    expect(fromEnv.getConfig().sampling).toEqual({ type: 'ratio', probability: 0 });
    expect(fromEnv.startSpan({ type: AISpanType.GENERIC, name: 'x' }).isValid).toBe(false);

    const explicit = new DefaultAITracing({ serviceName: 'explicit', sampling: { type: 'always' } });
    expect(explicit.getConfig().serviceName).toBe('explicit');
    expect(explicit.startSpan({ type: AISpanType.GENERIC, name: 'x' }).isValid).toBe(true);

    delete process.env[TRACING_ENV.sampleRate];
    process.env[TRACING_ENV.enabled] = 'false';
    expect(
      new DefaultAITracing({ serviceName: 'off' }).startSpan({ type: AISpanType.GENERIC, name: 'x' }).isValid,
    ).toBe(false);
    expect(
      new DefaultAITracing({ serviceName: 'on', enabled: true }).startSpan({
        type: AISpanType.GENERIC,
        name: 'x',
      }).isValid,
    ).toBe(true);

    // An invalid value is ignored with a warning (see env-config.test.ts), never thrown.
    process.env[TRACING_ENV.sampleRate] = 'lots';
    const logger = new RecordingLogger();
    expect(new DefaultAITracing({ serviceName: 'x', logger }).getConfig().sampling).toEqual({
      type: 'always',
    });
    expect(logger.at('warn')[0]).toContain('AITRACING_SAMPLE_RATE="lots"');
  });
});
