/**
 * Resolve when `promise` settles or after `timeoutMs`, whichever is first.
 * Never rejects; returns true when the promise settled in time.
 *
 * The timer is deliberately not unref'd: callers await the result
 * (`await flush()`, `await shutdown()`), and an awaited promise must keep the
 * process alive until it settles. Were the timer unref'd, an exporter waiting
 * on its own unref'd timer or socket would leave nothing to keep the event
 * loop running: Node would exit with the `await` unsettled (exit code 13 in
 * an ES module) and the code after it would never run. The timer is cleared
 * as soon as the promise settles, so it never outlives the wait.
 */
export function settleWithin(promise: PromiseLike<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}
