import { AITracingConfigError } from '../errors/config-error';
import type { SerializationOptions } from '../types/serialization-options';

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
