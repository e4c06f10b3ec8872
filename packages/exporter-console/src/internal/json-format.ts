import type { ExportedAISpan, LogLevel } from '@aitracing/core';

/** Whether `logLevel` keeps `span` in JSON format: `warn` and `error` keep only spans with an error, `silent` none. */
export function keepsSpanLine(span: ExportedAISpan, logLevel: LogLevel): boolean {
  if (logLevel === 'silent') return false;
  if (logLevel === 'warn' || logLevel === 'error') return span.errorInfo !== undefined;
  return true;
}

/**
 * One line of JSON for an ended span: the exported span as is, newline
 * terminated, for `jq` or a log shipper. Undefined when it cannot be
 * serialised (exported spans are JSON-safe, so only a misbehaving processor
 * could cause that).
 */
export function formatSpanLine(span: ExportedAISpan): string | undefined {
  try {
    const json = JSON.stringify(span);
    return json === undefined ? undefined : `${json}\n`;
  } catch {
    return undefined;
  }
}
