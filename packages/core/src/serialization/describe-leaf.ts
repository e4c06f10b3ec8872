// The markers safeSerialize writes instead of copying: leaf objects, functions, failures.
import type { SerializeState } from './serialize-state';

export const UNSERIALIZABLE = '[Unserializable]';
const MAX_FAILURE_MESSAGE_LENGTH = 200;

/** String markers for objects whose contents are never copied; undefined for everything else. */
export function describeLeaf(value: object): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${constructorName(value, 'TypedArray')} ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer) {
    return `[SharedArrayBuffer ${value.byteLength} bytes]`;
  }
  if (value instanceof RegExp) return String(value);
  if (value instanceof Promise) return '[Promise]';
  if (value instanceof WeakMap) return '[WeakMap]';
  if (value instanceof WeakSet) return '[WeakSet]';
  if (typeof WeakRef === 'function' && value instanceof WeakRef) return '[WeakRef]';
  return undefined;
}

export function mapKeyName(key: unknown): string {
  if (typeof key === 'string') return key;
  if ((typeof key === 'object' && key !== null) || typeof key === 'function') {
    return (typeof key === 'object' ? describeLeaf(key) : undefined) ?? String(key);
  }
  return String(key);
}

export function functionName(value: unknown): string {
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : 'anonymous';
}

function constructorName(value: object, fallback: string): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

/**
 * The marker for a value that threw while being read under `key`. Under a
 * sensitive key the redaction token replaces it: the error message may quote
 * the secret (fail closed).
 */
export function failureUnder(key: string, error: unknown, state: SerializeState): string {
  const redactor = state.redactor;
  if (redactor !== undefined) {
    try {
      if (redactor.isSensitiveKey(key)) return String(redactor.mask(''));
    } catch {
      return UNSERIALIZABLE;
    }
  }
  return describeFailure(error);
}

/** `[Unserializable: <message>]`, with the message cut to 200 characters. */
export function describeFailure(error: unknown): string {
  let message: string;
  try {
    const raw: unknown = error instanceof Error ? error.message : error;
    message = typeof raw === 'string' ? raw : String(raw);
  } catch {
    message = 'unknown error';
  }
  if (message.length > MAX_FAILURE_MESSAGE_LENGTH) message = message.slice(0, MAX_FAILURE_MESSAGE_LENGTH);
  return `[Unserializable: ${message}]`;
}
