// The recursive copy behind safeSerialize: containers, plain objects (fast and careful
// walks), Maps, Sets, Errors and toJSON. Internal to core; safe-serialize.ts is the entry.
import { describeFailure, describeLeaf, failureUnder, functionName, mapKeyName } from './describe-leaf';
import type { SerializeState } from './serialize-state';
import { isWellFormed, serializeKey, serializeString, serializeStringValue } from './serialize-string';

const CIRCULAR = '[Circular]';
const BUDGET_SPENT = '[Truncated: maxDataSize]';
const MORE_KEYS = '…';
// Objects stop at maxObjectKeys without counting the rest: counting would walk every key.
const KEYS_TRUNCATED = '[Truncated: maxObjectKeys]';
// Numbers are counted at a fixed size: measuring each one would cost a string allocation per number.
const APPROXIMATE_NUMBER_SIZE = 8;
/** Error fields kept, in output order; the extra ones match `AISpanErrorInfo.details`. */
const ERROR_FIELDS = ['name', 'message', 'stack', 'code', 'status', 'type', 'cause', 'errors'] as const;

type PlainObject = Record<string, unknown>;

/** Serialises a value held by a container at `depth` (0 for the top-level value). */
export function serializeValue(value: unknown, depth: number, state: SerializeState): unknown {
  switch (typeof value) {
    case 'string':
      return serializeStringValue(value, state);
    case 'number':
      state.size += APPROXIMATE_NUMBER_SIZE;
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      state.size += 5;
      return value;
    case 'undefined':
      return undefined;
    case 'bigint':
    case 'symbol':
      return serializeString(value.toString(), state);
    case 'function':
      return serializeString(`[Function ${functionName(value)}]`, state);
    default:
      if (value === null) {
        state.size += 4;
        return null;
      }
      return serializeObject(value as object, depth + 1, state, true);
  }
}

function isAncestor(value: object, depth: number, state: SerializeState): boolean {
  const ancestors = state.ancestors;
  for (let index = 0; index < depth - 1; index++) if (ancestors[index] === value) return true;
  return false;
}

/** Serialises an object found at `depth` (1 for the top-level object). */
function serializeObject(value: object, depth: number, state: SerializeState, applyToJSON: boolean): unknown {
  if (state.size > state.limits.maxDataSize) return BUDGET_SPENT;
  if (isAncestor(value, depth, state)) return serializeString(CIRCULAR, state);

  if (Array.isArray(value)) {
    if (depth > state.limits.maxDepth) return `[Array(${value.length})]`;
    state.ancestors[depth - 1] = value;
    return serializeArray(value, depth, state);
  }

  const prototype: unknown = Object.getPrototypeOf(value);
  const isPlain = prototype === Object.prototype || prototype === null;
  if (!isPlain) {
    const leaf = describeLeaf(value);
    if (leaf !== undefined) return serializeString(leaf, state);
  }
  if (depth > state.limits.maxDepth) return value instanceof Set ? `[Array(${value.size})]` : '[Object]';

  state.ancestors[depth - 1] = value;
  if (isPlain) {
    // A plain object can only carry toJSON as an own key: the walks spot it, no lookup miss per object.
    let out =
      prototype === Object.prototype
        ? copyPlainObject(value as PlainObject, depth, state, applyToJSON)
        : undefined;
    out ??= serializeKeys(value, depth, state, applyToJSON);
    return out === TO_JSON ? serializeToJSON(value, depth, state) : out;
  }
  if (value instanceof Error) return serializeError(value, depth, state);
  if (value instanceof Map) return serializeMap(value, depth, state);
  if (value instanceof Set) return serializeSet(value, depth, state);
  if (applyToJSON && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serializeToJSON(value, depth, state);
  }
  return serializeKeys(value, depth, state, false);
}

/** Sentinel returned by serializeKeys when it meets an own `toJSON` function. */
const TO_JSON: PlainObject = Object.freeze({}) as PlainObject;

function serializeToJSON(value: object, depth: number, state: SerializeState): unknown {
  const json: unknown = (value as { toJSON: (key: string) => unknown }).toJSON('');
  if (json === value) return serializeKeys(value, depth, state, false);
  // The result stands in for the value at the same depth, without a second toJSON (as JSON.stringify).
  if (typeof json === 'object' && json !== null) return serializeObject(json, depth, state, false);
  return serializeValue(json, depth - 1, state);
}

function serializeArray(value: readonly unknown[], depth: number, state: SerializeState): unknown[] {
  const length = value.length;
  const kept = Math.min(length, state.limits.maxArrayLength);
  const out: unknown[] = [];
  state.size += 2;
  // A header tuple (`['Authorization', 'Bearer …']`) is a key and its value.
  const tupleKey = length === 2 && typeof value[0] === 'string' ? value[0] : undefined;
  for (let index = 0; index < kept; index++) {
    if (state.size > state.limits.maxDataSize) {
      out.push(BUDGET_SPENT);
      return out;
    }
    let item: unknown;
    try {
      const entry = value[index];
      item =
        index === 1 &&
        tupleKey !== undefined &&
        entry !== null &&
        entry !== undefined &&
        state.redactor?.isSensitiveKey(tupleKey) === true
          ? serializeValue(state.redactor.mask(entry), depth, state)
          : serializeValue(entry, depth, state);
    } catch (error) {
      item = serializeString(describeFailure(error), state);
    }
    out.push(item === undefined ? null : item);
    state.size += 1;
  }
  if (length > kept) out.push(serializeString(`…[${length - kept} more items]`, state));
  return out;
}

function serializeSet(value: ReadonlySet<unknown>, depth: number, state: SerializeState): unknown[] {
  const kept = Math.min(value.size, state.limits.maxArrayLength);
  const out: unknown[] = [];
  state.size += 2;
  for (const entry of value) {
    if (out.length === kept) break;
    if (state.size > state.limits.maxDataSize) {
      out.push(BUDGET_SPENT);
      return out;
    }
    let item: unknown;
    try {
      item = serializeValue(entry, depth, state);
    } catch (error) {
      item = serializeString(describeFailure(error), state);
    }
    out.push(item === undefined ? null : item);
    state.size += 1;
  }
  if (value.size > kept) out.push(serializeString(`…[${value.size - kept} more items]`, state));
  return out;
}

/**
 * Fast path for the common plain object (prototype `Object.prototype`): one
 * `for…in` pass over its own keys, copying each value into a fresh object
 * (no key or value arrays to allocate). Returns undefined when the object
 * needs the careful walk (too many keys, undefined values, getters that
 * throw, an enumerable property on `Object.prototype`); the careful walk then
 * starts from scratch.
 */
function copyPlainObject(
  value: PlainObject,
  depth: number,
  state: SerializeState,
  detectToJSON: boolean,
): PlainObject | undefined {
  // for…in would also visit inherited keys: only used while Object.prototype has none.
  if (objectPrototypeHasEnumerableKeys()) return undefined;
  const limits = state.limits;
  const sizeBefore = state.size;
  // Built by assignment, in the source's key order: on Node 20 both a spread and
  // Object.assign into `{}` cost more than the whole walk of a small object (and
  // adding a property to a spread clone later, e.g. `cost`, costs ~1.5 µs).
  const out: PlainObject = {};
  const redactor = state.redactor;
  // Strings take the value rule's path when there is one.
  const keepsStrings = redactor?.redactString === undefined;
  let keys = 0;
  let truncated = false;
  state.size += 2;
  try {
    for (const key in value) {
      // Stop at the limit: the rest of a huge object is never read.
      if (++keys > limits.maxObjectKeys) {
        truncated = true;
        break;
      }
      const item = value[key];
      // Assigning `__proto__` would set the prototype instead: the careful walk defines it as a key.
      if (state.size > limits.maxDataSize || item === undefined || key.length > 64 || key === '__proto__') {
        state.size = sizeBefore;
        return undefined;
      }
      state.size += key.length + 4;
      if (redactor !== undefined && item !== null && redactor.isSensitiveKey(key)) {
        out[key] = serializeValue(redactor.mask(item), depth, state);
        continue;
      }
      switch (typeof item) {
        case 'string':
          if (keepsStrings && item.length <= limits.maxStringLength && isWellFormed(item)) {
            state.size += item.length + 2;
            out[key] = item;
            continue;
          }
          break;
        case 'number':
          if (Number.isFinite(item)) {
            state.size += APPROXIMATE_NUMBER_SIZE;
            out[key] = item;
            continue;
          }
          break;
        case 'boolean':
          state.size += 5;
          out[key] = item;
          continue;
        case 'function':
          if (detectToJSON && key === 'toJSON') return TO_JSON;
          break;
        default:
          if (item === null) {
            state.size += 4;
            out[key] = null;
            continue;
          }
      }
      let serialized: unknown;
      try {
        serialized = serializeValue(item, depth, state);
      } catch (error) {
        serialized = serializeString(describeFailure(error), state);
      }
      if (serialized === undefined) {
        state.size = sizeBefore;
        return undefined;
      }
      out[key] = serialized;
    }
  } catch {
    // A getter or Proxy trap that throws: the careful walk marks just that value.
    state.size = sizeBefore;
    return undefined;
  }
  // A getter that made Object.prototype enumerable mid-walk may have let an inherited key in.
  if (objectPrototypeHasEnumerableKeys()) {
    state.size = sizeBefore;
    return undefined;
  }
  if (truncated) out[MORE_KEYS] = KEYS_TRUNCATED;
  return out;
}

const NO_KEYS: PlainObject = {};

/** Whether `Object.prototype` has an enumerable key (someone polluted it): ~5 ns. */
function objectPrototypeHasEnumerableKeys(): boolean {
  for (const _key in NO_KEYS) return true;
  return false;
}

/**
 * Own enumerable string keys of a plain object or class instance (as
 * `Object.keys`), at most `maxObjectKeys` of them. With `detectToJSON`,
 * returns the TO_JSON sentinel on meeting an own `toJSON` function.
 *
 * `for…in` with an early stop rather than `Object.keys`: no array of every
 * key is built, and no key past the limit is read. On a Proxy, `ownKeys` is
 * still called once (the engine needs its whole list), but
 * `getOwnPropertyDescriptor` and `get` run only for the keys kept.
 */
function serializeKeys(
  value: object,
  depth: number,
  state: SerializeState,
  detectToJSON: boolean,
): PlainObject {
  const limits = state.limits;
  const redactor = state.redactor;
  const keepsStrings = redactor?.redactString === undefined;
  const out: PlainObject = {};
  let kept = 0;
  state.size += 2;
  for (const key in value) {
    let own: boolean;
    try {
      own = Object.hasOwn(value, key);
    } catch {
      own = true; // a throwing Proxy trap: kept, and its value read below becomes a marker
    }
    // for…in yields every own key before any inherited one: the first inherited key ends the own ones.
    if (!own) break;
    if (kept === limits.maxObjectKeys) {
      out[MORE_KEYS] = KEYS_TRUNCATED;
      break;
    }
    if (state.size > limits.maxDataSize) {
      out[MORE_KEYS] = BUDGET_SPENT;
      return out;
    }
    kept++;
    let item: unknown;
    try {
      item = (value as PlainObject)[key];
      if (detectToJSON && key === 'toJSON' && typeof item === 'function') return TO_JSON;
      if (redactor !== undefined && item !== undefined && item !== null && redactor.isSensitiveKey(key)) {
        item = serializeValue(redactor.mask(item), depth, state);
      } else if (
        keepsStrings &&
        typeof item === 'string' &&
        item.length <= limits.maxStringLength &&
        isWellFormed(item)
      ) {
        // Fast path for the most common value: a string within limits is kept as it is.
        state.size += item.length + 2;
      } else if (typeof item === 'number' && Number.isFinite(item)) {
        state.size += APPROXIMATE_NUMBER_SIZE;
      } else {
        item = serializeValue(item, depth, state);
      }
    } catch (error) {
      item = serializeString(failureUnder(key, error, state), state);
    }
    if (item !== undefined) setProperty(out, serializeKey(key, state), item);
  }
  return out;
}

function serializeMap(
  value: ReadonlyMap<unknown, unknown>,
  depth: number,
  state: SerializeState,
): PlainObject {
  const kept = Math.min(value.size, state.limits.maxObjectKeys);
  const out: PlainObject = {};
  let count = 0;
  state.size += 2;
  for (const [key, entry] of value) {
    if (count === kept) break;
    if (state.size > state.limits.maxDataSize) {
      out[MORE_KEYS] = BUDGET_SPENT;
      return out;
    }
    count++;
    let name: string;
    let item: unknown;
    try {
      name = mapKeyName(key);
      const redact =
        state.redactor !== undefined &&
        typeof key === 'string' &&
        entry !== undefined &&
        entry !== null &&
        state.redactor.isSensitiveKey(key);
      item = serializeValue(redact ? state.redactor!.mask(entry) : entry, depth, state);
    } catch (error) {
      name = typeof key === 'string' ? key : '[Unserializable key]';
      item = serializeString(failureUnder(name, error, state), state);
    }
    if (item !== undefined) setProperty(out, serializeKey(name, state), item);
  }
  if (value.size > kept) out[MORE_KEYS] = `[${value.size - kept} more keys]`;
  return out;
}

function serializeError(error: Error, depth: number, state: SerializeState): PlainObject {
  const out: PlainObject = {};
  state.size += 2;
  for (const field of ERROR_FIELDS) {
    let item: unknown;
    try {
      item = serializeValue((error as unknown as PlainObject)[field], depth, state);
    } catch (failure) {
      item = serializeString(describeFailure(failure), state);
    }
    if (item !== undefined) {
      out[field] = item;
      state.size += field.length + 4;
    }
  }
  return out;
}

/** Plain assignment of `__proto__` would change the output's prototype instead of adding a key. */
function setProperty(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
