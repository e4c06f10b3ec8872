import { describe, expect, it } from 'vitest';
import { createFreshPayloadPool } from './fresh-payload-pool';
import { createLargePayload } from './large-payload';

/** Every string of a JSON-like value with its path, in walk order. */
function stringsOf(value: unknown, path = '$', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringsOf(item, `${path}.${key}`, out);
  }
  return out;
}

/** The value with every string replaced by its length: keys, nesting, types and sizes, no content. */
function shapeOf(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.length : item)),
  );
}

describe('createFreshPayloadPool', () => {
  const base = createLargePayload();
  const pool = createFreshPayloadPool(64);

  it("keeps scenario 4's keys, nesting, types, string lengths and JSON size in every pair", () => {
    for (const pair of pool) {
      expect(shapeOf(pair.input)).toEqual(shapeOf(base.input));
      expect(shapeOf(pair.output)).toEqual(shapeOf(base.output));
      expect(JSON.stringify(pair.input).length).toBe(JSON.stringify(base.input).length);
      expect(JSON.stringify(pair.output).length).toBe(JSON.stringify(base.output).length);
    }
  });

  it('shares no string of 8 or more characters between two pairs (no per-string cache can hit)', () => {
    const owner = new Map<string, number>();
    for (const [index, pair] of pool.entries()) {
      const strings = stringsOf(pair).map(([, text]) => text);
      for (const text of new Set(strings.filter((item) => item.length >= 8))) {
        expect(owner.get(text), text).toBeUndefined();
        owner.set(text, index);
      }
    }
  });

  it('keeps the repeats inside one payload as scenario 4 has them, and its secrets where they were', () => {
    const baseStrings = stringsOf(base);
    const distinct = new Set(baseStrings.map(([, text]) => text)).size;
    for (const pair of pool) {
      const strings = stringsOf(pair);
      expect(strings.map(([path]) => path)).toEqual(baseStrings.map(([path]) => path));
      expect(new Set(strings.map(([, text]) => text)).size).toBe(distinct);
    }
    expect(stringsOf(pool[5]!.input).find(([path]) => path.endsWith('.apiKey'))?.[1]).toMatch(/^sk05/);
  });
});
