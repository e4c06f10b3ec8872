import type { RedactionStyle } from '../types/sensitive-data-filter-options';

// Which keys are sensitive, and what replaces their values: SensitiveDataFilter's rule,
// applied by the serialisation walk. Internal to core.

const MAX_CACHED_KEYS = 10_000;
const PARTIAL_VISIBLE_CHARS = 3;
// Splits `openaiAPIKey_v2` into openai, API, Key, v, 2: acronyms end where a capitalised word starts.
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const NON_ALPHANUMERIC = /[^a-z0-9]/g;

/** The filter's fixed settings, shared by every walk. */
export interface FilterContext {
  readonly fields: ReadonlySet<string>;
  readonly token: string;
  readonly style: RedactionStyle;
  /** Per-key decision: the same few keys come back on every span. */
  readonly decisions: Map<string, boolean>;
  /** Whether `redactSecrets` runs on string values. */
  readonly detectSecrets: boolean;
  /** The personal-data rule, when turned on. */
  readonly pii: ((text: string) => string) | undefined;
}

export function mask(value: unknown, context: FilterContext): unknown {
  if (value === null || value === undefined) return value;
  if (context.style === 'partial' && typeof value === 'string' && value.length > 2 * PARTIAL_VISIBLE_CHARS) {
    let head = value.slice(0, PARTIAL_VISIBLE_CHARS);
    let tail = value.slice(-PARTIAL_VISIBLE_CHARS);
    // Never show half of a surrogate pair.
    if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
    if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
    return `${head}…${tail}`;
  }
  return context.token;
}

export function isSensitiveKey(key: string, context: FilterContext): boolean {
  const cached = context.decisions.get(key);
  if (cached !== undefined) return cached;
  const decision = matchesField(key, context.fields);
  // Bounded: keys are user data and could be unique per span (ids as keys).
  if (context.decisions.size >= MAX_CACHED_KEYS) context.decisions.clear();
  context.decisions.set(key, decision);
  return decision;
}

/**
 * Key names that end in a sensitive word but name no secret: identifiers and
 * handles (`cacheKey`, `primaryKey`, `publicKey`, `nextPageToken`), compared
 * as their last two words.
 */
const HARMLESS = new Set([
  'cachekey',
  'primarykey',
  'sortkey',
  'idempotencykey',
  'publickey',
  'partitionkey',
  'foreignkey',
  'hashkey',
  'rangekey',
  'routingkey',
  'dedupekey',
  'dedupkey',
  'deduplicationkey',
  'lookupkey',
  'mapkey',
  'objectkey',
  'storagekey',
  'groupkey',
  'uniquekey',
  'compositekey',
  'rowkey',
  'indexkey',
  'cursorkey',
  'messagekey',
  'translationkey',
  'i18nkey',
  'pagetoken',
  'nexttoken',
  'continuationtoken',
  'paginationtoken',
  'cancellationtoken',
  'synctoken',
]);
/**
 * `tokens` is usually a count (`promptTokens`, `maxTokens`, `cacheHitTokens`):
 * as a plural it is sensitive alone or after one of these words only.
 */
const CREDENTIAL_WORDS = new Set([
  'access',
  'refresh',
  'auth',
  'api',
  'bearer',
  'id',
  'session',
  'oauth',
  'csrf',
  'xsrf',
  'secret',
  'github',
  'slack',
  'npm',
  'personal',
]);

/**
 * True when the whole normalised key is a field, or when a trailing run of
 * its words is, the last word also as its singular (`apiKeys`, `secrets`),
 * unless the last two words name something harmless (`cacheKey`) or the key
 * counts tokens (`maxTokens`: a plural `tokens` only counts alone or after a
 * credential word such as `accessTokens`).
 */
function matchesField(key: string, fields: ReadonlySet<string>): boolean {
  if (fields.has(normalize(key))) return true;
  const matched = key.match(WORD);
  if (matched === null) return false;
  const words = matched.map((word) => word.toLowerCase());
  // Trailing numbers are ignored as well: `apiKey2` and `token_1` are still a key and a token.
  let end = words.length;
  while (end > 0 && /^[0-9]/.test(words[end - 1]!)) end--;
  return (
    matchesWords(words, words.length, fields) ||
    (end > 0 && end < words.length && matchesWords(words, end, fields))
  );
}

function matchesWords(words: string[], end: number, fields: ReadonlySet<string>): boolean {
  const last = words[end - 1]!;
  const previous = end >= 2 ? words[end - 2]! : '';
  if (HARMLESS.has(previous + last)) return false;
  if (endsWithField(words, end, fields)) return true;
  if (last.length <= 3 || !last.endsWith('s')) return false;
  const singular = last.slice(0, -1);
  // A bare `keys` is a list of names (Object.keys), not secrets.
  if (
    (singular === 'key' && end === 1) ||
    (singular === 'token' && end > 1 && !CREDENTIAL_WORDS.has(previous)) ||
    HARMLESS.has(previous + singular)
  ) {
    return false;
  }
  const singularWords = words.slice(0, end);
  singularWords[end - 1] = singular;
  return endsWithField(singularWords, end, fields);
}

/** True when some run of `words` ending just before `end` is a field. */
function endsWithField(words: readonly string[], end: number, fields: ReadonlySet<string>): boolean {
  let suffix = '';
  for (let index = end - 1; index >= 0; index--) {
    suffix = words[index]! + suffix;
    if (fields.has(suffix)) return true;
  }
  return false;
}

export function normalize(name: string): string {
  return name.toLowerCase().replace(NON_ALPHANUMERIC, '');
}
