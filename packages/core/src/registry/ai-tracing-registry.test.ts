import { afterEach, describe, expect, it } from 'vitest';
import { traced } from '../context/traced';
import { Observability } from '../observability/observability';
import { setupAITracing } from '../observability/setup-ai-tracing';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { RuntimeContext } from '../types/runtime-context';
import { AISpanType } from '../types/span-type';
import { AITracingRegistry } from './ai-tracing-registry';
import {
  clearAITracingRegistry,
  getAITracing,
  getAllAITracing,
  getDefaultAITracing,
  getSelectedAITracing,
  hasAITracing,
  registerAITracing,
  setSelector,
  shutdownAITracingRegistry,
  unregisterAITracing,
} from './default-registry';

const instance = (name: string) => new DefaultAITracing({ serviceName: name });

afterEach(() => clearAITracingRegistry());

describe('AITracingRegistry', () => {
  it('makes the first registered instance the default unless another is marked default', () => {
    const registry = new AITracingRegistry(new RecordingLogger());
    const a = instance('a');
    const b = instance('b');
    registry.register('a', a);
    registry.register('b', b);
    expect(registry.getDefault()).toBe(a);
    const c = instance('c');
    registry.register('c', c, true);
    expect(registry.getDefault()).toBe(c);
    expect([...registry.getAll().keys()]).toEqual(['a', 'b', 'c']);
  });

  it('rejects duplicate names with a clear error', () => {
    const registry = new AITracingRegistry(new RecordingLogger());
    registry.register('prod', instance('a'));
    expect(() => registry.register('prod', instance('b'))).toThrow(/configs\.prod is registered twice/);
  });

  it('never leaves a dangling default when the default is unregistered', () => {
    const registry = new AITracingRegistry(new RecordingLogger());
    const b = instance('b');
    registry.register('a', instance('a'));
    registry.register('b', b);
    expect(registry.unregister('a')).toBe(true);
    expect(registry.getDefault()).toBe(b);
    registry.unregister('b');
    expect(registry.getDefault()).toBeUndefined();
    expect(registry.getSelected()).toBeUndefined();
    expect(registry.unregister('b')).toBe(false);
  });

  it('uses the default when the selector returns undefined, without complaint', () => {
    const logger = new RecordingLogger();
    const registry = new AITracingRegistry(logger);
    const a = instance('a');
    registry.register('a', a);
    registry.register('b', instance('b'));
    registry.setSelector(() => undefined);
    expect(registry.getSelected()).toBe(a);
    expect(logger.lines).toHaveLength(0);
  });

  it('gives the selector the runtime context and every available instance', () => {
    const registry = new AITracingRegistry(new RecordingLogger());
    const b = instance('b');
    registry.register('a', instance('a'));
    registry.register('b', b);
    registry.setSelector((options, available) => {
      expect([...available.keys()]).toEqual(['a', 'b']);
      return options.runtimeContext?.get('tenant') === 'acme' ? 'b' : undefined;
    });
    expect(registry.getSelected({ runtimeContext: new RuntimeContext([['tenant', 'acme']]) })).toBe(b);
  });
});

describe('the process-wide registry functions', () => {
  it('register, look up, select and unregister instances', () => {
    const a = instance('a');
    const b = instance('b');
    registerAITracing('a', a);
    registerAITracing('b', b, true);
    expect(getAITracing('a')).toBe(a);
    expect(getDefaultAITracing()).toBe(b);
    expect(hasAITracing('a')).toBe(true);
    expect([...getAllAITracing().keys()]).toEqual(['a', 'b']);
    setSelector(() => 'a');
    expect(getSelectedAITracing()).toBe(a);
    setSelector(undefined);
    expect(unregisterAITracing('a')).toBe(true);
    expect(getSelectedAITracing()).toBe(b);
    clearAITracingRegistry();
    expect(getDefaultAITracing()).toBeUndefined();
  });

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
