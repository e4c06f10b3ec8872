/**
 * Parse a `key=value,key2=value2` list, the format of
 * `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_RESOURCE_ATTRIBUTES`: values are
 * percent-decoded, members without a key or `=` and undecodable values are
 * skipped (never sent half-decoded). Never throws.
 */
export function parseKeyValueList(
  text: string | undefined,
  options: { lowerCaseKeys: boolean },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const member of (text ?? '').split(',')) {
    const equals = member.indexOf('=');
    if (equals <= 0) continue;
    const key = member.slice(0, equals).trim();
    if (key === '') continue;
    try {
      out[options.lowerCaseKeys ? key.toLowerCase() : key] = decodeURIComponent(
        member.slice(equals + 1).trim(),
      );
    } catch {
      // An undecodable value is skipped.
    }
  }
  return out;
}
