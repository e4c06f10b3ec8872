/** Options of {@link parseOtlpKeyValueList}. */
export interface OtlpKeyValueListOptions {
  /**
   * Lower-case the keys, as HTTP header names are (`OTEL_EXPORTER_OTLP_HEADERS`);
   * resource attribute keys keep their case.
   * @defaultValue `false`
   */
  readonly lowerCaseKeys?: boolean;
}

/**
 * Parse a `key=value,key2=value2` list, the format OpenTelemetry gives
 * `OTEL_EXPORTER_OTLP_HEADERS` (and the per-signal `..._TRACES_HEADERS`,
 * `..._METRICS_HEADERS`) and `OTEL_RESOURCE_ATTRIBUTES`: keys and values
 * trimmed, values percent-decoded. Members without `=` or with an empty key
 * are skipped, and so is a value that does not decode (never sent
 * half-decoded). Never throws; `undefined` gives `{}`.
 *
 * @example
 * ```ts
 * parseOtlpKeyValueList(process.env.OTEL_EXPORTER_OTLP_HEADERS, { lowerCaseKeys: true });
 * // 'Authorization=Bearer%20abc,x-team=ai' → { authorization: 'Bearer abc', 'x-team': 'ai' }
 * ```
 */
export function parseOtlpKeyValueList(
  text: string | undefined,
  options: OtlpKeyValueListOptions = {},
): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const member of (text ?? '').split(',')) {
    const equals = member.indexOf('=');
    if (equals <= 0) continue;
    const key = member.slice(0, equals).trim();
    if (key === '') continue;
    try {
      entries[options.lowerCaseKeys === true ? key.toLowerCase() : key] = decodeURIComponent(
        member.slice(equals + 1).trim(),
      );
    } catch {
      // An undecodable value is skipped rather than sent half-decoded.
    }
  }
  return entries;
}
