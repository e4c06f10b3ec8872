import { performance } from 'node:perf_hooks';

/**
 * Offset that turns `performance.now()` into epoch milliseconds. Taken once per
 * trace at the root: the root's start is wall-clock exact, and every time in
 * the trace is monotonic relative to it (no jumps when NTP adjusts the clock).
 */
export function wallClockOffset(): number {
  return Date.now() - performance.now();
}

/** Epoch milliseconds with sub-millisecond precision, for a trace's offset. */
export function nowWithOffset(offset: number): number {
  return performance.now() + offset;
}
