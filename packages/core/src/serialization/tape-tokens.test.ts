import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeSerialize, serializeToTape } from './safe-serialize';
import { DEFAULT_SERIALIZATION_LIMITS, type SerializationLimits } from './serialization-options';
import { releaseState, takeState } from './serialize-state';
import { SerializedTape } from './tape-tokens';

// UTF-16 units on their own: lone surrogates, pairs cut apart, and the usual characters.
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('a', 'é', '😀', '\ud800', '\udc00', '…'),
);
const text = fc.string({ unit: codeUnit, maxLength: 12 });
// Keys are well-formed: the fast walk of plain objects keeps a key with a lone surrogate as it is.
const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toJSON', '…', 'a'),
);
const leaf = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 6 }),
    // Entries, so that `__proto__` becomes an own key and a key may repeat.
    fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => {
      const object: Record<string, unknown> = {};
      for (const [name, item] of entries) {
        Object.defineProperty(object, name, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }),
  ),
}));

// String.prototype.toWellFormed, spelled out: a lone surrogate becomes U+FFFD.
function mend(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// What JSON.stringify keeps, with lone surrogates mended (in keys too) and `__proto__` as a plain key.
function expected(input: unknown): unknown {
  if (typeof input === 'string') return mend(input);
  if (Array.isArray(input)) return input.map((item) => (item === undefined ? null : expected(item)));
  if (typeof input === 'object' && input !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(input)) {
      if (item === undefined) continue;
      Object.defineProperty(out, mend(name), {
        value: expected(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return input;
}

// Key order, -0, prototypes and `__proto__` keys all count.
function expectSameJSON(actual: unknown, wanted: unknown): void {
  if (typeof wanted !== 'object' || wanted === null) {
    expect(Object.is(actual, wanted)).toBe(true);
    return;
  }
  expect(typeof actual).toBe('object');
  expect(Array.isArray(actual)).toBe(Array.isArray(wanted));
  const actualObject = actual as Record<string, unknown>;
  if (!Array.isArray(wanted)) expect(Object.getPrototypeOf(actualObject)).toBe(Object.prototype);
  expect(Object.keys(actualObject)).toEqual(Object.keys(wanted));
  for (const name of Object.keys(wanted)) {
    expectSameJSON(actualObject[name], (wanted as Record<string, unknown>)[name]);
  }
}

const LOOSE: SerializationLimits = { ...DEFAULT_SERIALIZATION_LIMITS, maxDepth: 64 };

describe('the serialisation tape', () => {
  it('gives JSON values within limits back as JSON.stringify would keep them', () => {
    fc.assert(
      fc.property(value, (input) => {
        expectSameJSON(safeSerialize(input, LOOSE), expected(input));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps objects and arrays as a tape that materialises to what safeSerialize returns, fresh each time', () => {
    const limits = fc.record({
      maxStringLength: fc.integer({ min: 1, max: 20 }),
      maxArrayLength: fc.integer({ min: 1, max: 8 }),
      maxObjectKeys: fc.integer({ min: 1, max: 8 }),
      maxDepth: fc.integer({ min: 1, max: 6 }),
      maxDataSize: fc.integer({ min: 1, max: 400 }),
    });
    fc.assert(
      fc.property(value, limits, (input, chosen) => {
        const kept = serializeToTape(input, chosen, undefined);
        const copied = safeSerialize(input, chosen);
        if (!(kept instanceof SerializedTape)) {
          expect(Object.is(kept, copied)).toBe(true);
          return;
        }
        const first = kept.materialize();
        expectSameJSON(first, copied);
        const second = kept.materialize();
        expectSameJSON(second, copied);
        expect(second).not.toBe(first);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts keys longer than maxStringLength in plain objects too', () => {
    const cut = safeSerialize(
      { abcdefgh: 1, ab: 2 },
      { ...DEFAULT_SERIALIZATION_LIMITS, maxStringLength: 3 },
    );
    expect(Object.keys(cut as object)).toEqual(['abc…[truncated 5 chars]', 'ab']);
  });

  it('leaves out inherited keys when a getter pollutes Object.prototype half way through', () => {
    const later = { own: 1 };
    const value = {
      first: { a: 1 },
      get trigger(): string {
        Object.defineProperty(Object.prototype, 'injected', {
          value: 'x',
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return 'fired';
      },
      later,
    };
    try {
      expect(JSON.stringify(safeSerialize(value, DEFAULT_SERIALIZATION_LIMITS))).toBe(
        '{"first":{"a":1},"trigger":"fired","later":{"own":1}}',
      );
    } finally {
      delete (Object.prototype as Record<string, unknown>).injected;
    }
  });

  it('keeps no user string alive in its scratch tape once a call returns, even after a rewind', () => {
    const secret = `secret-${'x'.repeat(10)}`;
    // A getter that throws half way and an object the fast walk gives up on: both rewind the tape.
    const hostile = {
      first: { keep: secret, skipped: undefined },
      get second(): never {
        throw new Error('boom');
      },
    };
    expect(safeSerialize(hostile, DEFAULT_SERIALIZATION_LIMITS)).toEqual({
      first: { keep: secret },
      second: '[Unserializable: boom]',
    });
    const state = takeState(DEFAULT_SERIALIZATION_LIMITS, undefined);
    try {
      expect(state.tape.length).toBeGreaterThan(0);
      expect(state.tape.every((token) => token === undefined)).toBe(true);
    } finally {
      releaseState(state);
    }
  });

  it('drops a scratch tape a huge value grew, instead of holding it forever', () => {
    const huge = Array.from({ length: 70_000 }, (_, index) => index);
    const noLimits: SerializationLimits = { ...LOOSE, maxArrayLength: 100_000, maxDataSize: 10_000_000 };
    expect((safeSerialize(huge, noLimits) as number[]).length).toBe(70_000);
    const state = takeState(DEFAULT_SERIALIZATION_LIMITS, undefined);
    try {
      expect(state.tape.length).toBe(0);
    } finally {
      releaseState(state);
    }
  });
});
