import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import type { SerializationOptions } from '../types/serialization-options';
import { DEFAULT_SERIALIZATION_LIMITS, resolveSerializationOptions } from './serialization-options';

function configErrorOf(options: unknown): AITracingConfigError {
  try {
    resolveSerializationOptions(options as SerializationOptions);
  } catch (error) {
    if (AITracingConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('resolveSerializationOptions', () => {
  it('uses the documented defaults when nothing is given', () => {
    expect(resolveSerializationOptions()).toEqual({
      limits: {
        maxStringLength: 32_768,
        maxArrayLength: 1_000,
        maxObjectKeys: 500,
        maxDepth: 12,
        maxDataSize: 1_000_000,
      },
      includeIO: true,
    });
    expect(resolveSerializationOptions({}).limits).toEqual(DEFAULT_SERIALIZATION_LIMITS);
  });

  it('applies the given limits and keeps defaults for the rest', () => {
    const { limits, includeIO } = resolveSerializationOptions({
      maxStringLength: 100,
      maxDepth: 1,
      maxDataSize: undefined,
      includeIO: false,
    });
    expect(limits).toEqual({ ...DEFAULT_SERIALIZATION_LIMITS, maxStringLength: 100, maxDepth: 1 });
    expect(includeIO).toBe(false);
  });

  it('returns frozen limits and never changes the options or the defaults', () => {
    const options = { maxArrayLength: 5 };
    const { limits } = resolveSerializationOptions(options);
    expect(Object.isFrozen(limits)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SERIALIZATION_LIMITS)).toBe(true);
    expect(options).toEqual({ maxArrayLength: 5 });
    expect(DEFAULT_SERIALIZATION_LIMITS.maxArrayLength).toBe(1_000);
  });

  it('rejects a limit that is not a positive integer, naming the field and the value', () => {
    const error = configErrorOf({ maxStringLength: -1 });
    expect(error.field).toBe('serialization.maxStringLength');
    expect(error.message).toBe(
      'Invalid aitracing config: serialization.maxStringLength must be a positive integer, got -1',
    );
    for (const bad of [0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10', null]) {
      expect(configErrorOf({ maxDepth: bad }).field).toBe('serialization.maxDepth');
    }
    expect(configErrorOf({ maxDataSize: '10' }).message).toContain('got "10" (a string)');
  });

  it('rejects an includeIO that is not a boolean', () => {
    const error = configErrorOf({ includeIO: 'yes' });
    expect(error.field).toBe('serialization.includeIO');
    expect(error.message).toContain('must be a boolean (true or false), got "yes"');
  });

  it('rejects options that are not an object', () => {
    expect(configErrorOf(42).field).toBe('serialization');
    expect(configErrorOf(null).message).toContain('must be an object, got null');
  });

  it('never echoes a huge value in the message', () => {
    const error = configErrorOf({ maxObjectKeys: 'z'.repeat(10_000) });
    expect(error.message.length).toBeLessThan(200);
  });
});
