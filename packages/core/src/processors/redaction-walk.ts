import { type FilterContext, isSensitiveKey, mask } from './sensitive-keys';

// SensitiveDataFilter's structure-preserving redaction (its public `redact` and
// `process`): same shapes back, only the changed path copied. Core's span path
// does not use it; it redacts inside safeSerialize's walk (keyRedactorOf).

const FILTER_FAILED = '[REDACTED: filter failed]';
const TOO_DEEP = '[REDACTED: too deep]';
/** Deeper than any serialised span data; beyond it objects are replaced rather than walked. */
const MAX_DEPTH = 64;

type PlainObject = Record<string, unknown>;

/** Bookkeeping of one `redact` call. */
interface WalkState {
  readonly context: FilterContext;
  /** Objects on the path from the root to the current value. */
  readonly ancestors: Set<object>;
  /**
   * Copies of the ancestors being changed. A back reference to an ancestor
   * points at its copy, so a redacted cycle never leads back to the original.
   */
  copies: Map<object, object> | undefined;
  /** Values replaced so far; zero means the input can be returned as it is. */
  changes: number;
}

/**
 * `value` with every sensitive key's value replaced; the very same reference
 * when nothing was. Never mutates `value`; never throws.
 */
export function redactValue<T>(value: T, context: FilterContext): T {
  if (typeof value !== 'object' || value === null) return value;
  const state: WalkState = { context, ancestors: new Set(), copies: undefined, changes: 0 };
  const result = walk(value, 0, state);
  // A cycle is copied even when nothing in it is sensitive; nothing replaced means the input is safe as is.
  return (state.changes === 0 ? value : result) as T;
}

function walk(value: unknown, depth: number, state: WalkState): unknown {
  if (typeof value !== 'object' || value === null) return value;
  try {
    if (state.ancestors.has(value)) return copyOf(value, state);
    if (isLeaf(value)) return value;
    if (depth >= MAX_DEPTH) {
      state.changes++;
      return TOO_DEEP;
    }
    state.ancestors.add(value);
    try {
      if (Array.isArray(value)) return walkArray(value, depth, state);
      if (value instanceof Map) return walkMap(value, depth, state);
      if (value instanceof Set) return walkSet(value, depth, state);
      return walkObject(value, depth, state);
    } finally {
      state.ancestors.delete(value);
      state.copies?.delete(value);
    }
  } catch {
    state.changes++;
    return FILTER_FAILED;
  }
}

/**
 * The copy of an object being walked, created empty on first need (its first
 * changed child, or a back reference to it); the object's walk fills it in.
 */
function copyOf(value: object, state: WalkState): object {
  state.copies ??= new Map();
  let copy = state.copies.get(value);
  if (copy === undefined) {
    if (Array.isArray(value)) copy = [];
    else if (value instanceof Map) copy = new Map();
    else if (value instanceof Set) copy = new Set();
    else copy = copyObject(value);
    state.copies.set(value, copy);
  }
  return copy;
}

function walkObject(value: object, depth: number, state: WalkState): object {
  const keys = Object.keys(value);
  let copy: PlainObject | undefined;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    let original: unknown;
    let result: unknown;
    try {
      original = (value as PlainObject)[key];
      if (isSensitiveKey(key, state.context)) {
        result = mask(original, state.context);
        if (result !== original) state.changes++;
      } else {
        result = walk(original, depth + 1, state);
      }
    } catch {
      state.changes++;
      result = FILTER_FAILED;
    }
    if (copy === undefined) {
      if (result === original) continue;
      copy = copyOf(value, state) as PlainObject;
      for (let before = 0; before < index; before++) {
        defineData(copy, keys[before]!, (value as PlainObject)[keys[before]!]);
      }
    }
    defineData(copy, key, result);
  }
  return copy ?? value;
}

function walkArray(value: unknown[], depth: number, state: WalkState): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index++) {
    let original: unknown;
    let result: unknown;
    try {
      original = value[index];
      result = walk(original, depth + 1, state);
    } catch {
      state.changes++;
      result = FILTER_FAILED;
    }
    if (copy === undefined) {
      if (result === original) continue;
      copy = copyOf(value, state) as unknown[];
      for (let before = 0; before < index; before++) copy[before] = value[before];
    }
    copy[index] = result;
  }
  return copy ?? value;
}

function walkMap(value: Map<unknown, unknown>, depth: number, state: WalkState): Map<unknown, unknown> {
  let copy: Map<unknown, unknown> | undefined;
  let index = 0;
  for (const [key, original] of value) {
    let result: unknown;
    if (typeof key === 'string' && isSensitiveKey(key, state.context)) {
      result = mask(original, state.context);
      if (result !== original) state.changes++;
    } else {
      result = walk(original, depth + 1, state);
    }
    if (copy === undefined && result !== original) {
      copy = copyOf(value, state) as Map<unknown, unknown>;
      for (const [earlierKey, earlier] of [...value].slice(0, index)) copy.set(earlierKey, earlier);
    }
    copy?.set(key, result);
    index++;
  }
  return copy ?? value;
}

function walkSet(value: Set<unknown>, depth: number, state: WalkState): Set<unknown> {
  let copy: Set<unknown> | undefined;
  let index = 0;
  for (const original of value) {
    const result = walk(original, depth + 1, state);
    if (copy === undefined && result !== original) {
      copy = copyOf(value, state) as Set<unknown>;
      for (const earlier of [...value].slice(0, index)) copy.add(earlier);
    }
    copy?.add(result);
    index++;
  }
  return copy ?? value;
}

/**
 * An empty object with the prototype of `value`. Class instances keep their
 * non-enumerable own properties too (an Error's message and stack).
 */
function copyObject(value: object): PlainObject {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype) return {};
  if (prototype === null) return Object.create(null) as PlainObject;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  // Configurable, so the walk can overwrite redacted keys even on a frozen instance.
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  return Object.create(prototype as object, descriptors) as PlainObject;
}

/** Defines rather than assigns, so a `__proto__` key stays a key and read-only copies can be overwritten. */
function defineData(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Values whose contents are not walked: they hold no keyed data, and reading a Buffer's indices would be slow. */
function isLeaf(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null || Array.isArray(value)) return false;
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Promise ||
    value instanceof WeakMap ||
    value instanceof WeakSet
  );
}
