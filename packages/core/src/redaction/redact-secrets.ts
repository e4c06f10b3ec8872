// The secret detectors: well-known credential shapes replaced inside free text.
// Every pattern is linear: each quantifier is over a character class that the
// next token cannot match, or bounded, and nothing is nested.

/** What replaces a detected secret. */
export const SECRET_TOKEN = '[REDACTED]';

// One cheap scan per string: only strings containing one of these go through
// the specific patterns. Every detector below needs one of them ('_' covers
// Stripe and GitHub prefixes, '=' every `name=value`, '--' PEM blocks, '":'
// JSON). Case-sensitive literals only: an /i flag or a long alternation makes
// V8 test every alternative at every position (measured 3× slower on prose).
const PRE_CHECK =
  /=|:\/\/|--|sk-|[sr]k_|gh[opsu]_|github_pat_|eyJ|AKIA|ASIA|AIza|xox|[Bb]earer\s|[Bb]asic\s|BEARER\s|BASIC\s|":/;
// No secret shape fits in fewer characters (`pwd=abc1` is 8).
const MIN_LENGTH = 8;

const PLACEHOLDER =
  /^[<{$[(]|YOUR|xxxx|XXXX|\.\.\.|…|example|EXAMPLE|dummy|placeholder|changeme|redacted|REDACTED/;

// A value that names where the secret comes from is code, not a secret.
const CODE_REFERENCE =
  /^(?:process\.env|import\.meta|os\.environ|env\.|getenv|Deno\.env|config\.|settings\.|secrets\.)/;
const isPlaceholder = (value: string): boolean => PLACEHOLDER.test(value) || CODE_REFERENCE.test(value);

type Replacer = (match: string, ...groups: string[]) => string;

interface Detector {
  /** What the pattern cannot match without: tested first, far cheaper than the pattern on short strings. */
  readonly hint: RegExp;
  readonly pattern: RegExp;
  readonly replace: Replacer;
}

const hasDigit = (text: string): boolean => /[0-9]/.test(text);
const wholeSecret = (match: string): string => (PLACEHOLDER.test(match) ? match : SECRET_TOKEN);
const secretWithDigit = (match: string): string =>
  hasDigit(match) && !PLACEHOLDER.test(match) ? SECRET_TOKEN : match;

const DETECTORS: readonly Detector[] = [
  // PEM private key blocks; the base64 body has no '-', so it ends where END starts.
  {
    hint: /-----BEGIN/,
    pattern:
      /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\s:,.]*(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g,
    replace: () => SECRET_TOKEN,
  },
  // URL userinfo: `https://user:pass@host` (or `redis://:pass@host`) keeps the scheme and host.
  {
    hint: /:\/\//,
    pattern: /\b([A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/)([^\s:/?#@'"]{0,256}):([^\s/?#@'"]{1,256})@/g,
    replace: (match, scheme = '', _user, password = '') =>
      PLACEHOLDER.test(password) ? match : `${scheme}${SECRET_TOKEN}@`,
  },
  // Anthropic, then OpenAI (project, service account, admin and legacy keys).
  { hint: /sk-ant-/, pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, replace: secretWithDigit },
  { hint: /sk-/, pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, replace: secretWithDigit },
  // Stripe secret and restricted keys.
  { hint: /k_(?:live|test)_/, pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: secretWithDigit },
  // AWS access key ids (long-term and temporary).
  { hint: /AKIA|ASIA/, pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: wholeSecret },
  // GitHub tokens.
  {
    hint: /gh[opsu]_|github_pat_/,
    pattern: /\b(?:gh[opsu]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
    replace: secretWithDigit,
  },
  // Slack incoming webhooks: the last path segment is the secret.
  {
    hint: /hooks\.slack\.com/,
    pattern:
      /(hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9]{1,32}\/[A-Za-z0-9]{1,32}\/)([A-Za-z0-9]{16,128})/g,
    replace: (match, path = '', secret = '') => (isPlaceholder(secret) ? match : `${path}${SECRET_TOKEN}`),
  },
  // Slack tokens.
  { hint: /xox/, pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, replace: secretWithDigit },
  // Google API keys.
  { hint: /AIza/, pattern: /\bAIza[A-Za-z0-9_-]{35}/g, replace: wholeSecret },
  // JSON Web Tokens: three base64url segments, the first two JSON objects.
  {
    hint: /eyJ/,
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    replace: () => SECRET_TOKEN,
  },
  // `Bearer <token>` and `Basic <base64 user:password>`; the scheme word stays.
  {
    hint: /[Bb]earer|[Bb]asic|BEARER|BASIC/,
    pattern: /\b(Bearer|BEARER|bearer|Basic|BASIC|basic)([ \t]{1,8})([A-Za-z0-9._~+/=-]{8,4096})/g,
    replace: (match, scheme = '', space = '', credential = '') =>
      isCredential(scheme, credential) ? `${scheme}${space}${SECRET_TOKEN}` : match,
  },
  // `password=…` / `pwd=…` in connection strings and query strings.
  {
    hint: /=/,
    pattern: /\b(pass(?:word|wd)?|pwd)(\s?=\s?)([^\s&;,'"]{1,1024})/gi,
    replace: (match, name = '', equals = '', value = '') =>
      isPlaceholder(value) ? match : `${name}${equals}${SECRET_TOKEN}`,
  },
  // Credential query parameters (`?api_key=…`, `&access_token=…`, a presigned `sig=…`).
  {
    hint: /=/,
    pattern:
      /\b((?:[a-z]+[_-]?)?(?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|client[_-]?secret|secret|token|sig|signature))(\s?=\s?)([^\s&;,'"]{8,1024})/gi,
    replace: (match, name = '', equals = '', value = '') =>
      isPlaceholder(value) ? match : `${name}${equals}${SECRET_TOKEN}`,
  },
  // A JSON text inside a string: `"apiKey": "…"`, `"client_secret": "…"`.
  {
    hint: /":/,
    pattern:
      /"([A-Za-z_-]{0,40}(?:api[_-]?key|apiKey|secret|password|passwd|token|authorization|Authorization|Secret|Password|Token))"(:\s{0,4})"([^"\\]{4,1024})"/gi,
    replace: (match, name = '', colon = '', value = '') =>
      isPlaceholder(value) ? match : `"${name}"${colon}"${SECRET_TOKEN}"`,
  },
];

function isCredential(scheme: string, credential: string): boolean {
  if (PLACEHOLDER.test(credential)) return false;
  if (scheme.toLowerCase() === 'basic') {
    try {
      return typeof atob === 'function' && atob(credential).includes(':');
    } catch {
      return false;
    }
  }
  // Prose ("Bearer authentication") is one case of letters and no digits.
  return (
    hasDigit(credential) || (/[a-z]/.test(credential) && /[A-Z]/.test(credential) && credential.length >= 16)
  );
}

/**
 * `text` with every well-known credential inside it replaced by `'[REDACTED]'`,
 * the rest of the text unchanged: OpenAI (`sk-…`, `sk-proj-…`), Anthropic
 * (`sk-ant-…`), Stripe (`sk_live_…`, `rk_live_…`), AWS access key ids
 * (`AKIA…`, `ASIA…`), GitHub (`ghp_`, `gho_`, `ghs_`, `ghu_`, `github_pat_`),
 * Slack (`xoxb-` …, webhook URLs), Google (`AIza…`) keys, JSON Web Tokens, PEM private key
 * blocks, `Bearer`/`Basic` credentials, URL userinfo (`https://user:pass@host`
 * → `https://[REDACTED]@host`) and `password=`/`pwd=` values. Placeholders
 * (`Bearer <YOUR_API_KEY>`, `sk-...`) are left alone. Returns `text` itself
 * when nothing is found. Linear in the length of `text`; never throws.
 * @example
 * redactSecrets('curl -H "Authorization: Bearer sk-proj-abc123def456ghi789jkl"');
 * // → 'curl -H "Authorization: Bearer [REDACTED]"'
 */
export function redactSecrets(text: string): string {
  if (text.length < MIN_LENGTH || !PRE_CHECK.test(text)) return text;
  let out = text;
  for (const detector of DETECTORS) {
    if (!detector.hint.test(out)) continue;
    detector.pattern.lastIndex = 0;
    out = out.replace(
      detector.pattern,
      detector.replace as (substring: string, ...args: unknown[]) => string,
    );
  }
  return out;
}
