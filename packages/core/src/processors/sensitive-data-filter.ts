import { AITracingConfigError } from '../errors/config-error';
import type { KeyRedactor } from '../serialization/key-redactor';
import type { AISpanProcessor } from '../types/processor';
import type { SensitiveDataFilterOptions } from '../types/sensitive-data-filter-options';
import type { AnyAISpan } from '../types/span';
import { redactValue } from './redaction-walk';
import { type FilterContext, isSensitiveKey, mask, normalize } from './sensitive-keys';

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

// Settings of each filter, for core's fused serialise-and-redact walk (see keyRedactorOf).
const CONTEXTS = new WeakMap<SensitiveDataFilter, FilterContext>();

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
    return redactValue(value, this.context);
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
