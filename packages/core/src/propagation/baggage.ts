const MAX_MEMBERS = 64;
const MAX_BYTES = 8_192;
// RFC 7230 token characters for keys.
const KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A W3C baggage property: a token key, optionally `=` and baggage-octets (printable ASCII but `"`, `,`, `;`, `\\`).
const PROPERTY =
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:[ \t]*=[ \t]*[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*)?$/;

/** The valid properties of a member, re-joined; invalid ones (control characters, non-ASCII) are dropped. */
function validProperties(raw: string): string | undefined {
  const kept = raw
    .split(';')
    .map((property) => property.trim())
    .filter((property) => PROPERTY.test(property));
  return kept.length === 0 ? undefined : kept.join(';');
}

/** One baggage entry: the decoded value and its raw properties. */
export interface BaggageEntry {
  readonly value: string;
  readonly properties?: string;
}

/** The decoded value, or undefined when it cannot be decoded or re-encoded (a lone surrogate). */
function decode(value: string): string | undefined {
  try {
    const decoded = decodeURIComponent(value);
    encodeURIComponent(decoded);
    return decoded;
  } catch {
    return undefined;
  }
}

/**
 * Parse a W3C `baggage` header into its entries (values percent-decoded).
 * Invalid members are skipped; at most 64 members and 8192 bytes are kept.
 * Never throws.
 */
export function parseBaggage(header: unknown): Map<string, BaggageEntry> {
  const entries = new Map<string, BaggageEntry>();
  if (typeof header !== 'string') return entries;
  let bytes = 0;
  for (const raw of header.split(',')) {
    const member = raw.trim();
    if (member === '') continue;
    const semicolon = member.indexOf(';');
    const pair = semicolon === -1 ? member : member.slice(0, semicolon);
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const key = pair.slice(0, equals).trim();
    const value = decode(pair.slice(equals + 1).trim());
    if (!KEY.test(key) || value === undefined) continue;
    const properties = semicolon === -1 ? undefined : validProperties(member.slice(semicolon + 1));
    // Counted as propagated (values percent-encoded), so what is passed on stays within the limit.
    bytes +=
      key.length +
      1 +
      encodeURIComponent(value).length +
      (properties === undefined ? 0 : properties.length + 1) +
      1;
    if (entries.size >= MAX_MEMBERS || bytes > MAX_BYTES) break;
    entries.set(key, properties ? { value, properties } : { value });
  }
  return entries;
}

/** Format baggage entries as a header (values percent-encoded); undefined when empty. */
export function formatBaggage(entries: ReadonlyMap<string, BaggageEntry>): string | undefined {
  const members: string[] = [];
  for (const [key, entry] of entries) {
    const member = `${key}=${encodeURIComponent(entry.value)}${entry.properties ? `;${entry.properties}` : ''}`;
    members.push(member);
  }
  return members.length === 0 ? undefined : members.join(',');
}

/** Validate and re-format a `baggage` header for propagation; undefined when nothing valid is left. */
export function normalizeBaggage(header: unknown): string | undefined {
  return formatBaggage(parseBaggage(header));
}
