/** The parts of a W3C `traceparent` header. */
export interface TraceParent {
  /** 32 lowercase hex characters, not all zeros */
  readonly traceId: string;
  /** 16 lowercase hex characters, not all zeros: the caller's span */
  readonly parentSpanId: string;
  /** The sampled flag (bit 0 of trace-flags) */
  readonly sampled: boolean;
}

const VERSION_00_LENGTH = 55;
const HEADER = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * Parse a `traceparent` header by the W3C Trace Context rules; undefined when
 * it is invalid (then the caller starts a new trace). Never throws.
 * Version `ff` is invalid; version `00` must be exactly 55 characters; a
 * later version is read from its first 55 characters, which must be followed
 * by `-` if anything follows.
 */
export function parseTraceparent(header: unknown): TraceParent | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  if (value.length < VERSION_00_LENGTH) return undefined;
  const version = value.slice(0, 2);
  let candidate = value;
  if (version === '00') {
    if (value.length !== VERSION_00_LENGTH) return undefined;
  } else {
    if (version === 'ff') return undefined;
    if (value.length > VERSION_00_LENGTH && value[VERSION_00_LENGTH] !== '-') return undefined;
    candidate = value.slice(0, VERSION_00_LENGTH);
  }
  const match = HEADER.exec(candidate);
  if (match === null) return undefined;
  const [, , traceId, parentSpanId, flags] = match as unknown as [string, string, string, string, string];
  if (traceId === ZERO_TRACE_ID || parentSpanId === ZERO_SPAN_ID) return undefined;
  return { traceId, parentSpanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** Format a version-00 `traceparent` header. */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}
