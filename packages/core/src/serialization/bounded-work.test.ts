import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { safeSerialize } from './safe-serialize';
import { DEFAULT_SERIALIZATION_LIMITS } from './serialization-options';

// The work of serialising hostile input is bounded by the limits, not by the input.
// Asserted through what a user can observe (output size, how often their getters
// and Proxy traps run), never through wall-clock time.
const LIMITS = DEFAULT_SERIALIZATION_LIMITS;
const MAX_KEYS = LIMITS.maxObjectKeys;
const TRUNCATED = '[Truncated: maxObjectKeys]';

function manyKeys(count: number): Record<string, number> {
  const object: Record<string, number> = {};
  for (let index = 0; index < count; index++) object[`k${index}`] = index;
  return object;
}

describe('serialisation work bounded by the limits', () => {
  it('an object with 10^5 keys keeps maxObjectKeys keys and a truncation marker', () => {
    const out = safeSerialize(manyKeys(100_000), LIMITS) as Record<string, unknown>;
    const keys = Object.keys(out);
    expect(keys).toHaveLength(MAX_KEYS + 1);
    expect(keys.slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect(out['…']).toBe(TRUNCATED);
  });

  it('reads each getter of a huge object at most once, and none past the limit', () => {
    let reads = 0;
    const object: Record<string, unknown> = {};
    for (let index = 0; index < 10_000; index++) {
      Object.defineProperty(object, `g${index}`, {
        enumerable: true,
        get: () => {
          reads++;
          return index;
        },
      });
    }
    const out = safeSerialize(object, LIMITS) as Record<string, unknown>;
    expect(Object.keys(out)).toHaveLength(MAX_KEYS + 1);
    expect(reads).toBe(MAX_KEYS);
  });

  it('calls a Proxy’s get and getOwnPropertyDescriptor traps only for the keys it keeps', () => {
    const keys = Array.from({ length: 100_000 }, (_, index) => `p${index}`);
    const calls = { ownKeys: 0, getOwnPropertyDescriptor: 0, get: 0 };
    const proxy = new Proxy<Record<string, unknown>>(
      {},
      {
        ownKeys: () => {
          calls.ownKeys++;
          return keys;
        },
        getOwnPropertyDescriptor: () => {
          calls.getOwnPropertyDescriptor++;
          return { value: 1, enumerable: true, configurable: true, writable: true };
        },
        get: () => {
          calls.get++;
          return 1;
        },
      },
    );
    const out = safeSerialize(proxy, LIMITS) as Record<string, unknown>;
    expect(Object.keys(out)).toHaveLength(MAX_KEYS + 1);
    expect(out['…']).toBe(TRUNCATED);
    // ownKeys must return its whole list (the engine asks for it); everything else stays near the limit.
    expect(calls.ownKeys).toBeLessThanOrEqual(2);
    expect(calls.get).toBeLessThanOrEqual(2 * (MAX_KEYS + 1));
    expect(calls.getOwnPropertyDescriptor).toBeLessThanOrEqual(4 * (MAX_KEYS + 1));
  });

  it('keeps the own-enumerable-keys semantics: no inherited or non-enumerable keys', () => {
    const parent = { inherited: 1 };
    const child = Object.create(parent) as Record<string, unknown>;
    child.own = 2;
    Object.defineProperty(child, 'hidden', { value: 3, enumerable: false });
    class Model {
      field = 'x';
      method() {}
    }
    expect(safeSerialize(child, LIMITS)).toEqual({ own: 2 });
    expect(safeSerialize(new Model(), LIMITS)).toEqual({ field: 'x' });
  });

  it('a 10^8-character string passed where an object is expected is cut to maxStringLength', async () => {
    const huge = 'x'.repeat(100_000_000);
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    const span = tracing.startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'llm',
      attributes: { model: 'gpt-4o' },
      metadata: { tenant: 'acme' },
    });
    span.end({
      attributes: huge as never,
      metadata: huge as never,
      output: huge,
    });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'generic', input: huge as never }).end();
    await tracing.flush();
    const [llm, generic] = exporter.getFinishedSpans();
    for (const value of [llm?.attributes, llm?.metadata, llm?.output, generic?.input]) {
      expect(typeof value).toBe('string');
      expect((value as string).length).toBeLessThan(LIMITS.maxStringLength + 100);
      expect(value as string).toMatch(/…\[truncated \d+ chars\]$/);
    }
  });
});
