/** Whether `value` is an absolute http:// or https:// URL (`localhost:4318` is not: its "scheme" is `localhost:`). */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** `value` for a message: credentials before an `@` hidden, length capped, quoted. */
export function echoEndpoint(value: string): string {
  const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, '$1***@');
  return JSON.stringify(shown.length > 200 ? `${shown.slice(0, 200)}…` : shown);
}

/** What to write instead: the value with `http://` in front when it has no scheme, else `fallback`. */
export function suggestedEndpoint(value: string, fallback: string): string {
  const trimmed = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? fallback : `http://${trimmed}`;
}

/**
 * The config-error message for a scheme-less or malformed endpoint given in
 * code, suggesting a fix (or `fallback`, e.g. the backend's default URL).
 * Credentials in the value are never repeated.
 */
export function endpointProblem(value: string, fallback: string): string {
  return `must be an absolute http:// or https:// URL, got ${echoEndpoint(value)}; use ${JSON.stringify(
    suggestedEndpoint(value, fallback).replace(/^(https?:\/\/)[^/@]*@/i, '$1'),
  )}`;
}

/** A URL fit for a log line: credentials and query stripped. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '[invalid url]';
  }
}
