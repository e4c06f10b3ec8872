import { describe, expect, it } from 'vitest';
import { safeSerialize } from './safe-serialize';
import { DEFAULT_SERIALIZATION_LIMITS, type SerializationLimits } from './serialization-options';

const limits = DEFAULT_SERIALIZATION_LIMITS;

function withLimits(overrides: Partial<SerializationLimits>): SerializationLimits {
  return { ...DEFAULT_SERIALIZATION_LIMITS, ...overrides };
}

describe('safeSerialize', () => {
  describe('primitives', () => {
    it('returns strings, finite numbers, booleans and null unchanged', () => {
      expect(safeSerialize('hello', limits)).toBe('hello');
      expect(safeSerialize(42.5, limits)).toBe(42.5);
      expect(safeSerialize(true, limits)).toBe(true);
      expect(safeSerialize(null, limits)).toBeNull();
    });

    it('keeps undefined at the top level, omits it in objects and writes null in arrays', () => {
      expect(safeSerialize(undefined, limits)).toBeUndefined();
      expect(safeSerialize({ a: undefined, b: 1 }, limits)).toEqual({ b: 1 });
      expect(Object.keys(safeSerialize({ a: undefined }, limits) as object)).toEqual([]);
      expect(safeSerialize([undefined, 1], limits)).toEqual([null, 1]);
    });

    it('turns NaN and infinities into strings', () => {
      expect(safeSerialize([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], limits)).toEqual(
        ['NaN', 'Infinity', '-Infinity'],
      );
      expect(safeSerialize(Number.NaN, limits)).toBe('NaN');
    });

    it('turns a BigInt into its decimal string', () => {
      expect(safeSerialize(12345678901234567890n, limits)).toBe('12345678901234567890');
      expect(safeSerialize({ id: -5n }, limits)).toEqual({ id: '-5' });
    });

    it('describes functions and symbols', () => {
      function namedTool(): void {}
      expect(
        safeSerialize(
          {
            run: namedTool,
            anon: (
              () => () =>
                1
            )(),
          },
          limits,
        ),
      ).toEqual({
        run: '[Function namedTool]',
        anon: '[Function anonymous]',
      });
      expect(safeSerialize(Symbol('model'), limits)).toBe('Symbol(model)');
    });
  });

  describe('strings', () => {
    it('truncates long strings with a note of how much was cut', () => {
      const result = safeSerialize('a'.repeat(50), withLimits({ maxStringLength: 10 }));
      expect(result).toBe(`${'a'.repeat(10)}…[truncated 40 chars]`);
    });

    it('never cuts a surrogate pair in half', () => {
      const result = safeSerialize(`abc${'😀'.repeat(5)}`, withLimits({ maxStringLength: 4 }));
      expect(result).toBe('abc…[truncated 10 chars]');
    });

    it('replaces lone surrogates with U+FFFD', () => {
      expect(safeSerialize('bad \ud800 end', limits)).toBe('bad \ufffd end');
      expect(safeSerialize({ text: 'x\udc00' }, limits)).toEqual({ text: 'x\ufffd' });
      expect(safeSerialize('ok 😀', limits)).toBe('ok 😀');
    });
  });

  describe('built-in objects', () => {
    it('writes dates as ISO strings', () => {
      const at = new Date('2024-05-01T10:00:00.000Z');
      expect(safeSerialize({ at, bad: new Date(Number.NaN) }, limits)).toEqual({
        at: '2024-05-01T10:00:00.000Z',
        bad: 'Invalid Date',
      });
    });

    it('writes errors with name, message, stack, code, status and cause', () => {
      const cause = new TypeError('socket closed');
      const error = Object.assign(new Error('request failed', { cause }), {
        code: 'ECONNRESET',
        status: 503,
      });
      const result = safeSerialize(error, limits) as Record<string, unknown>;
      expect(result).toMatchObject({
        name: 'Error',
        message: 'request failed',
        code: 'ECONNRESET',
        status: 503,
        cause: { name: 'TypeError', message: 'socket closed' },
      });
      expect(result.stack).toContain('request failed');
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    });

    it('writes the errors of an AggregateError', () => {
      const result = safeSerialize(new AggregateError([new Error('one')], 'all failed'), limits);
      expect(result).toMatchObject({ name: 'AggregateError', errors: [{ message: 'one' }] });
    });

    it('writes a Map as a plain object and a Set as an array', () => {
      const map = new Map<unknown, unknown>([
        ['model', 'gpt-4o'],
        [1, 'one'],
        [new Date('2024-01-01T00:00:00.000Z'), true],
      ]);
      expect(safeSerialize({ map, set: new Set(['a', 'b']) }, limits)).toEqual({
        map: { model: 'gpt-4o', '1': 'one', '2024-01-01T00:00:00.000Z': true },
        set: ['a', 'b'],
      });
    });

    it('describes binary data by size instead of copying its bytes', () => {
      const result = safeSerialize(
        {
          buffer: Buffer.alloc(1234),
          bytes: new Uint8Array(12),
          floats: new Float64Array(2),
          raw: new ArrayBuffer(8),
          view: new DataView(new ArrayBuffer(4)),
        },
        limits,
      );
      expect(result).toEqual({
        buffer: '[Buffer 1234 bytes]',
        bytes: '[Uint8Array 12 bytes]',
        floats: '[Float64Array 16 bytes]',
        raw: '[ArrayBuffer 8 bytes]',
        view: '[DataView 4 bytes]',
      });
    });

    it('writes regular expressions as their literal and describes promises and weak collections', () => {
      expect(
        safeSerialize(
          {
            pattern: /to+ken/gi,
            pending: Promise.resolve(1),
            weakMap: new WeakMap(),
            weakSet: new WeakSet(),
          },
          limits,
        ),
      ).toEqual({ pattern: '/to+ken/gi', pending: '[Promise]', weakMap: '[WeakMap]', weakSet: '[WeakSet]' });
    });

    it('uses toJSON when an object has one', () => {
      const money = { amount: 5n, toJSON: () => ({ amount: '5.00', currency: 'EUR' }) };
      expect(safeSerialize({ price: money }, limits)).toEqual({ price: { amount: '5.00', currency: 'EUR' } });
    });

    it('copies class instances as plain objects of their own enumerable keys', () => {
      class Message {
        role = 'user';
        content = 'hi';
        describe(): string {
          return this.role;
        }
      }
      const result = safeSerialize(new Message(), limits);
      expect(result).toEqual({ role: 'user', content: 'hi' });
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    });
  });

  describe('cycles', () => {
    it('marks references back to an ancestor as circular', () => {
      const node: Record<string, unknown> = { name: 'root' };
      node.self = node;
      node.children = [{ parent: node }];
      expect(safeSerialize(node, limits)).toEqual({
        name: 'root',
        self: '[Circular]',
        children: [{ parent: '[Circular]' }],
      });
    });

    it('serialises an object shared by siblings twice instead of calling it circular', () => {
      const shared = { id: 1 };
      expect(safeSerialize({ a: shared, b: shared, list: [shared, shared] }, limits)).toEqual({
        a: { id: 1 },
        b: { id: 1 },
        list: [{ id: 1 }, { id: 1 }],
      });
    });

    it('handles an error whose cause is itself', () => {
      const error = new Error('loop');
      (error as { cause?: unknown }).cause = error;
      expect(safeSerialize(error, limits)).toMatchObject({ message: 'loop', cause: '[Circular]' });
    });

    it('still finds cycles when a getter serialises another value in the middle of the walk', () => {
      const other = { deep: { deeper: [{ leaf: 'x' }] } };
      const node: Record<string, unknown> = {
        child: {
          get nested() {
            return safeSerialize(other, limits);
          },
        },
      };
      node.after = { back: node };
      expect(safeSerialize(node, limits)).toEqual({
        child: { nested: { deep: { deeper: [{ leaf: 'x' }] } } },
        after: { back: '[Circular]' },
      });
      expect(safeSerialize({ again: other }, limits)).toEqual({ again: other });
    });
  });

  describe('limits', () => {
    it('keeps maxArrayLength items and notes how many were dropped', () => {
      const result = safeSerialize(
        Array.from({ length: 10 }, (_, index) => index),
        withLimits({ maxArrayLength: 3 }),
      );
      expect(result).toEqual([0, 1, 2, '…[7 more items]']);
    });

    it('keeps maxObjectKeys keys and marks the object truncated, without counting the rest', () => {
      const big = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`k${index}`, index]));
      const marked = { k0: 0, k1: 1, '…': '[Truncated: maxObjectKeys]' };
      expect(safeSerialize(big, withLimits({ maxObjectKeys: 2 }))).toEqual(marked);
      // The careful walk (a null prototype, a class instance) marks it the same way.
      expect(
        safeSerialize(Object.assign(Object.create(null), big), withLimits({ maxObjectKeys: 2 })),
      ).toEqual(marked);
      class Holder {}
      expect(safeSerialize(Object.assign(new Holder(), big), withLimits({ maxObjectKeys: 2 }))).toEqual(
        marked,
      );
      // Exactly maxObjectKeys keys is not truncated.
      expect(safeSerialize({ a: 1, b: 2 }, withLimits({ maxObjectKeys: 2 }))).toEqual({ a: 1, b: 2 });
    });

    it('limits Sets and Maps the same way', () => {
      const small = withLimits({ maxArrayLength: 1, maxObjectKeys: 1 });
      expect(safeSerialize(new Set([1, 2, 3]), small)).toEqual([1, '…[2 more items]']);
      expect(
        safeSerialize(
          new Map([
            ['a', 1],
            ['b', 2],
          ]),
          small,
        ),
      ).toEqual({ a: 1, '…': '[1 more keys]' });
    });

    it('replaces objects and arrays deeper than maxDepth with a marker', () => {
      const deep = { level1: { level2: { level3: { value: 1 } }, list: [1, 2, 3] } };
      expect(safeSerialize(deep, withLimits({ maxDepth: 2 }))).toEqual({
        level1: { level2: '[Object]', list: '[Array(3)]' },
      });
    });

    it('survives very deep nesting within the default depth', () => {
      let deep: Record<string, unknown> = { leaf: true };
      for (let index = 0; index < 10_000; index++) deep = { next: deep };
      const result = safeSerialize(deep, limits);
      expect(JSON.stringify(result)).toContain('[Object]');
    });

    it('stops at roughly maxDataSize and marks what was left out', () => {
      const items = Array.from({ length: 1_000 }, (_, index) => ({ index, text: 'x'.repeat(100) }));
      const result = safeSerialize({ items }, withLimits({ maxDataSize: 5_000 })) as { items: unknown[] };
      const size = JSON.stringify(result).length;
      expect(size).toBeGreaterThan(4_000);
      expect(size).toBeLessThan(6_000);
      expect(result.items.at(-1)).toBe('[Truncated: maxDataSize]');
    });

    it('keeps huge inputs small', () => {
      const huge = {
        text: 'y'.repeat(5_000_000),
        list: Array.from({ length: 100_000 }, (_, index) => index),
        map: Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`key${index}`, 'v'])),
      };
      const result = safeSerialize(huge, limits) as { text: string; list: unknown[]; map: object };
      expect(result.text).toHaveLength(32_768 + '…[truncated 4967232 chars]'.length);
      expect(result.list).toHaveLength(1_001);
      expect(Object.keys(result.map)).toHaveLength(501);
      expect(JSON.stringify(result).length).toBeLessThan(1_100_000);
    });
  });

  describe('hostile values', () => {
    it('marks a throwing getter as unserializable and keeps its siblings', () => {
      const value = {
        ok: 1,
        get broken(): never {
          throw new Error('getter exploded');
        },
      };
      expect(safeSerialize(value, limits)).toEqual({ ok: 1, broken: '[Unserializable: getter exploded]' });
    });

    it('marks a Proxy whose traps throw as unserializable', () => {
      const trap = new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('no keys for you');
          },
        },
      );
      const { proxy: revoked, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(safeSerialize({ trap, revoked, fine: 'yes' }, limits)).toEqual({
        trap: '[Unserializable: no keys for you]',
        revoked: expect.stringMatching(/^\[Unserializable: .*revoked/),
        fine: 'yes',
      });
      expect(safeSerialize(trap, limits)).toBe('[Unserializable: no keys for you]');
    });

    it('marks an object whose toJSON throws and cuts long messages to 200 characters', () => {
      const result = safeSerialize(
        {
          bad: {
            toJSON() {
              throw new Error('m'.repeat(500));
            },
          },
        },
        limits,
      ) as { bad: string };
      expect(result.bad).toBe(`[Unserializable: ${'m'.repeat(200)}]`);
    });

    it('copies __proto__, constructor and prototype keys as data without polluting prototypes', () => {
      const hostile = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}');
      const result = safeSerialize(hostile, limits) as Record<string, unknown>;
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(Object.keys(result)).toEqual(['__proto__', 'constructor']);
      expect(JSON.stringify(result)).toBe(
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}',
      );
      expect(result.polluted).toBeUndefined();
    });

    it('copies only own keys when Object.prototype was polluted, before or during the walk', () => {
      const prototype = Object.prototype as Record<string, unknown>;
      try {
        prototype.injected = 'from the prototype';
        expect(safeSerialize({ a: 1, nested: { b: 2 } }, limits)).toEqual({ a: 1, nested: { b: 2 } });
        delete prototype.injected;
        const value = {
          get first() {
            prototype.injected = 'mid-walk';
            return 1;
          },
          second: { c: 3 },
        };
        const result = safeSerialize(value, limits) as Record<string, unknown>;
        expect(Object.keys(result)).toEqual(['first', 'second']);
        expect(Object.keys(result.second as object)).toEqual(['c']);
      } finally {
        delete prototype.injected;
      }
    });
  });

  it('never throws, even when called with broken limits', () => {
    const broken = undefined as unknown as SerializationLimits;
    expect(safeSerialize({ a: 1 }, broken)).toMatch(/^\[Unserializable/);
    expect(() => safeSerialize('text', broken)).not.toThrow();
  });

  it('returns a fresh copy and never mutates its input', () => {
    const input = { list: [1, { nested: 'x'.repeat(10) }], map: new Map([['a', 1]]), at: new Date(0) };
    const before = structuredClone(input);
    const result = safeSerialize(input, withLimits({ maxStringLength: 3 })) as typeof input;
    expect(input).toEqual(before);
    expect(result).not.toBe(input);
    expect(result.list).not.toBe(input.list);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
