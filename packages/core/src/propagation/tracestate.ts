const MAX_MEMBERS = 32;
const MAX_LENGTH = 512;
// W3C Trace Context keys: simple (`vendor`) or multi-tenant (`tenant@system`).
const KEY = /^(?:[a-z][_0-9a-z\-*/]{0,255}|[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13})$/;
// Printable ASCII except ',' and '=', not ending in a space, at most 256 characters.
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/**
 * Validate a `tracestate` header for propagation: members are trimmed, empty
 * ones dropped; an invalid member, a duplicate key or more than 32 members
 * make the whole header invalid (undefined), as the W3C rules allow. Never
 * throws.
 */
export function normalizeTracestate(header: unknown): string | undefined {
  if (typeof header !== 'string' || header.length > MAX_LENGTH * 16) return undefined;
  const members: string[] = [];
  const keys = new Set<string>();
  for (const raw of header.split(',')) {
    const member = raw.trim();
    if (member === '') continue;
    const equals = member.indexOf('=');
    if (equals <= 0) return undefined;
    const key = member.slice(0, equals);
    const value = member.slice(equals + 1);
    if (!KEY.test(key) || !VALUE.test(value) || keys.has(key)) return undefined;
    keys.add(key);
    members.push(`${key}=${value}`);
    if (members.length > MAX_MEMBERS) return undefined;
  }
  return members.length === 0 ? undefined : members.join(',');
}
