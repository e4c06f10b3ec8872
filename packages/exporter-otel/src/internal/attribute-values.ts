import type { OtlpAttributeValue } from '../otlp-span';

/**
 * An OTel attribute value for any serialised value: primitives as they are,
 * arrays of one primitive type as arrays, everything else as JSON text.
 * Undefined for null/undefined (the attribute is left out).
 */
export function toAttributeValue(value: unknown): OtlpAttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'undefined':
      return undefined;
    default:
      if (value === null) return undefined;
      if (Array.isArray(value) && isHomogeneousPrimitiveArray(value)) return value as OtlpAttributeValue;
      return toJson(value);
  }
}

function isHomogeneousPrimitiveArray(values: unknown[]): boolean {
  if (values.length === 0) return true;
  const kind = typeof values[0];
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  return values.every((item) => typeof item === kind);
}

/** JSON text of an already serialised value; never throws. */
export function toJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[Unserializable]';
  }
}

/** A finite number, or undefined. */
export function toNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A non-empty string, or undefined. */
export function toText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
