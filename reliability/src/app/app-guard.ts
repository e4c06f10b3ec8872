/**
 * The application's point of view: every call it makes into tracing goes
 * through `call`/`callAsync`, which count anything thrown or rejected, and
 * process-wide listeners count unhandled rejections and uncaught exceptions
 * while the guard is armed. A tracing library must leave all of these at zero.
 */
export class AppGuard {
  readonly thrown: string[] = [];
  readonly unhandledRejections: string[] = [];
  readonly uncaughtExceptions: string[] = [];
  readonly #onRejection = (reason: unknown): void => {
    this.unhandledRejections.push(describe(reason));
  };
  readonly #onException = (error: unknown): void => {
    this.uncaughtExceptions.push(describe(error));
  };
  #armed = false;

  /** Start listening for unhandled rejections and uncaught exceptions. */
  arm(): this {
    if (!this.#armed) {
      this.#armed = true;
      process.on('unhandledRejection', this.#onRejection);
      process.on('uncaughtException', this.#onException);
    }
    return this;
  }

  /** Stop listening. */
  disarm(): void {
    if (!this.#armed) return;
    this.#armed = false;
    process.off('unhandledRejection', this.#onRejection);
    process.off('uncaughtException', this.#onException);
  }

  /** Everything the app saw: thrown errors, unhandled rejections, uncaught exceptions. */
  get errors(): string[] {
    return [...this.thrown, ...this.unhandledRejections, ...this.uncaughtExceptions];
  }

  /** Run an app-side tracing call; a throw is recorded and swallowed (the app would have crashed). */
  call<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.thrown.push(describe(error));
      return undefined;
    }
  }

  /** Await an app-side tracing call (flush, shutdown); a rejection is recorded. */
  async callAsync(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.thrown.push(describe(error));
    }
  }
}

function describe(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    return String(value);
  } catch {
    return '[unprintable]';
  }
}
