import { AITracingConfigError } from '../errors/config-error';
import { createPiiRedactor } from '../redaction/create-pii-redactor';
import { redactSecrets } from '../redaction/redact-secrets';
import { safeSerialize } from '../serialization/safe-serialize';
import type { SerializationLimits } from '../serialization/serialization-options';
import type { KeyRedactor } from '../types/key-redactor';
import type { ProcessorFastPath } from '../types/processor-fast-path';
import type { SensitiveDataFilterOptions } from '../types/sensitive-data-filter-options';
import type { AISpanProcessor, AnyAISpan } from '../types/tracing';
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
  'passwd',
  'pwd',
  'otp',
  'cookie',
  'setcookie',
  'authheader',
  'privatekeyid',
  'accesskeyid',
]);

const SPAN_DATA_FIELDS = ['attributes', 'metadata', 'input', 'output', 'errorInfo'] as const;
const DEFAULT_REDACTION_TOKEN = '[REDACTED]';
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/**
 * `redact` and `process` copy without size limits (the engine's own copy is
 * already within the configured ones); only depth is bounded, and what lies
 * deeper is replaced rather than passed through.
 */
const REDACT_LIMITS: SerializationLimits = Object.freeze({
  maxStringLength: NO_LIMIT,
  maxArrayLength: NO_LIMIT,
  maxObjectKeys: NO_LIMIT,
  maxDepth: 64,
  maxDataSize: NO_LIMIT,
});

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
 * The filter is a {@link KeyRedactor}: as the first processor it hands its
 * rule to the engine (`fastPath`), which redacts while it serialises the span
 * (one walk, no `process()` call). A subclass keeps that fast path, with its
 * own `isSensitiveKey` or `mask` if it overrides them, unless it overrides
 * `process()`: then its `process()` is called.
 *
 * Never mutates the data it is given; `redact` and `process` copy through the
 * same walk as the engine (`safeSerialize`). Fails closed: a value that throws
 * while being read under a sensitive key becomes the redaction token, and
 * objects nested more than 64 levels deep become `'[Object]'` /
 * `'[Array(n)]'`. `process` never throws.
 *
 * @throws AITracingConfigError from the constructor when an option is invalid.
 * @example
 * const filter = new SensitiveDataFilter({ redactionStyle: 'partial' });
 * filter.redact({ apiKey: 'sk-abcdef123456', model: 'gpt-4o' });
 * // → { apiKey: 'sk-…456', model: 'gpt-4o' }
 */
export class SensitiveDataFilter implements AISpanProcessor, KeyRedactor {
  /** Processor name */
  readonly name = 'sensitive-data-filter';
  readonly #context: FilterContext;

  constructor(options?: SensitiveDataFilterOptions) {
    this.#context = resolveOptions(options);
  }

  /**
   * Whether the value under `key` is redacted (see the class description).
   * Decisions are cached per key. Override to extend the rule; the override
   * is used on the engine's fast path too.
   */
  isSensitiveKey(key: string): boolean {
    return isSensitiveKey(key, this.#context);
  }

  /**
   * The replacement for a sensitive value: the redaction token, or in
   * `'partial'` style the first and last three characters of a string longer
   * than six. `null` and `undefined` are returned as they are.
   */
  mask(value: unknown): unknown {
    return mask(value, this.#context);
  }

  /**
   * `value` with the secrets (and, when `pii` is set, the personal data)
   * inside it replaced, the rest of the text kept; `value` itself when there
   * is nothing to replace or `detectSecrets` is false and `pii` unset. Runs on
   * every string value the engine serialises. Linear in the length of `value`.
   */
  redactString(value: string): string {
    const { detectSecrets, pii } = this.#context;
    let out = detectSecrets ? redactSecrets(value) : value;
    if (pii !== undefined) out = pii(out);
    return out;
  }

  /**
   * The filter's rule, for the engine to apply while it serialises span data.
   * Undefined when a subclass overrides `process()`, so that its own
   * `process()` is called.
   */
  fastPath(): ProcessorFastPath | undefined {
    if (this.process !== SensitiveDataFilter.prototype.process) return undefined;
    return { redactKeys: this.#hasValueRule() ? this : this.#keyRulesOnly() };
  }

  // Without detectors or PII (and no subclass rule), the walk is told there is no value rule:
  // it then keeps strings as they are instead of asking an identity rule about each one.
  #hasValueRule(): boolean {
    const { detectSecrets, pii } = this.#context;
    return (
      detectSecrets || pii !== undefined || this.redactString !== SensitiveDataFilter.prototype.redactString
    );
  }

  #keyRulesOnly(): KeyRedactor {
    return {
      isSensitiveKey: (key) => this.isSensitiveKey(key),
      mask: (value) => this.mask(value),
    };
  }

  /**
   * Replaces the span's `attributes`, `metadata`, `input`, `output` and
   * `errorInfo` with redacted copies (see `redact`) and returns the same span;
   * absent and primitive fields are not touched. Never throws: a span whose
   * fields cannot be replaced is dropped (returns `undefined`) rather than
   * exported unredacted.
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
   * A JSON-compatible copy of `value` with every sensitive key's value
   * replaced, made by the walk that serialises span data for export
   * (`safeSerialize`, without its size limits; depth is bounded at 64): Maps
   * become plain objects (string keys redacted), Sets arrays, class instances
   * plain objects of their own enumerable keys, Errors their well-known
   * fields, cycles `'[Circular]'`. Primitives come back as they are. Never
   * mutates `value`; never throws.
   */
  redact(value: unknown): unknown {
    return safeSerialize(value, REDACT_LIMITS, this);
  }

  /** Nothing to release; resolves immediately. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
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
    detectSecrets = true,
    pii,
  } = options ?? {};
  if (typeof detectSecrets !== 'boolean') {
    throw invalidOption('.detectSecrets', 'must be true or false', detectSecrets);
  }
  if (pii !== undefined && (typeof pii !== 'object' || pii === null)) {
    throw invalidOption('.pii', 'must be an options object', pii);
  }
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
  return {
    fields,
    token: redactionToken,
    style: redactionStyle,
    decisions: new Map(),
    detectSecrets,
    pii: pii === undefined ? undefined : createPiiRedactor(pii),
  };
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
