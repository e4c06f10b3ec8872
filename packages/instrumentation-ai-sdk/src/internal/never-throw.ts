/**
 * Run tracing work that must never reach the app: any exception is dropped
 * (span creation and updates already log through the instance's logger).
 */
export function neverThrow(work: () => void): void {
  try {
    work();
  } catch {
    // Tracing never breaks the host app.
  }
}
