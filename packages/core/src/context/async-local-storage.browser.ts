/**
 * The browser's stand-in for `AsyncLocalStorage`: browsers have no async
 * context, so the store is set for the synchronous part of `run()` only and
 * restored when it returns. After the callback's first `await` (and in timers
 * and event handlers) `getStore()` is `undefined` — never another trace's
 * span, because every scope is closed before the event loop runs anything
 * else. Spans that must nest across `await` take an explicit parent
 * (`parent.createChildSpan(...)`).
 */
export class AsyncLocalStorage<TStore> {
  #store: TStore | undefined;

  getStore(): TStore | undefined {
    return this.#store;
  }

  run<TResult, TArgs extends unknown[]>(
    store: TStore,
    fn: (...args: TArgs) => TResult,
    ...args: TArgs
  ): TResult {
    const previous = this.#store;
    this.#store = store;
    try {
      return fn(...args);
    } finally {
      this.#store = previous;
    }
  }
}
