import { randomBytes } from 'node:crypto';

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * aitracing's trace id (32 hex characters) as the trace id of both Datadog
 * views, lowercase; a random one when it is not hex (core never makes such).
 */
export function datadogTraceId(traceId: string): string {
  const id = traceId.toLowerCase().padStart(32, '0');
  return HEX_TRACE_ID.test(id) ? id : randomBytes(16).toString('hex');
}

/** A span id of 1 to 16 hex characters as an unsigned 64-bit id; undefined when it is not one (or is 0). */
export function spanIdFromHex(hex: string | undefined): bigint | undefined {
  if (hex === undefined || !/^[0-9a-f]{1,16}$/i.test(hex)) return undefined;
  const id = BigInt(`0x${hex}`);
  return id === 0n ? undefined : id;
}

/** aitracing's span id as the span id of both Datadog views; a random non-zero one when it is not hex. */
export function datadogSpanId(hex: string): bigint {
  const id = spanIdFromHex(hex);
  if (id !== undefined) return id;
  const random = randomBytes(8).readBigUInt64BE() & 0x7fffffffffffffffn;
  return random === 0n ? 1n : random;
}
