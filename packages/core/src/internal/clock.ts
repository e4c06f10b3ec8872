// The global `performance` (Node, Bun, Deno, Workers, browsers): no `node:perf_hooks`,
// which Workers do not have. Where a runtime lacks it, `Date.now()` keeps times valid.
// Read once: Node defines the global as a getter, too slow to go through on every span.
const clock: { now(): number } =
  typeof globalThis.performance?.now === 'function' ? globalThis.performance : Date;
const monotonic = (): number => clock.now();

/**
 * Offset that turns `performance.now()` into epoch milliseconds. Taken once per
 * trace at the root: the root's start is wall-clock exact, and every time in
 * the trace is monotonic relative to it (no jumps when NTP adjusts the clock).
 * On Workers `performance.now()` advances only across I/O, like `Date.now()` there.
 */
export function wallClockOffset(): number {
  return Date.now() - monotonic();
}

/** Epoch milliseconds with sub-millisecond precision, for a trace's offset. */
export function nowWithOffset(offset: number): number {
  return monotonic() + offset;
}
