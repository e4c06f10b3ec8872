// Strings and keys within maxStringLength and well-formed UTF-16, counted into the walk's size budget.
import type { KeyRedactor } from '../types/key-redactor';
import type { SerializeState } from './serialize-state';
import { memoOf } from './string-rule-memo';

interface WellFormedMethods {
  isWellFormed?: () => boolean;
  toWellFormed?: () => string;
}

// Node 20 has the native methods; the regular expression keeps other runtimes correct.
const HAS_NATIVE_WELL_FORMED = typeof (String.prototype as WellFormedMethods).isWellFormed === 'function';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// A secret that straddles the truncation point is still seen whole by the value rule.
const REDACTION_MARGIN = 4_096;

/** A string value of user data: the redactor's value rule runs on it before the limits. */
export function serializeStringValue(value: string, state: SerializeState): string {
  const redactor = state.redactor;
  if (redactor === undefined || redactor.redactString === undefined) return serializeString(value, state);
  const max = state.limits.maxStringLength;
  const scanned = value.length > max + REDACTION_MARGIN ? value.slice(0, max + REDACTION_MARGIN) : value;
  let redacted: string;
  try {
    redacted = memoOf(redactor).apply(scanned, redactor as Required<Pick<KeyRedactor, 'redactString'>>);
  } catch {
    // A failing value rule fails closed.
    redacted = '[Redaction failed]';
  }
  if (redacted.length > max) {
    redacted = truncate(redacted, max, value.length - scanned.length);
  }
  if (!isWellFormed(redacted)) redacted = toWellFormed(redacted);
  state.size += redacted.length + 2;
  return redacted;
}

export function serializeString(value: string, state: SerializeState): string {
  let out = value;
  if (out.length > state.limits.maxStringLength) out = truncate(out, state.limits.maxStringLength);
  if (!isWellFormed(out)) out = toWellFormed(out);
  state.size += out.length + 2;
  return out;
}

/** Keys get the same length and UTF-16 rules as values; counted with their quotes, colon and comma. */
export function serializeKey(key: string, state: SerializeState): string {
  if (key.length <= 64 && key.length <= state.limits.maxStringLength && isWellFormed(key)) {
    state.size += key.length + 4;
    return key;
  }
  let out = key;
  if (out.length > state.limits.maxStringLength) out = truncate(out, state.limits.maxStringLength);
  if (!isWellFormed(out)) out = toWellFormed(out);
  state.size += out.length + 4;
  return out;
}

function truncate(value: string, maxLength: number, alreadyCut = 0): string {
  let cut = maxLength;
  const last = value.charCodeAt(cut - 1);
  // Cutting between a high and a low surrogate would leave half a character behind.
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${value.slice(0, cut)}…[truncated ${value.length - cut + alreadyCut} chars]`;
}

export function isWellFormed(value: string): boolean {
  if (HAS_NATIVE_WELL_FORMED) return (value as string & Required<WellFormedMethods>).isWellFormed();
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(value);
}

function toWellFormed(value: string): string {
  if (HAS_NATIVE_WELL_FORMED) return (value as string & Required<WellFormedMethods>).toWellFormed();
  return value.replace(LONE_SURROGATE, '\ufffd');
}
