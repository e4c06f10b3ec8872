import { AITracingConfigError } from '../errors/config-error';

/**
 * Size limits applied when span data (input, output, attributes, metadata) is
 * copied for export. Every limit is optional; a missing or `undefined` limit
 * takes its default. Limits are checked once, by `resolveSerializationOptions`,
 * which throws an `AITracingConfigError` for an invalid value.
 */
export interface SerializationOptions {
  /**
   * Longest string kept, in UTF-16 code units. Longer strings keep their first
   * `maxStringLength` characters followed by a `…[truncated N chars]` note.
   * @defaultValue 32_768
   */
  maxStringLength?: number;
  /**
   * Most array (and Set) items kept. Further items are replaced by one
   * `…[N more items]` entry.
   * @defaultValue 1_000
   */
  maxArrayLength?: number;
  /**
   * Most keys kept per object (and Map). Further keys are not read: one `…`
   * key whose value is `[Truncated: maxObjectKeys]` (objects) or
   * `[N more keys]` (Maps) marks the cut.
   * @defaultValue 500
   */
  maxObjectKeys?: number;
  /**
   * Deepest nesting of objects and arrays kept; the top-level object is at
   * depth 1. Deeper objects become `[Object]`, deeper arrays `[Array(n)]`.
   * @defaultValue 12
   */
  maxDepth?: number;
  /**
   * Approximate size budget of one serialised value, in JSON characters. Once
   * spent, every further value becomes `[Truncated: maxDataSize]`.
   * @defaultValue 1_000_000
   */
  maxDataSize?: number;
  /**
   * Export span input and output. When false, input and output are not
   * exported at all (attributes, metadata and errors still are).
   * @defaultValue true
   */
  includeIO?: boolean;
}

/** The numeric limits of `SerializationOptions`, all present, as `safeSerialize` takes them. */
export type SerializationLimits = Readonly<Required<Omit<SerializationOptions, 'includeIO'>>>;

/** The limits used when none are configured. Frozen; never mutated. */
export const DEFAULT_SERIALIZATION_LIMITS: SerializationLimits = Object.freeze({
  maxStringLength: 32_768,
  maxArrayLength: 1_000,
  maxObjectKeys: 500,
  maxDepth: 12,
  maxDataSize: 1_000_000,
});

const LIMIT_NAMES = [
  'maxStringLength',
  'maxArrayLength',
  'maxObjectKeys',
  'maxDepth',
  'maxDataSize',
] as const;

/**
 * Applies defaults to serialization options and validates them.
 *
 * Each given limit must be a positive integer (so `maxDepth` is at least 1)
 * and `includeIO` must be a boolean; `undefined` means "use the default".
 * Returns frozen limits. Never mutates `options`.
 *
 * @throws AITracingConfigError naming the field (e.g. `serialization.maxDepth`),
 *   the allowed values and the value given.
 * @example
 * const { limits, includeIO } = resolveSerializationOptions({ maxStringLength: 4_096 });
 * safeSerialize(span.input, limits);
 */
export function resolveSerializationOptions(options?: SerializationOptions): {
  limits: SerializationLimits;
  includeIO: boolean;
} {
  if (options === undefined) {
    return { limits: DEFAULT_SERIALIZATION_LIMITS, includeIO: true };
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new AITracingConfigError('serialization', `must be an object, got ${describeValue(options)}`);
  }

  const limits: Record<(typeof LIMIT_NAMES)[number], number> = { ...DEFAULT_SERIALIZATION_LIMITS };
  for (const name of LIMIT_NAMES) {
    const given: unknown = options[name];
    if (given === undefined) continue;
    if (typeof given !== 'number' || !Number.isInteger(given) || given < 1) {
      throw new AITracingConfigError(
        `serialization.${name}`,
        `must be a positive integer, got ${describeValue(given)}`,
      );
    }
    limits[name] = given;
  }

  const includeIO: unknown = options.includeIO;
  if (includeIO !== undefined && typeof includeIO !== 'boolean') {
    throw new AITracingConfigError(
      'serialization.includeIO',
      `must be a boolean (true or false), got ${describeValue(includeIO)}`,
    );
  }

  return { limits: Object.freeze(limits), includeIO: includeIO ?? true };
}

/** A short description of a rejected value: never echoes more than a few dozen characters of it. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40 ? `"${value.slice(0, 40)}…" (a string)` : `"${value}" (a string)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
