import type { ExportedAISpan } from '@aitracing/core';

/** Version of the line format; a reader skips lines of a version it does not know. */
export const TRACE_RECORD_VERSION = 1;

/**
 * One line of a trace file: one ended span, as JSON, followed by `\n`.
 *
 * A line per span (not per trace) so that a trace survives a crash up to its
 * last written span, memory stays bounded whatever the trace's size, and a
 * viewer sees a running trace grow. Readers group lines by `span.traceId`.
 */
export interface TraceRecord {
  /** Line format version, {@link TRACE_RECORD_VERSION} */
  readonly v: typeof TRACE_RECORD_VERSION;
  /** Service name of the tracing instance that recorded the span */
  readonly service: string;
  /** The span as exporters receive it: already redacted and serialised within limits */
  readonly span: ExportedAISpan;
}

/** The JSON line (with its `\n`) for one ended span. Throws only if `span` is not JSON-serialisable. */
export function formatTraceRecord(span: ExportedAISpan, service: string): string {
  const record: TraceRecord = { v: TRACE_RECORD_VERSION, service, span };
  return `${JSON.stringify(record)}\n`;
}

function isSpanLike(value: unknown): value is ExportedAISpan {
  if (typeof value !== 'object' || value === null) return false;
  const span = value as Record<string, unknown>;
  return (
    typeof span.id === 'string' &&
    typeof span.traceId === 'string' &&
    typeof span.name === 'string' &&
    typeof span.type === 'string' &&
    typeof span.startTime === 'number'
  );
}

/**
 * Parse one line of a trace file. Returns `undefined` for anything that is
 * not a complete record of a known version (a line cut short by a crash, a
 * blank line, a future format): readers skip it. Never throws.
 */
export function parseTraceRecord(line: string): TraceRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.v !== TRACE_RECORD_VERSION || !isSpanLike(record.span)) return undefined;
  return {
    v: TRACE_RECORD_VERSION,
    service: typeof record.service === 'string' ? record.service : '',
    span: record.span,
  };
}
