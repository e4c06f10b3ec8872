import { describe, expect, it } from 'vitest';
import * as index from './index';
import {
  clearAITracingRegistry,
  DefaultAITracing,
  registerAITracing,
  type SamplingStrategy,
  SamplingStrategyType,
  unregisterAITracing,
} from './index';
import { InMemoryExporter } from './testing/in-memory-exporter';
import { AISpanType } from './types/span-type';

describe('the package index (seed-era names)', () => {
  it('exports unregisterAITracing, as documented', () => {
    expect(typeof unregisterAITracing).toBe('function');
    registerAITracing('seed', new DefaultAITracing({ serviceName: 'svc' }));
    expect(unregisterAITracing('seed')).toBe(true);
    expect(unregisterAITracing('seed')).toBe(false);
    clearAITracingRegistry();
  });

  it('exports SamplingStrategyType as a value whose members are the string literals', async () => {
    expect(SamplingStrategyType).toEqual({
      ALWAYS: 'always',
      NEVER: 'never',
      RATIO: 'ratio',
      CUSTOM: 'custom',
    });
    const type: SamplingStrategyType = SamplingStrategyType.NEVER;
    expect(type).toBe('never');
    const exporter = new InMemoryExporter();
    const strategies: SamplingStrategy[] = [
      { type: SamplingStrategyType.ALWAYS },
      { type: SamplingStrategyType.NEVER },
      { type: SamplingStrategyType.RATIO, probability: 1 },
      { type: SamplingStrategyType.CUSTOM, sampler: () => false },
      { type: 'always' },
    ];
    for (const [index, sampling] of strategies.entries()) {
      const tracing = new DefaultAITracing({ serviceName: 'svc', sampling, exporters: [exporter] });
      tracing.startSpan({ type: AISpanType.GENERIC, name: `strategy-${index}` }).end();
      await tracing.flush();
    }
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'strategy-0',
      'strategy-2',
      'strategy-4',
    ]);
  });
});

describe('the package index (no engine internals)', () => {
  it('does not export the span class, the span lifecycle, the engine base class or exporter discovery', () => {
    for (const name of ['DefaultAISpan', 'BaseAITracing', 'discoverConsoleExporter', 'keyRedactorOf']) {
      expect(Object.keys(index)).not.toContain(name);
    }
    expect(typeof index.DefaultAITracing).toBe('function');
  });
});
