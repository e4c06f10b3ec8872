/**
 * Waits that can be ended early: a caller that gave up on a wait (its own
 * deadline came first) leaves the wait's timer behind; `endWaits` at
 * shutdown ends them all, so that no timer of ours outlives it.
 */
export type PendingWaits = Set<(settled: boolean) => void>;

/**
 * Resolve when `promise` settles or after `timeoutMs`, whichever is first.
 * Never rejects; resolves `true` when the promise settled in time.
 *
 * The timer is deliberately not unref'd: callers await the result
 * (`await flush()`, `await shutdown()`), and an awaited promise must keep the
 * process alive until it settles. Were the timer unref'd, an exporter waiting
 * on its own unref'd timer or socket would leave nothing to keep the event
 * loop running: Node would exit with the `await` unsettled (exit code 13 in
 * an ES module) and the code after it would never run. The timer is cleared
 * as soon as the wait ends, so it never outlives it.
 *
 * @param waits - when given, the wait registers there until it ends, so that
 *   {@link endWaits} can end it early.
 * @example
 * ```ts
 * const delivered = await settleWithin(queue.flush(), 5_000);
 * ```
 */
export function settleWithin(
  promise: PromiseLike<unknown>,
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

/** End every pending wait of `waits` now, as timed out (their promises resolve `false`). */
export function endWaits(waits: PendingWaits): void {
  for (const finish of [...waits]) finish(false);
}
