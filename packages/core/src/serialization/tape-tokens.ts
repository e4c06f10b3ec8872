// The container markers of a serialisation tape, and how a tape becomes a value again. Internal to core.
//
// A tape is the flat token sequence the walk writes instead of building objects: markers,
// keys and leaves (strings, finite numbers, booleans, null). Strings are shared, never copied.
// An object is OBJECT_START, then key and value pairs, then OBJECT_END; an array is
// ARRAY_START, its values, ARRAY_END. The only objects in a tape are these frozen markers.

type PlainObject = Record<string, unknown>;

export const OBJECT_START: object = Object.freeze({ tape: 'object-start' });
export const OBJECT_END: object = Object.freeze({ tape: 'object-end' });
export const ARRAY_START: object = Object.freeze({ tape: 'array-start' });
export const ARRAY_END: object = Object.freeze({ tape: 'array-end' });

// Materialising runs no user code, so one cursor serves every call.
let cursor = 0;

/**
 * The JSON-compatible value written in `tokens[0..]`: fresh plain objects and
 * arrays, keys assigned in tape order (a repeated key keeps its first position
 * and takes the later value, as assignment does; `__proto__` is defined as data).
 * Undefined for an empty tape.
 */
export function materializeTape(tokens: readonly unknown[]): unknown {
  cursor = 0;
  return readValue(tokens);
}

function readValue(tokens: readonly unknown[]): unknown {
  const token = tokens[cursor++];
  if (token === OBJECT_START) return readObject(tokens);
  if (token === ARRAY_START) return readArray(tokens);
  return token;
}

function readObject(tokens: readonly unknown[]): PlainObject {
  const out: PlainObject = {};
  for (;;) {
    const key = tokens[cursor++];
    if (key === OBJECT_END) return out;
    // Leaves inline: most values are strings and numbers, no call or marker test for them.
    const token = tokens[cursor++];
    const value =
      typeof token !== 'object' || token === null
        ? token
        : token === OBJECT_START
          ? readObject(tokens)
          : readArray(tokens);
    if (key === '__proto__') {
      // Assignment would set the prototype instead of adding a key.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[key as string] = value;
    }
  }
}

function readArray(tokens: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    if (tokens[cursor] === ARRAY_END) {
      cursor++;
      return out;
    }
    const token = tokens[cursor++];
    out.push(
      typeof token !== 'object' || token === null
        ? token
        : token === OBJECT_START
          ? readObject(tokens)
          : readArray(tokens),
    );
  }
}

/**
 * A serialised container kept as its tape (a compact array sharing the
 * strings) until someone reads it: cheaper to keep alive than the objects.
 */
export class SerializedTape {
  readonly #tokens: readonly unknown[];

  constructor(tokens: readonly unknown[]) {
    this.#tokens = tokens;
  }

  /** A fresh value on every call. */
  materialize(): unknown {
    return materializeTape(this.#tokens);
  }
}
