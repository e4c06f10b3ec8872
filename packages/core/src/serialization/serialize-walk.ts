// The recursive walk behind safeSerialize: containers, plain objects (fast and careful
// walks), Maps, Sets, Errors and toJSON, written as tokens into the state's tape
// (tape-tokens.ts). Internal to core; safe-serialize.ts is the entry.
import { describeFailure, describeLeaf, failureUnder, functionName, mapKeyName } from './describe-leaf';
import { rewindTape, type SerializeState } from './serialize-state';
import { isWellFormed, serializeKey, serializeString, serializeStringValue } from './serialize-string';
import { ARRAY_END, ARRAY_START, OBJECT_END, OBJECT_START } from './tape-tokens';

const CIRCULAR = '[Circular]';
const BUDGET_SPENT = '[Truncated: maxDataSize]';
const MORE_KEYS = '…';
// Objects stop at maxObjectKeys without counting the rest: counting would walk every key.
const KEYS_TRUNCATED = '[Truncated: maxObjectKeys]';
// Numbers are counted at a fixed size: measuring each one would cost a string allocation per number.
const APPROXIMATE_NUMBER_SIZE = 8;
/** Error fields kept, in output order; the extra ones match `AISpanErrorInfo.details`. */
const ERROR_FIELDS = ['name', 'message', 'stack', 'code', 'status', 'type', 'cause', 'errors'] as const;

// What the plain-object walks report: written, not written (the careful walk takes over), or an own toJSON met.
const WRITTEN = 0;
const BAILED = 1;
const FOUND_TO_JSON = 2;
type ObjectWalk = typeof WRITTEN | typeof BAILED | typeof FOUND_TO_JSON;

type PlainObject = Record<string, unknown>;

function emit(state: SerializeState, token: unknown): void {
  state.tape[state.length++] = token;
}

/**
 * Writes a value held by a container at `depth` (0 for the top-level value).
 * Returns false when nothing was written (undefined, or a toJSON that gave undefined).
 * May throw (a Proxy trap, a toJSON): the caller rewinds the tape to where the value began.
 */
export function writeValue(value: unknown, depth: number, state: SerializeState): boolean {
  switch (typeof value) {
    case 'string':
      emit(state, serializeStringValue(value, state));
      return true;
    case 'number':
      state.size += APPROXIMATE_NUMBER_SIZE;
      emit(state, Number.isFinite(value) ? value : String(value));
      return true;
    case 'boolean':
      state.size += 5;
      emit(state, value);
      return true;
    case 'undefined':
      return false;
    case 'bigint':
    case 'symbol':
      emit(state, serializeString(value.toString(), state));
      return true;
    case 'function':
      emit(state, serializeString(`[Function ${functionName(value)}]`, state));
      return true;
    default:
      if (value === null) {
        state.size += 4;
        emit(state, null);
        return true;
      }
      return writeObject(value as object, depth + 1, state, true);
  }
}

/** A container's item that threw while being read: the tokens it wrote go, its marker stays. */
function writeFailure(state: SerializeState, start: number, marker: string): void {
  rewindTape(state, start);
  emit(state, serializeString(marker, state));
}

function isAncestor(value: object, depth: number, state: SerializeState): boolean {
  const ancestors = state.ancestors;
  for (let index = 0; index < depth - 1; index++) if (ancestors[index] === value) return true;
  return false;
}

/** Writes an object found at `depth` (1 for the top-level object). */
function writeObject(value: object, depth: number, state: SerializeState, applyToJSON: boolean): boolean {
  if (state.size > state.limits.maxDataSize) {
    emit(state, BUDGET_SPENT);
    return true;
  }
  if (isAncestor(value, depth, state)) {
    emit(state, serializeString(CIRCULAR, state));
    return true;
  }

  if (Array.isArray(value)) {
    if (depth > state.limits.maxDepth) {
      emit(state, `[Array(${value.length})]`);
      return true;
    }
    state.ancestors[depth - 1] = value;
    writeArray(value, depth, state);
    return true;
  }

  const prototype: unknown = Object.getPrototypeOf(value);
  const isPlain = prototype === Object.prototype || prototype === null;
  if (!isPlain) {
    const leaf = describeLeaf(value);
    if (leaf !== undefined) {
      emit(state, serializeString(leaf, state));
      return true;
    }
  }
  if (depth > state.limits.maxDepth) {
    emit(state, value instanceof Set ? `[Array(${value.size})]` : '[Object]');
    return true;
  }

  state.ancestors[depth - 1] = value;
  if (isPlain) {
    const start = state.length;
    // A plain object can only carry toJSON as an own key: the walks spot it, no lookup miss per object.
    let walk: ObjectWalk =
      prototype === Object.prototype && state.fastObjects
        ? copyPlainObject(value as PlainObject, depth, state, applyToJSON)
        : BAILED;
    if (walk === BAILED) {
      rewindTape(state, start);
      walk = writeKeys(value, depth, state, applyToJSON);
    }
    if (walk === WRITTEN) return true;
    rewindTape(state, start);
    return writeToJSON(value, depth, state);
  }
  if (value instanceof Error) {
    writeError(value, depth, state);
    return true;
  }
  if (value instanceof Map) {
    writeMap(value, depth, state);
    return true;
  }
  if (value instanceof Set) {
    writeSet(value, depth, state);
    return true;
  }
  if (applyToJSON && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return writeToJSON(value, depth, state);
  }
  writeKeys(value, depth, state, false);
  return true;
}

function writeToJSON(value: object, depth: number, state: SerializeState): boolean {
  const json: unknown = (value as { toJSON: (key: string) => unknown }).toJSON('');
  if (json === value) {
    writeKeys(value, depth, state, false);
    return true;
  }
  // The result stands in for the value at the same depth, without a second toJSON (as JSON.stringify).
  if (typeof json === 'object' && json !== null) return writeObject(json, depth, state, false);
  return writeValue(json, depth - 1, state);
}

function writeArray(value: readonly unknown[], depth: number, state: SerializeState): void {
  const length = value.length;
  const kept = Math.min(length, state.limits.maxArrayLength);
  state.size += 2;
  emit(state, ARRAY_START);
  // A header tuple (`['Authorization', 'Bearer …']`) is a key and its value.
  const tupleKey = length === 2 && typeof value[0] === 'string' ? value[0] : undefined;
  for (let index = 0; index < kept; index++) {
    if (state.size > state.limits.maxDataSize) {
      emit(state, BUDGET_SPENT);
      emit(state, ARRAY_END);
      return;
    }
    const start = state.length;
    try {
      const entry = value[index];
      const written =
        index === 1 &&
        tupleKey !== undefined &&
        entry !== null &&
        entry !== undefined &&
        state.redactor?.isSensitiveKey(tupleKey) === true
          ? writeValue(state.redactor.mask(entry), depth, state)
          : writeValue(entry, depth, state);
      if (!written) emit(state, null);
    } catch (error) {
      writeFailure(state, start, describeFailure(error));
    }
    state.size += 1;
  }
  if (length > kept) emit(state, serializeString(`…[${length - kept} more items]`, state));
  emit(state, ARRAY_END);
}

function writeSet(value: ReadonlySet<unknown>, depth: number, state: SerializeState): void {
  const kept = Math.min(value.size, state.limits.maxArrayLength);
  let count = 0;
  state.size += 2;
  emit(state, ARRAY_START);
  for (const entry of value) {
    if (count === kept) break;
    if (state.size > state.limits.maxDataSize) {
      emit(state, BUDGET_SPENT);
      emit(state, ARRAY_END);
      return;
    }
    count++;
    const start = state.length;
    try {
      if (!writeValue(entry, depth, state)) emit(state, null);
    } catch (error) {
      writeFailure(state, start, describeFailure(error));
    }
    state.size += 1;
  }
  if (value.size > kept) emit(state, serializeString(`…[${value.size - kept} more items]`, state));
  emit(state, ARRAY_END);
}

/**
 * Fast path for the common plain object (prototype `Object.prototype`): one
 * `for…in` pass over its own keys, written straight to the tape (no key or
 * value arrays to allocate). Returns BAILED when the object needs the careful
 * walk (too many keys, undefined values, getters that throw); the caller then
 * rewinds the tape and the careful walk starts from scratch. Only taken while
 * `Object.prototype` has no enumerable key (`for…in` would visit it): checked
 * once before and once after each call, not per object.
 */
function copyPlainObject(
  value: PlainObject,
  depth: number,
  state: SerializeState,
  detectToJSON: boolean,
): ObjectWalk {
  const limits = state.limits;
  const sizeBefore = state.size;
  const redactor = state.redactor;
  // Strings take the value rule's path when there is one.
  const keepsStrings = redactor?.redactString === undefined;
  const tape = state.tape;
  // Longer keys go through serializeKey in the careful walk.
  const keyLength = Math.min(64, limits.maxStringLength);
  let keys = 0;
  let truncated = false;
  state.size += 2;
  emit(state, OBJECT_START);
  try {
    for (const key in value) {
      // Stop at the limit: the rest of a huge object is never read.
      if (++keys > limits.maxObjectKeys) {
        truncated = true;
        break;
      }
      const item = value[key];
      // Keys the careful walk would cut, and `__proto__` (counted and defined as a key), go there.
      // Not checked here: lone surrogates in keys (an isWellFormed call per key costs ~10 % of the walk).
      if (
        state.size > limits.maxDataSize ||
        item === undefined ||
        key.length > keyLength ||
        key === '__proto__'
      ) {
        state.size = sizeBefore;
        return BAILED;
      }
      state.size += key.length + 4;
      const keySlot = state.length;
      tape[state.length++] = key;
      if (redactor !== undefined && item !== null && redactor.isSensitiveKey(key)) {
        // A mask that gives undefined omits the key, as in the careful walk.
        if (!writeValue(redactor.mask(item), depth, state)) rewindTape(state, keySlot);
        continue;
      }
      switch (typeof item) {
        case 'string':
          if (keepsStrings && item.length <= limits.maxStringLength && isWellFormed(item)) {
            state.size += item.length + 2;
            tape[state.length++] = item;
            continue;
          }
          break;
        case 'number':
          if (Number.isFinite(item)) {
            state.size += APPROXIMATE_NUMBER_SIZE;
            tape[state.length++] = item;
            continue;
          }
          break;
        case 'boolean':
          state.size += 5;
          tape[state.length++] = item;
          continue;
        case 'function':
          if (detectToJSON && key === 'toJSON') return FOUND_TO_JSON;
          break;
        default:
          if (item === null) {
            state.size += 4;
            tape[state.length++] = null;
            continue;
          }
      }
      const start = state.length;
      let written: boolean;
      try {
        written = writeValue(item, depth, state);
      } catch (error) {
        writeFailure(state, start, describeFailure(error));
        written = true;
      }
      if (!written) {
        state.size = sizeBefore;
        return BAILED;
      }
    }
  } catch {
    // A getter or Proxy trap that throws: the careful walk marks just that value.
    state.size = sizeBefore;
    return BAILED;
  }
  if (truncated) {
    emit(state, MORE_KEYS);
    emit(state, KEYS_TRUNCATED);
  }
  emit(state, OBJECT_END);
  return WRITTEN;
}

/**
 * Own enumerable string keys of a plain object or class instance (as
 * `Object.keys`), at most `maxObjectKeys` of them. With `detectToJSON`,
 * returns FOUND_TO_JSON on meeting an own `toJSON` function.
 *
 * `for…in` with an early stop rather than `Object.keys`: no array of every
 * key is built, and no key past the limit is read. On a Proxy, `ownKeys` is
 * still called once (the engine needs its whole list), but
 * `getOwnPropertyDescriptor` and `get` run only for the keys kept.
 */
function writeKeys(value: object, depth: number, state: SerializeState, detectToJSON: boolean): ObjectWalk {
  const limits = state.limits;
  const redactor = state.redactor;
  const keepsStrings = redactor?.redactString === undefined;
  const tape = state.tape;
  let kept = 0;
  state.size += 2;
  emit(state, OBJECT_START);
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
      emit(state, MORE_KEYS);
      emit(state, KEYS_TRUNCATED);
      break;
    }
    if (state.size > limits.maxDataSize) {
      emit(state, MORE_KEYS);
      emit(state, BUDGET_SPENT);
      break;
    }
    kept++;
    // The key's slot is reserved: the key is counted after its value, as the budget has always run.
    const keySlot = state.length;
    emit(state, undefined);
    let written = true;
    try {
      const item = (value as PlainObject)[key];
      if (detectToJSON && key === 'toJSON' && typeof item === 'function') return FOUND_TO_JSON;
      if (redactor !== undefined && item !== undefined && item !== null && redactor.isSensitiveKey(key)) {
        written = writeValue(redactor.mask(item), depth, state);
      } else if (
        keepsStrings &&
        typeof item === 'string' &&
        item.length <= limits.maxStringLength &&
        isWellFormed(item)
      ) {
        // Fast path for the most common value: a string within limits is kept as it is.
        state.size += item.length + 2;
        tape[state.length++] = item;
      } else if (typeof item === 'number' && Number.isFinite(item)) {
        state.size += APPROXIMATE_NUMBER_SIZE;
        tape[state.length++] = item;
      } else {
        written = writeValue(item, depth, state);
      }
    } catch (error) {
      writeFailure(state, keySlot + 1, failureUnder(key, error, state));
    }
    if (written) tape[keySlot] = serializeKey(key, state);
    else rewindTape(state, keySlot);
  }
  emit(state, OBJECT_END);
  return WRITTEN;
}

function writeMap(value: ReadonlyMap<unknown, unknown>, depth: number, state: SerializeState): void {
  const kept = Math.min(value.size, state.limits.maxObjectKeys);
  const tape = state.tape;
  let count = 0;
  state.size += 2;
  emit(state, OBJECT_START);
  for (const [key, entry] of value) {
    if (count === kept) break;
    if (state.size > state.limits.maxDataSize) {
      emit(state, MORE_KEYS);
      emit(state, BUDGET_SPENT);
      emit(state, OBJECT_END);
      return;
    }
    count++;
    const keySlot = state.length;
    emit(state, undefined);
    let name: string;
    let written: boolean;
    try {
      name = mapKeyName(key);
      const redact =
        state.redactor !== undefined &&
        typeof key === 'string' &&
        entry !== undefined &&
        entry !== null &&
        state.redactor.isSensitiveKey(key);
      written = writeValue(redact ? state.redactor!.mask(entry) : entry, depth, state);
    } catch (error) {
      name = typeof key === 'string' ? key : '[Unserializable key]';
      writeFailure(state, keySlot + 1, failureUnder(name, error, state));
      written = true;
    }
    if (written) tape[keySlot] = serializeKey(name, state);
    else rewindTape(state, keySlot);
  }
  if (value.size > kept) {
    emit(state, MORE_KEYS);
    emit(state, `[${value.size - kept} more keys]`);
  }
  emit(state, OBJECT_END);
}

function writeError(error: Error, depth: number, state: SerializeState): void {
  const tape = state.tape;
  state.size += 2;
  emit(state, OBJECT_START);
  for (const field of ERROR_FIELDS) {
    const keySlot = state.length;
    emit(state, undefined);
    let written: boolean;
    try {
      written = writeValue((error as unknown as PlainObject)[field], depth, state);
    } catch (failure) {
      writeFailure(state, keySlot + 1, describeFailure(failure));
      written = true;
    }
    if (written) {
      tape[keySlot] = field;
      state.size += field.length + 4;
    } else {
      rewindTape(state, keySlot);
    }
  }
  emit(state, OBJECT_END);
}

const NO_KEYS: PlainObject = {};

/** Whether `Object.prototype` has an enumerable key (someone polluted it): ~5 ns. */
export function objectPrototypeHasEnumerableKeys(): boolean {
  for (const _key in NO_KEYS) return true;
  return false;
}
