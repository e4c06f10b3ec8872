import { afterEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { RuntimeContext } from '../types/runtime-context';
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
});
