// The opt-in personal-data detectors. Candidates are found by linear patterns
// (bounded quantifiers over disjoint classes) and confirmed by a check
// (Luhn, mod-97, group counts) before anything is replaced.
import { AITracingConfigError } from '../errors/config-error';
import { hmacSha256Hex } from '../internal/hmac-sha256';
import type { PiiKind, PiiOptions, PiiReplacement } from '../types/pii-options';

const ALL_KINDS: readonly PiiKind[] = ['email', 'phone', 'card', 'iban', 'ip'];
const PSEUDONYM_HEX_DIGITS = 12;

interface PiiDetector {
  readonly kind: PiiKind;
  readonly pattern: RegExp;
  /** Whether the candidate really is one (a checksum, a count). */
  readonly confirm: (candidate: string) => boolean;
}

const DETECTORS: readonly PiiDetector[] = [
  {
    kind: 'email',
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b/g,
    confirm: (candidate) => /\.[A-Za-z]{2,24}$/.test(candidate),
  },
  {
    kind: 'iban',
    pattern: /\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
    confirm: isValidIban,
  },
  {
    kind: 'card',
    pattern: /\b[0-9](?:[ -]?[0-9]){12,18}\b/g,
    confirm: (candidate) => passesLuhn(candidate.replace(/[ -]/g, '')),
  },
  {
    kind: 'phone',
    pattern: /(?<![\w+])(?:\+[0-9][0-9 ().-]{6,18}[0-9]|\(?[0-9]{3}\)?[ .-][0-9]{3}[ .-][0-9]{4})\b/g,
    confirm: (candidate) => {
      const digits = candidate.replace(/[^0-9]/g, '').length;
      return digits >= 9 && digits <= 15;
    },
  },
  {
    kind: 'ip',
    pattern: /\b(?:(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\b/g,
    confirm: () => true,
  },
  {
    kind: 'ip',
    pattern: /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g,
    confirm: isIpv6,
  },
];

/**
 * A function that replaces the personal data inside a string: e-mail
 * addresses, phone numbers (international `+…` or `(555) 123-4567` style),
 * payment card numbers (13–19 digits passing the Luhn check), IBANs (mod-97
 * checked) and IPv4/IPv6 addresses, as `options` select. Returns its argument
 * itself when nothing is found; linear in the length of the string; never throws.
 *
 * @throws AITracingConfigError when an option is invalid (unknown kind, a
 * pseudonymisation key that is not a non-empty string).
 * @example
 * const redact = createPiiRedactor({ replacement: { pseudonymize: { key: process.env.PII_KEY ?? 'dev' } } });
 * redact('write to ada@example.org'); // → 'write to <email:…12 hex digits…>'
 */
export function createPiiRedactor(options?: PiiOptions): (text: string) => string {
  const kinds = new Set(options?.kinds ?? ALL_KINDS);
  for (const kind of kinds) {
    if (!ALL_KINDS.includes(kind)) {
      throw new AITracingConfigError(
        'pii.kinds',
        `must list only ${ALL_KINDS.join(', ')}, got '${String(kind)}'`,
      );
    }
  }
  const replace = replacer(options?.replacement ?? 'mask');
  const detectors = DETECTORS.filter((detector) => kinds.has(detector.kind));
  return (text) => {
    // Every detector needs a digit or an '@': most prose has neither worth scanning.
    if (!/[0-9@]/.test(text)) return text;
    let out = text;
    for (const detector of detectors) {
      detector.pattern.lastIndex = 0;
      out = out.replace(detector.pattern, (candidate) =>
        detector.confirm(candidate) ? replace(detector.kind, candidate) : candidate,
      );
    }
    return out;
  };
}

function replacer(replacement: PiiReplacement): (kind: PiiKind, value: string) => string {
  if (replacement === 'remove') return () => '';
  if (replacement === 'mask') return (kind) => `<${kind}>`;
  const key =
    typeof replacement === 'object' && replacement !== null ? replacement.pseudonymize?.key : undefined;
  if (typeof key !== 'string' || key === '') {
    throw new AITracingConfigError(
      'pii.replacement',
      "must be 'remove', 'mask' or { pseudonymize: { key } } with a non-empty string key",
    );
  }
  return (kind, value) => `<${kind}:${hmacSha256Hex(key, value).slice(0, PSEUDONYM_HEX_DIGITS)}>`;
}

function passesLuhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function isIpv6(candidate: string): boolean {
  const compressed = candidate.split('::').length - 1;
  if (compressed > 1) return false;
  const groups = candidate.split(':').filter((group) => group !== '');
  if (groups.length === 0) return false;
  return compressed === 1 ? groups.length <= 7 : groups.length === 8;
}
