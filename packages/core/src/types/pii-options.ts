/** The personal-data detectors that can be turned on. */
export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'ip';

/**
 * How a detected personal value is replaced:
 * - `'remove'`: by an empty string,
 * - `'mask'`: by `<email>`, `<phone>`, `<card>`, `<iban>` or `<ip>`,
 * - `{ pseudonymize: { key } }`: by a stable keyed token such as
 *   `<email:3f2a9c1b0d4e>` (HMAC-SHA256 of the value with `key`, first 12 hex
 *   digits): the same value gives the same token across spans and processes,
 *   and the backend cannot reverse it without the key.
 */
export type PiiReplacement = 'remove' | 'mask' | { readonly pseudonymize: { readonly key: string } };

/** Options of the opt-in personal-data detectors. */
export interface PiiOptions {
  /**
   * Which detectors run.
   * @defaultValue all of `'email' | 'phone' | 'card' | 'iban' | 'ip'`
   */
  readonly kinds?: readonly PiiKind[];
  /**
   * How a detected value is replaced.
   * @defaultValue `'mask'`
   */
  readonly replacement?: PiiReplacement;
}
