/**
 * Resolve when `promise` settles or after `timeoutMs`, whichever is first.
 * Never rejects; resolves `true` when the promise settled in time.
 *
 * The timer is not unref'd: callers await the result (`flush()`,
 * `shutdown()`), and an awaited promise must keep the process alive until it
 * settles. dd-trace's own timers and retries are unref'd, so with an unref'd
 * timer here a script awaiting shutdown could end with the await unsettled
 * (exit code 13 in an ES module). The timer is cleared as soon as the promise
 * settles.
 */
export function settleWithin(
  promise: Promise<unknown>,
  timeoutMs: number,
  waits?: PendingWaits,
): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (settled: boolean): void => {
      clearTimeout(timer);
      waits?.delete(finish);
      resolve(settled);
    };
    const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
    waits?.add(finish);
    promise.then(
      () => finish(true),
      () => finish(true),
    );
  });
}

/**
 * Waits that can be ended early: a caller that gave up on a wait (the tracing
 * instance's own deadline came first) leaves its timer behind; `shutdown()`
 * ends them all so that no timer of ours outlives it.
 */
export type PendingWaits = Set<(settled: boolean) => void>;

/** End every pending wait now, as timed out. */
export function endWaits(waits: PendingWaits): void {
  for (const finish of [...waits]) finish(false);
}
