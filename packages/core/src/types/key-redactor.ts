/**
 * A key-based redaction rule: the value under every key `isSensitiveKey`
 * accepts is replaced by `mask(value)`. The engine applies it while it
 * serialises span data (one walk for copying and redacting), in plain objects,
 * class instances and Maps (string keys), at any depth; `safeSerialize` takes
 * one too.
 *
 * Contract: both methods are pure and fast (they run for every key of every
 * exported span). `mask` is never called for `null` or `undefined` values. A
 * method that throws fails closed: the value is replaced by a marker, never
 * passed through. `SensitiveDataFilter` is one.
 */
export interface KeyRedactor {
  /** Whether the value under `key` must be replaced. */
  isSensitiveKey(key: string): boolean;
  /** The replacement for a sensitive value (given the original value). */
  mask(value: unknown): unknown;
  /**
   * Optional value rule: called with every string the walk keeps (values,
   * not keys), returns it with the secrets inside replaced, or the same
   * string when there is nothing to replace. Must be linear in the length of
   * the string and pure: the engine reuses the answer for a string it has
   * already seen (a bounded memo per redactor; agent loops re-send the same
   * chat history on every call).
   */
  redactString?(value: string): string;
}
