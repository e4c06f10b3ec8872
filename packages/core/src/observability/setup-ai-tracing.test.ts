import { afterEach, describe, expect, it } from 'vitest';
import { traced } from '../context/traced';
import {
  clearAITracingRegistry,
  getAITracing,
  getAllAITracing,
  getDefaultAITracing,
  hasAITracing,
  shutdownAITracingRegistry,
} from '../registry/default-registry';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { AISpanType } from '../types/span-type';
import { Observability } from './observability';
import { setupAITracing } from './setup-ai-tracing';

// Moved from registry/ (the registry is the floor below: it knows nothing of Observability).

afterEach(() => clearAITracingRegistry());

describe('setupAITracing and the process-wide registry', () => {
  it('setupAITracing configures them from one config object, and traced() starts roots there', async () => {
    const exporter = new InMemoryExporter();
    const observability = setupAITracing({
      configs: { main: { serviceName: 'svc', exporters: [exporter] } },
    });
    expect(getDefaultAITracing()).toBe(observability.get('main'));
    const result = traced({ type: AISpanType.TOOL_CALL, name: 'global-root' }, () => 42);
    expect(result).toBe(42);
    await shutdownAITracingRegistry();
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.output])).toEqual([
      ['global-root', 42],
    ]);
  });

  it('shutdownAITracingRegistry empties the registry, so the same names can be set up again', async () => {
    const first = new InMemoryExporter();
    const old = setupAITracing({
      configs: { main: { serviceName: 'svc', exporters: [first] } },
      configSelector: () => 'main',
    });
    const oldMain = old.get('main');
    const shutdown = shutdownAITracingRegistry();
    // The names are free at once, even before the shutdown settles.
    expect(getAllAITracing().size).toBe(0);
    expect(getDefaultAITracing()).toBeUndefined();
    await shutdown;
    expect(hasAITracing('main')).toBe(false);

    const second = new InMemoryExporter();
    const again = setupAITracing({ configs: { main: { serviceName: 'svc', exporters: [second] } } });
    expect(getAITracing('main')).toBe(again.get('main'));
    expect(getAITracing('main')).not.toBe(oldMain);
    traced({ type: AISpanType.TOOL_CALL, name: 'after-restart' }, () => 1);
    await shutdownAITracingRegistry();
    expect(second.getFinishedSpans().map((span) => span.name)).toEqual(['after-restart']);
    expect(first.getFinishedSpans()).toHaveLength(0);
  });

  it('treats configs: null and configSelector: null as absent, as seed-era code passes them', () => {
    const seedConfig = { configs: null, configSelector: null } as unknown as Parameters<
      typeof setupAITracing
    >[0];
    const observability = setupAITracing(seedConfig);
    expect(getAllAITracing().size).toBe(0);
    expect(observability.startSpan({ type: AISpanType.GENERIC, name: 'nothing' }).isValid).toBe(false);
    const own = new Observability({ ...seedConfig, default: null } as unknown as typeof seedConfig);
    expect(own.getDefault()).toBeUndefined();
  });
});
