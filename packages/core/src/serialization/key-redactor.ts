/**
 * Redaction applied while copying, so that secrets are replaced in the same
 * walk (see `SensitiveDataFilter`). Internal to core.
 */
export interface KeyRedactor {
  /** Whether the value under `key` must be replaced. */
  isSensitiveKey(key: string): boolean;
  /** The replacement for a sensitive value (given the original value). */
  mask(value: unknown): unknown;
}
