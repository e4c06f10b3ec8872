import type { ExportedAISpan, SerializationLimits } from '@aitracing/core';

/** `String.prototype.isWellFormed` (Node 20), typed here because the shared lib setting is ES2023. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

// Longest marker a cut string ends with: `…[truncated 9007199254740991 chars]`.
const TRUNCATION_MARKER_LENGTH = 40;
const SPAN_DATA_FIELDS = ['attributes', 'metadata', 'input', 'output', 'errorInfo'] as const;

/**
 * What must hold for every exported value: only JSON types in plain objects,
 * well-formed strings, and the serialisation limits (with room for the
 * markers the limits add). Returns the violations found.
 */
export function checkExportedValue(
  value: unknown,
  limits: SerializationLimits,
  path = '$',
  depth = 0,
): string[] {
  const problems: string[] = [];
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) problems.push(`${path}: lone surrogate`);
      if (value.length > limits.maxStringLength + TRUNCATION_MARKER_LENGTH) {
        problems.push(`${path}: string of ${value.length} characters`);
      }
      return problems;
    case 'number':
      if (!Number.isFinite(value)) problems.push(`${path}: non-finite number`);
      return problems;
    case 'boolean':
      return problems;
    case 'undefined':
      if (depth === 0) return problems;
      problems.push(`${path}: undefined inside exported data`);
      return problems;
    case 'object': {
      if (value === null) return problems;
      if (depth > limits.maxDepth) problems.push(`${path}: nested ${depth} deep`);
      if (Array.isArray(value)) {
        if (value.length > limits.maxArrayLength + 1) problems.push(`${path}: array of ${value.length}`);
        value.forEach((item, index) => {
          problems.push(...checkExportedValue(item, limits, `${path}[${index}]`, depth + 1));
        });
        return problems;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) problems.push(`${path}: not a plain object`);
      const keys = Object.keys(value);
      if (keys.length > limits.maxObjectKeys + 1) problems.push(`${path}: ${keys.length} keys`);
      for (const key of keys) {
        if (!isWellFormed(key)) problems.push(`${path}: key with a lone surrogate`);
        const item = Object.getOwnPropertyDescriptor(value, key)?.value;
        if (item === undefined) problems.push(`${path}.${key}: undefined value`);
        else problems.push(...checkExportedValue(item, limits, `${path}.${key}`, depth + 1));
      }
      return problems;
    }
    default:
      problems.push(`${path}: ${typeof value} in exported data`);
      return problems;
  }
}

/** The invariants of one exported span: frozen, JSON-safe, within limits, under the size budget. */
export function checkExportedSpan(span: ExportedAISpan, limits: SerializationLimits): string[] {
  const problems: string[] = [];
  if (!Object.isFrozen(span)) problems.push('span snapshot is not frozen');
  for (const field of SPAN_DATA_FIELDS) {
    const value = span[field];
    problems.push(...checkExportedValue(value, limits, field));
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      problems.push(`${field}: JSON.stringify threw ${String(error)}`);
    }
    // The budget counts characters before JSON escaping (at most 6 per character) and lets one value finish.
    const bound = 6 * (limits.maxDataSize + limits.maxStringLength + TRUNCATION_MARKER_LENGTH) + 64;
    if (json !== undefined && json.length > bound) problems.push(`${field}: ${json.length} JSON characters`);
  }
  return problems;
}

/** Own property names of Object.prototype: compared before and after, to catch pollution. */
export function prototypeFingerprint(): string {
  return [
    Object.getOwnPropertyNames(Object.prototype).sort().join(','),
    Object.getOwnPropertyNames(Array.prototype).sort().join(','),
    Object.getOwnPropertyNames(Function.prototype).sort().join(','),
  ].join('|');
}
