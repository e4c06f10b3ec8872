/**
 * An attribute value as OpenTelemetry (the API and OTLP alike) and most
 * tracing backends accept it: a primitive or an array of one primitive type.
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | readonly string[]
  | readonly number[]
  | readonly boolean[];

/**
 * The attribute value of an already serialised span value: strings and
 * booleans as they are, finite numbers as they are (`NaN`/`Infinity` as
 * text), arrays of one primitive type as they are, anything else as JSON
 * text (see {@link toJsonText}). `undefined` for `null` and `undefined`, so
 * the attribute is left out. Never throws.
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
      if (Array.isArray(value) && isHomogeneousPrimitiveArray(value)) return value as AttributeValue;
      return toJsonText(value);
  }
}

function isHomogeneousPrimitiveArray(values: readonly unknown[]): boolean {
  if (values.length === 0) return true;
  const kind = typeof values[0];
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  return values.every((item) => typeof item === kind);
}

/**
 * JSON text of an already serialised value; a string is returned as it is
 * (not quoted again). `'[Unserializable]'` where `JSON.stringify` throws.
 * Never throws.
 */
export function toJsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[Unserializable]';
  }
}
