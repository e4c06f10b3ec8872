import type { PiiOptions } from './pii-options';

/**
 * How a sensitive value is replaced: `'full'` by the redaction token,
 * `'partial'` by its first and last three characters (`'sk-…456'`) for strings
 * longer than 6 characters, and by the token otherwise.
 */
export type RedactionStyle = 'full' | 'partial';

/** Options of `SensitiveDataFilter`; every field is optional. */
export interface SensitiveDataFilterOptions {
  /**
   * Field names whose values are redacted. Replaces (does not extend) the
   * default list. Matching ignores case and non-alphanumeric characters, so
   * `'api_key'` also matches `apiKey` and `X-API-KEY`.
   * @defaultValue `DEFAULT_SENSITIVE_FIELDS`
   */
  sensitiveFields?: string[];
  /**
   * Replacement for a redacted value.
   * @defaultValue `'[REDACTED]'`
   */
  redactionToken?: string;
  /**
   * How much of a redacted string stays visible.
   * @defaultValue `'full'`
   */
  redactionStyle?: RedactionStyle;
  /**
   * Whether the secret detectors run on every string value (API keys, tokens,
   * JWTs, PEM private keys, `Bearer`/`Basic` credentials, URL userinfo,
   * `password=` pairs): only the secret is replaced, the rest of the text stays.
   * @defaultValue `true`
   */
  detectSecrets?: boolean;
  /**
   * Turns on the personal-data detectors (e-mail, phone, payment card, IBAN,
   * IP address). Off by default.
   * @defaultValue `undefined` (off)
   */
  pii?: PiiOptions;
}
