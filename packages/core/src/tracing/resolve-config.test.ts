import { describe, expect, it } from 'vitest';
import { AITracingError } from '../errors/aitracing-error';
import { AITracingConfigError } from '../errors/config-error';
import { DefaultAITracing } from './default-ai-tracing';
import type { TracingConstructorConfig } from './resolve-config';

const exporter = { name: 'x', exportEvent: async () => {}, shutdown: async () => {} };

describe('tracing config validation', () => {
  it.each<[string, unknown]>([
    ['serviceName', {}],
    ['serviceName', { serviceName: '  ' }],
    ['name', { serviceName: 'svc', name: 42 }],
    ['exporters', { serviceName: 'svc', exporters: exporter }],
    ['exporters[1]', { serviceName: 'svc', exporters: [exporter, { name: 'half' }] }],
    ['exporters[0].name', { serviceName: 'svc', exporters: [{ ...exporter, name: '' }] }],
    ['processors[0]', { serviceName: 'svc', processors: [{ name: 'p' }] }],
    ['includeInternalSpans', { serviceName: 'svc', includeInternalSpans: 'yes' }],
    ['logger', { serviceName: 'svc', logger: { warn: () => {} } }],
    ['logLevel', { serviceName: 'svc', logLevel: 'verbose' }],
    ['sensitiveDataFilter', { serviceName: 'svc', sensitiveDataFilter: 'on' }],
    ['serialization.maxStringLength', { serviceName: 'svc', serialization: { maxStringLength: -1 } }],
    ['config', null],
  ])('names the field %s in a clear error', (field, config) => {
    let caught: unknown;
    try {
      new DefaultAITracing(config as TracingConstructorConfig);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AITracingConfigError);
    expect((caught as AITracingConfigError).field).toBe(field);
    expect((caught as Error).message).toMatch(/^Invalid aitracing config: /);
    expect(AITracingError.isInstance(caught)).toBe(true);
    expect(AITracingConfigError.isInstance(caught)).toBe(true);
  });

  it('recognises config errors from another copy of the package by their marker', () => {
    const foreign = { [Symbol.for('aitracing.error')]: true, [Symbol.for('aitracing.config_error')]: true };
    expect(AITracingConfigError.isInstance(foreign)).toBe(true);
    expect(AITracingConfigError.isInstance(new Error('plain'))).toBe(false);
  });

  it('defaults the instance name to the service name', () => {
    expect(new DefaultAITracing({ serviceName: 'svc' }).getConfig().name).toBe('svc');
    expect(new DefaultAITracing({ serviceName: 'svc', name: 'prod' }).getConfig().name).toBe('prod');
  });
});
