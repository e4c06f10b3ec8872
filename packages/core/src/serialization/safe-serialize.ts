import type { KeyRedactor } from '../types/key-redactor';
import { describeFailure, UNSERIALIZABLE } from './describe-leaf';
import type { SerializationLimits } from './serialization-options';
import { releaseState, rewindTape, type SerializeState, takeState } from './serialize-state';
import { isWellFormed } from './serialize-string';
import { objectPrototypeHasEnumerableKeys, writeValue } from './serialize-walk';
import { ARRAY_START, materializeTape, OBJECT_START, SerializedTape } from './tape-tokens';

/**
 * Copies any value into a fresh, acyclic, JSON-compatible value within the
 * given limits, ready to hand to an exporter.
 *
 * The result holds only `null`, booleans, finite numbers, strings, arrays and
 * plain objects (prototype `Object.prototype`). Never throws and never
 * mutates `value`; strings, finite numbers, booleans and `null` within limits
 * are returned as they are.
 *
 * Conversions: `undefined` stays `undefined` at the top level, is omitted from
 * objects and becomes `null` in arrays. `NaN`/`±Infinity` and BigInt become
 * strings. Dates become ISO strings (`'Invalid Date'`), Errors
 * `{ name, message, stack, code, status, type, cause, errors }` (fields present
 * only when set), Maps plain objects (non-string keys converted with `String()`,
 * Dates as ISO strings), Sets arrays, RegExps their literal (`'/a+/gi'`).
 * Binary data becomes a marker such as `'[Buffer 1234 bytes]'`, functions
 * `'[Function name]'`, symbols `'Symbol(desc)'`, WeakMap/WeakSet/WeakRef/Promise
 * `'[WeakMap]'` etc. A `toJSON` method is honoured (once, as `JSON.stringify`
 * does). Other class instances become plain objects of their own enumerable
 * string keys. Keys `__proto__`, `constructor` and `prototype` are copied as
 * plain data, so serialising hostile JSON cannot pollute prototypes.
 *
 * Limits: strings are cut after `maxStringLength` code units (never inside a
 * surrogate pair; lone surrogates become U+FFFD); arrays and objects keep
 * `maxArrayLength` items / `maxObjectKeys` keys plus one note; objects nested
 * deeper than `maxDepth` become `'[Object]'` or `'[Array(n)]'`; a reference
 * back to an ancestor becomes `'[Circular]'`. Once about `maxDataSize` JSON
 * characters are produced, the rest of each open array or object is replaced
 * by one `'[Truncated: maxDataSize]'` item (arrays) or `'…'` key (objects).
 * A value that throws while being read (getter, Proxy trap, `toJSON`) becomes
 * `'[Unserializable: <message>]'` and the rest survives; should the whole value
 * fail, the result is that marker (or `'[Unserializable]'` when even the message
 * cannot be read).
 *
 * With a `redactor`, the value under every key it accepts is replaced by
 * `redactor.mask(value)` in the same walk (this is how the engine and
 * `SensitiveDataFilter` redact span data).
 *
 * @example
 * const copy = safeSerialize({ prompt, response, at: new Date() }, DEFAULT_SERIALIZATION_LIMITS);
 * const redacted = safeSerialize(request, DEFAULT_SERIALIZATION_LIMITS, new SensitiveDataFilter());
 */
export function safeSerialize(value: unknown, limits: SerializationLimits, redactor?: KeyRedactor): unknown {
  return serialize(value, limits, redactor, false);
}

/**
 * `safeSerialize`, except that an object or array result comes as a
 * `SerializedTape` (materialise it to read it): compact to keep alive until
 * export. Internal to core: the snapshots of span input and output.
 */
export function serializeToTape(
  value: unknown,
  limits: SerializationLimits,
  redactor: KeyRedactor | undefined,
): unknown {
  return serialize(value, limits, redactor, true);
}

function serialize(
  value: unknown,
  limits: SerializationLimits,
  redactor: KeyRedactor | undefined,
  keepTape: boolean,
): unknown {
  try {
    switch (typeof value) {
      case 'string':
        if (
          redactor?.redactString === undefined &&
          value.length <= limits.maxStringLength &&
          isWellFormed(value)
        ) {
          return value;
        }
        break;
      case 'number':
        if (Number.isFinite(value)) return value;
        break;
      case 'boolean':
      case 'undefined':
        return value;
      default:
        if (value === null) return null;
    }
    const state = takeState(limits, redactor);
    try {
      walk(value, state);
      const tape = state.tape;
      const first = tape[0];
      if (first !== OBJECT_START && first !== ARRAY_START) return first;
      return keepTape ? new SerializedTape(tape.slice(0, state.length)) : materializeTape(tape);
    } finally {
      releaseState(state);
    }
  } catch (error) {
    try {
      return describeFailure(error);
    } catch {
      return UNSERIALIZABLE;
    }
  }
}

/**
 * Writes `value` to the state's tape. The fast walk of plain objects relies on
 * `Object.prototype` having no enumerable key: checked before and after rather
 * than per object; a getter that polluted it mid-walk makes the walk start over
 * with the careful walk only.
 */
function walk(value: unknown, state: SerializeState): void {
  state.fastObjects = !objectPrototypeHasEnumerableKeys();
  writeValue(value, 0, state);
  if (state.fastObjects && objectPrototypeHasEnumerableKeys()) {
    state.fastObjects = false;
    rewindTape(state, 0);
    state.size = 0;
    writeValue(value, 0, state);
  }
}
