import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z4 } from 'zod/v4';
import { methodLiteral } from './method-literal';

describe('methodLiteral', () => {
  it('reads the method of zod 3 and zod 4 request schemas, as SDK 1.x releases build them', () => {
    expect(methodLiteral(z.object({ method: z.literal('tools/call') }))).toBe('tools/call');
    expect(methodLiteral(z4.object({ method: z4.literal('tools/list') }))).toBe('tools/list');
  });

  it('returns undefined for anything else, without throwing', () => {
    const hostile = {
      get shape(): never {
        throw new Error('no');
      },
    };
    for (const schema of [
      undefined,
      null,
      42,
      {},
      { shape: {} },
      z.object({ method: z.string() }),
      hostile,
    ]) {
      expect(methodLiteral(schema)).toBeUndefined();
    }
  });
});
