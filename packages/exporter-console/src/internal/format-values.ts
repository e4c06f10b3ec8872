// C0 and C1 control characters: printed as-is they could move the cursor or
// recolour the terminal (an LLM output is untrusted text).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with control characters written as `\uXXXX` escapes, safe to print on a terminal. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escapeCharacter);
}

/** `text` cut to at most `maxLength` characters, ending with `…` when cut; never splits a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A one-line preview of an input or output: JSON (strings quoted), control
 * characters escaped, cut to `maxLength`. Undefined for an absent value.
 */
export function preview(value: unknown, maxLength: number): string | undefined {
  if (value === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return truncate(escapeControlCharacters(text ?? String(value)), maxLength);
}

/** A duration: `0.42ms`, `812.3ms`, `1.25s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 1_000) return `${ms.toFixed(1)}ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1_000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** An integer count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return '?';
  const rounded = Math.round(count);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** An amount of money: `$0.0042` for USD (or no currency), `0.0042 EUR` otherwise; `$1.25` from one up. */
export function formatCost(amount: number, currency: string | undefined): string {
  let text: string;
  if (amount === 0) text = '0';
  else if (Math.abs(amount) >= 1) text = amount.toFixed(2);
  else {
    // Two significant digits: LLM calls often cost fractions of a cent.
    text = amount.toPrecision(2);
    if (text.includes('e')) text = amount.toFixed(8);
  }
  if (currency === undefined || currency.toUpperCase() === 'USD') return `$${text}`;
  return `${text} ${escapeControlCharacters(currency)}`;
}
