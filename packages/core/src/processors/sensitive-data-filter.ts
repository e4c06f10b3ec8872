import { AITracingConfigError } from '../errors/config-error';
import type { KeyRedactor } from '../serialization/key-redactor';
import type { AISpanProcessor } from '../types/processor';
import type { RedactionStyle, SensitiveDataFilterOptions } from '../types/sensitive-data-filter-options';
import type { AnyAISpan } from '../types/span';

/** The field names redacted when `sensitiveFields` is not given. */
export const DEFAULT_SENSITIVE_FIELDS: readonly string[] = Object.freeze([
  'password',
  'token',
  'secret',
  'key',
  'apikey',
  'auth',
  'authorization',
  'bearer',
  'bearertoken',
  'jwt',
  'credential',
  'clientsecret',
  'privatekey',
  'refresh',
  'ssn',
]);

const SPAN_DATA_FIELDS = ['attributes', 'metadata', 'input', 'output', 'errorInfo'] as const;
const DEFAULT_REDACTION_TOKEN = '[REDACTED]';
const FILTER_FAILED = '[REDACTED: filter failed]';
const TOO_DEEP = '[REDACTED: too deep]';
/** Deeper than any serialised span data; beyond it objects are replaced rather than walked. */
const MAX_DEPTH = 64;
const MAX_CACHED_KEYS = 10_000;
const PARTIAL_VISIBLE_CHARS = 3;
// Splits `openaiAPIKey_v2` into openai, API, Key, v, 2: acronyms end where a capitalised word starts.
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const NON_ALPHANUMERIC = /[^a-z0-9]/g;

type PlainObject = Record<string, unknown>;

// Settings of each filter, for core's fused serialise-and-redact walk (see keyRedactorOf).
const CONTEXTS = new WeakMap<SensitiveDataFilter, FilterContext>();

/** The filter's fixed settings, shared by every walk. */
interface FilterContext {
  readonly fields: ReadonlySet<string>;
  readonly token: string;
  readonly style: RedactionStyle;
  /** Per-key decision: the same few keys come back on every span. */
  readonly decisions: Map<string, boolean>;
}

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
 * Span processor that redacts secrets from `attributes`, `metadata`, `input`,
 * `output` and `errorInfo` before export. It runs first in the processor chain
 * unless turned off with `sensitiveDataFilter: false`.
 *
 * A key is sensitive when, ignoring case and non-alphanumerics, the whole key
 * or a trailing run of its words is a sensitive field: with the defaults
 * `accessToken`, `openaiApiKey`, `x-api-key` and `client_secret` are redacted,
 * while `promptTokens`, `maxOutputTokens`, `tokenCount`, `author`, `keyboard`
 * and `keys` are not. `null` and `undefined` values are left as they are.
 *
 * Never mutates the data it is given: `redact` returns the same reference when
 * nothing under it was redacted, and otherwise copies only the changed path.
 * Fails closed: a value that throws while being read becomes
 * `'[REDACTED: filter failed]'`, and objects nested more than 64 levels deep
 * become `'[REDACTED: too deep]'`. `process` never throws.
 *
 * @throws AITracingConfigError from the constructor when an option is invalid.
 * @example
 * const filter = new SensitiveDataFilter({ redactionStyle: 'partial' });
 * filter.redact({ apiKey: 'sk-abcdef123456', model: 'gpt-4o' });
 * // → { apiKey: 'sk-…456', model: 'gpt-4o' }
 */
export class SensitiveDataFilter implements AISpanProcessor {
  /** Processor name */
  readonly name = 'sensitive-data-filter';
  private readonly context: FilterContext;

  constructor(options?: SensitiveDataFilterOptions) {
    this.context = resolveOptions(options);
    CONTEXTS.set(this, this.context);
  }

  /**
   * Replaces the span's `attributes`, `metadata`, `input`, `output` and
   * `errorInfo` with redacted values and returns the same span. Fields with
   * nothing to redact are not touched. Never throws: a span whose fields
   * cannot be replaced is dropped (returns `undefined`) rather than exported
   * unredacted.
   */
  process(span?: AnyAISpan): AnyAISpan | undefined {
    if (!span) return undefined;
    try {
      const data = span as Record<(typeof SPAN_DATA_FIELDS)[number], unknown>;
      for (const field of SPAN_DATA_FIELDS) {
        const original = data[field];
        const redacted = this.redact(original);
        if (redacted !== original) data[field] = redacted;
      }
      return span;
    } catch {
      return undefined;
    }
  }

  /**
   * Returns `value` with every sensitive key's value replaced. Walks plain
   * objects, arrays, Maps (string keys), Sets and class instances (own
   * enumerable keys; a changed instance is copied with its prototype).
   * Returns the very same reference when nothing was redacted; never mutates
   * `value`; never throws (if the value cannot be walked at all, the result
   * is the string `'[REDACTED: filter failed]'`).
   */
  redact<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    const state: WalkState = { context: this.context, ancestors: new Set(), copies: undefined, changes: 0 };
    const result = walk(value, 0, state);
    // A cycle is copied even when nothing in it is sensitive; nothing replaced means the input is safe as is.
    return (state.changes === 0 ? value : result) as T;
  }

  /** Nothing to release; resolves immediately. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The filter's key test and masking, for core to redact while it serialises
 * (one walk instead of two, same result). Undefined for subclasses, whose
 * `process` may do more than redact: core then calls `process` as usual.
 * Internal to core; not exported from the package.
 */
export function keyRedactorOf(processor: unknown): KeyRedactor | undefined {
  if (
    !(processor instanceof SensitiveDataFilter) ||
    Object.getPrototypeOf(processor) !== SensitiveDataFilter.prototype
  ) {
    return undefined;
  }
  const context = CONTEXTS.get(processor);
  if (context === undefined) return undefined;
  return {
    isSensitiveKey: (key) => isSensitiveKey(key, context),
    mask: (value) => mask(value, context),
  };
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

function mask(value: unknown, context: FilterContext): unknown {
  if (value === null || value === undefined) return value;
  if (context.style === 'partial' && typeof value === 'string' && value.length > 2 * PARTIAL_VISIBLE_CHARS) {
    let head = value.slice(0, PARTIAL_VISIBLE_CHARS);
    let tail = value.slice(-PARTIAL_VISIBLE_CHARS);
    // Never show half of a surrogate pair.
    if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
    if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
    return `${head}…${tail}`;
  }
  return context.token;
}

function isSensitiveKey(key: string, context: FilterContext): boolean {
  const cached = context.decisions.get(key);
  if (cached !== undefined) return cached;
  const decision = matchesField(key, context.fields);
  // Bounded: keys are user data and could be unique per span (ids as keys).
  if (context.decisions.size >= MAX_CACHED_KEYS) context.decisions.clear();
  context.decisions.set(key, decision);
  return decision;
}

/** True when the whole normalised key, or a trailing run of its words, is a field. */
function matchesField(key: string, fields: ReadonlySet<string>): boolean {
  if (fields.has(normalize(key))) return true;
  const words = key.match(WORD);
  if (words === null) return false;
  // Trailing numbers are ignored as well: `apiKey2` and `token_1` are still a key and a token.
  let end = words.length;
  while (end > 0 && /^[0-9]/.test(words[end - 1]!)) end--;
  return (
    endsWithField(words, words.length, fields) || (end < words.length && endsWithField(words, end, fields))
  );
}

/** True when some run of `words` ending just before `end` is a field. */
function endsWithField(words: readonly string[], end: number, fields: ReadonlySet<string>): boolean {
  let suffix = '';
  for (let index = end - 1; index >= 0; index--) {
    suffix = words[index]!.toLowerCase() + suffix;
    if (fields.has(suffix)) return true;
  }
  return false;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(NON_ALPHANUMERIC, '');
}

/** Validates the options and applies their defaults. */
function resolveOptions(options: SensitiveDataFilterOptions | undefined): FilterContext {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw invalidOption('', 'must be an options object', options);
  }
  const {
    sensitiveFields,
    redactionToken = DEFAULT_REDACTION_TOKEN,
    redactionStyle = 'full',
  } = options ?? {};
  if (sensitiveFields !== undefined && !Array.isArray(sensitiveFields)) {
    throw invalidOption('.sensitiveFields', 'must be an array of field names (strings)', sensitiveFields);
  }
  if (typeof redactionToken !== 'string') {
    throw invalidOption('.redactionToken', 'must be a string', redactionToken);
  }
  if (redactionStyle !== 'full' && redactionStyle !== 'partial') {
    throw invalidOption('.redactionStyle', "must be 'full' or 'partial'", redactionStyle);
  }
  const fields = new Set<string>();
  (sensitiveFields ?? DEFAULT_SENSITIVE_FIELDS).forEach((field: unknown, index) => {
    const normalized = typeof field === 'string' ? normalize(field) : '';
    if (normalized === '') {
      throw invalidOption(
        `.sensitiveFields[${index}]`,
        'must be a name with at least one letter or digit',
        field,
      );
    }
    fields.add(normalized);
  });
  return { fields, token: redactionToken, style: redactionStyle, decisions: new Map() };
}

function invalidOption(path: string, requirement: string, given: unknown): AITracingConfigError {
  return new AITracingConfigError(`sensitiveDataFilter${path}`, `${requirement}, got ${describe(given)}`);
}

/** A short description of a rejected option value; never echoes more than 40 characters of it. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
