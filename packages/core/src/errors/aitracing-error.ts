const AITRACING_ERROR = Symbol.for('aitracing.error');

/**
 * Base class of every error aitracing creates. Carries a registered symbol, so
 * `AITracingError.isInstance(err)` works across duplicate installs of the
 * package (where `instanceof` does not).
 */
export class AITracingError extends Error {
  /** Cross-install marker; see `isInstance`. */
  readonly [AITRACING_ERROR] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AITracingError';
  }

  /** True for any error created by any copy of aitracing. */
  static isInstance(value: unknown): value is AITracingError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[AITRACING_ERROR] === true
    );
  }
}
