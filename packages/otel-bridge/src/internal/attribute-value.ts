import type { AttributeValue } from '@opentelemetry/api';

/**
 * An OpenTelemetry attribute value for an already serialised value:
 * primitives as they are, arrays of one primitive type as arrays, anything
 * else as JSON text; undefined for null and undefined (left out).
 */
export function toAttributeValue(value: unknown): AttributeValue | undefined {
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
      if (Array.isArray(value) && isPrimitiveArray(value)) return value as AttributeValue;
      return toJson(value);
  }
}

function isPrimitiveArray(values: readonly unknown[]): boolean {
  const kind = typeof values[0];
  if (values.length > 0 && kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  return values.every((item) => typeof item === kind);
}

/** JSON text of a serialised value (strings as they are); never throws. */
export function toJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[Unserializable]';
  }
}
