// A bounded memo of a redactor's value rule (`redactString`), per redactor. Internal to core.
//
// Strings are immutable, and agent traffic repeats them: every LLM call of a loop re-sends the
// chat history and the tool definitions, usually as the very same string objects. The value rule
// (secret detectors, PII) scans every character; the memo answers a string it has seen in one
// hash lookup (V8 keeps a string's hash in the string, so a repeated string object is not
// re-hashed). `KeyRedactor` requires the rule to be pure, which makes the answer reusable.
import type { KeyRedactor } from '../types/key-redactor';

/**
 * Shorter strings are scanned every time: the secret detectors skip them
 * without a look (no secret shape is shorter), so a lookup would cost more.
 * From 8 characters on, a lookup (~10 ns: model names, roles, finish reasons
 * repeat on every span) beats even the detectors' one-regex pre-check (~25 ns).
 */
export const MEMO_MIN_LENGTH = 8;
/** Longer strings are scanned every time: keeping them would pin too much of the app's memory. */
const MEMO_MAX_LENGTH = 65_536;
/** Per generation: at most this many strings… */
const GENERATION_ENTRIES = 2_048;
/** …and this many UTF-16 code units of kept strings (the original and, when it differs, the result). */
const GENERATION_CHARS = 2 * 1_048_576;

/** A generation whose lookups hit less often than this… */
const MIN_HIT_RATE = 0.125;
/** …makes the memo step aside for this many strings (fresh text: hashing and storing it is pure cost). */
const BYPASS_STRINGS = 16_384;

/**
 * Two generations of answers: a full generation becomes the previous one and
 * the one before is dropped, so memory stays bounded (2 × 2,048 strings,
 * 2 × 2 M code units, about 8 MB at worst) while strings still in use are
 * promoted back on their next hit.
 */
export class StringRuleMemo {
  #current = new Map<string, string>();
  #previous = new Map<string, string>();
  #chars = 0;
  #lookups = 0;
  #hits = 0;
  #bypass = 0;

  /** `rule.redactString(value)`, from the memo when `value` was seen; the rule's errors propagate and are not kept. */
  apply(value: string, rule: Required<Pick<KeyRedactor, 'redactString'>>): string {
    if (value.length < MEMO_MIN_LENGTH || value.length > MEMO_MAX_LENGTH) return rule.redactString(value);
    if (this.#bypass > 0) {
      this.#bypass--;
      return rule.redactString(value);
    }
    this.#lookups++;
    const hit = this.#current.get(value);
    if (hit !== undefined) {
      this.#hits++;
      return hit;
    }
    const previous = this.#previous.get(value);
    if (previous !== undefined) this.#hits++;
    const result = previous ?? rule.redactString(value);
    this.#remember(value, result);
    return result;
  }

  #remember(value: string, result: string): void {
    const chars = value.length + (result === value ? 0 : result.length);
    if (this.#current.size >= GENERATION_ENTRIES || this.#chars + chars > GENERATION_CHARS) {
      // Text that does not come back (every string new): stop paying for lookups for a while.
      if (this.#hits < this.#lookups * MIN_HIT_RATE) this.#bypass = BYPASS_STRINGS;
      this.#lookups = 0;
      this.#hits = 0;
      this.#previous = this.#current;
      this.#current = new Map();
      this.#chars = 0;
    }
    this.#current.set(value, result);
    this.#chars += chars;
  }
}

const memos = new WeakMap<KeyRedactor, StringRuleMemo>();
// The last redactor asked about, so a walk does one WeakMap lookup per redactor change, not per string.
let lastRedactor: KeyRedactor | undefined;
let lastMemo: StringRuleMemo | undefined;

/** The memo of `redactor`'s value rule (one per redactor object, created on first use). */
export function memoOf(redactor: KeyRedactor): StringRuleMemo {
  if (redactor === lastRedactor && lastMemo !== undefined) return lastMemo;
  let memo = memos.get(redactor);
  if (memo === undefined) {
    memo = new StringRuleMemo();
    memos.set(redactor, memo);
  }
  lastRedactor = redactor;
  lastMemo = memo;
  return memo;
}
