/**
 * Resolve when `promise` settles or after `timeoutMs`, whichever is first.
 * Never rejects; resolves `true` when the promise settled in time. The timer
 * is unref'd so a pending wait never keeps the process alive.
 */
export function settleWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    timer.unref();
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
