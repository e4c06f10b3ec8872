import type { HrTime } from '@opentelemetry/api';

/** Epoch milliseconds (fractional) as an OTel `[seconds, nanoseconds]` pair, exact to the nanosecond we have. */
export function millisToHrTime(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  let nanos = Math.round((epochMs - seconds * 1000) * 1e6);
  if (nanos >= 1e9) nanos = 999_999_999;
  return [seconds, Math.max(0, nanos)];
}

/** Duration between two epoch-millisecond times as HrTime (never negative). */
export function durationHrTime(startMs: number, endMs: number): HrTime {
  return millisToHrTime(Math.max(0, endMs - startMs));
}
