import fc from 'fast-check';

/** Keys the default sensitive-data filter must redact, in the spellings apps use. */
export const SENSITIVE_KEYS = [
  'password',
  'apiKey',
  'api_key',
  'x-api-key',
  'Authorization',
  'accessToken',
  'client_secret',
  'openaiApiKey',
  'privateKey',
  'refresh_token',
  'SSN',
  'jwt',
  'bearerToken',
  'secret',
] as const;

/** Keys that must stay plain data: never change a prototype. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Strings with lone surrogates and control characters. */
export const invalidUtf16 = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.string({ maxLength: 4 }),
      fc.constantFrom('\u0000', '\u001b[31m', '\r\n', '\ufffe'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Lets fast-check print a counterexample without touching its hostile parts. */
function printable<T extends object>(value: T, description: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => description, enumerable: false });
  return value;
}

/** An object whose `key` getter throws (with `message`). */
function throwingGetter(key: string, message: string): object {
  const target: Record<string, unknown> = printable({ ok: 1 }, `{ get ${JSON.stringify(key)}() { throw } }`);
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      throw new Error(message);
    },
  });
  return target;
}

/** Proxies whose traps throw, or that lie about their keys. */
const hostileProxy = fc.constantFrom<() => unknown>(
  () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('ownKeys trap');
        },
      },
    ),
  () =>
    new Proxy(
      { a: 1 },
      {
        get() {
          throw new Error('get trap');
        },
      },
    ),
  () =>
    new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('getPrototypeOf trap');
        },
      },
    ),
  () =>
    new Proxy([1, 2, 3], {
      get(target, key) {
        if (key === 'length') return 1e9;
        return Reflect.get(target, key);
      },
    }),
  () =>
    new Proxy({} as Record<string, unknown>, {
      ownKeys: () => ['ghost', 'apiKey'],
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true, value: 'x' }),
      get: (_target, key) => (key === 'apiKey' ? undefined : 'haunted'),
    }),
);

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { level, child: value };
  return value;
}

function withCycle(value: unknown): unknown {
  const holder: Record<string, unknown> = { value };
  holder.self = holder;
  holder.list = [holder, { back: holder }];
  return holder;
}

/** JSON that tries to pollute prototypes: `__proto__` and `constructor.prototype` as own keys. */
const pollutingJson = fc
  .tuple(fc.constantFrom(...POLLUTING_KEYS), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, inner]) =>
    JSON.parse(
      `{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}, "inner": ${JSON.stringify(inner) ?? 'null'}}, "ok": true}`,
    ),
  );

/**
 * Hostile span data: arbitrary JSON, deep nesting, cycles, huge strings and
 * arrays, BigInt, throwing getters, throwing and lying proxies,
 * prototype-pollution keys, invalid UTF-16, and built-ins of every kind.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 4 }),
    fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withBoxedValues: true,
    }),
    fc
      .integer({ min: 20, max: 400 })
      .chain((depth) => fc.boolean().map((asArray) => nest(depth, 'deep', asArray))),
    tie('value').map(withCycle),
    fc.integer({ min: 10_000, max: 300_000 }).map((length) => 'x'.repeat(length)),
    fc.integer({ min: 1_000, max: 60_000 }).map((length) => Array.from({ length }, (_, index) => index)),
    fc.bigInt(),
    invalidUtf16,
    fc
      .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }))
      .map(([key, message]) => throwingGetter(key, message)),
    hostileProxy.map((make) => printable({ proxy: make() }, '{ proxy: <hostile Proxy> }')),
    pollutingJson,
    fc.constantFrom<unknown>(
      new Error('boom', { cause: new Error('root cause') }),
      new Map<unknown, unknown>([
        [{ k: 1 }, 'object key'],
        [Symbol('s'), 1],
        ['apiKey', 'in a map'],
      ]),
      new Set([1, 'two', { three: 3 }]),
      new Date(Number.NaN),
      Buffer.from('binary'),
      new Uint8Array(16),
      Symbol('lonely'),
      () => 'function',
      Promise.resolve(1),
      new WeakMap(),
      Number.NaN,
      -0,
      Number.POSITIVE_INFINITY,
      { toJSON: () => ({ replaced: true }) },
      {
        toJSON() {
          throw new Error('toJSON throws');
        },
      },
      Object.create(null),
    ),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...POLLUTING_KEYS)), tie('value'), {
      maxKeys: 5,
    }),
    fc.array(tie('value'), { maxLength: 5 }),
  ),
})).value;

/** A secret planted under a sensitive key, `depth` objects deep inside hostile data. */
export interface PlantedSecret {
  readonly value: unknown;
  readonly key: string;
}

/**
 * Hostile data with `secret` planted under a sensitive key at some depth, as
 * a string, inside an object or array, or thrown by a getter under that key.
 */
export function withPlantedSecret(secret: string): fc.Arbitrary<PlantedSecret> {
  return fc
    .record({
      key: fc.constantFrom(...SENSITIVE_KEYS),
      depth: fc.integer({ min: 0, max: 8 }),
      form: fc.constantFrom('string', 'object', 'array', 'getter', 'bearer'),
      noise: hostileValue,
    })
    .map(({ key, depth, form, noise }) => {
      const holder: Record<string, unknown> = { noise };
      printable(holder, `{ ${key}: <secret as ${form}>, noise: ${fc.stringify(noise)} }`);
      if (form === 'getter') {
        Object.defineProperty(holder, key, {
          enumerable: true,
          get() {
            throw new Error(`cannot read ${secret}`);
          },
        });
      } else {
        holder[key] =
          form === 'string'
            ? secret
            : form === 'object'
              ? { value: secret, nested: { deeper: secret } }
              : form === 'array'
                ? [secret, { secret }]
                : `Bearer ${secret}`;
      }
      let value: unknown = holder;
      for (let level = 0; level < depth; level++) value = level % 2 === 0 ? { wrapper: value } : [value];
      return { value, key };
    });
}
