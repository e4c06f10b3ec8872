import { getCurrentSpan } from '@aitracing/core';

// Server spans of this package, with the error their tool callback threw (McpServer turns it into an
// `isError` result, so the handler never sees the error object itself).
const thrownBySpan = new WeakMap<object, { thrown?: unknown }>();

/** Register `span` as a server tool span whose callback errors should be kept. */
export function watchCallbackErrors(span: object): void {
  thrownBySpan.set(span, {});
}

/** The error the tool callback threw while `span` was current, if any. */
export function callbackErrorOf(span: object): unknown {
  return thrownBySpan.get(span)?.thrown;
}

function remember(span: object | undefined, error: unknown): void {
  if (span === undefined) return;
  const state = thrownBySpan.get(span);
  if (state !== undefined && state.thrown === undefined) state.thrown = error;
}

type Callback = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Wrap a tool callback so the error it throws (or rejects with) is kept for
 * the current server span; the callback's result or error reaches the SDK
 * unchanged, and it runs exactly once.
 */
export function watchCallback(callback: Callback): Callback {
  return function watchedToolCallback(this: unknown, ...args: unknown[]): unknown {
    const span = getCurrentSpan();
    let result: unknown;
    try {
      result = callback.apply(this, args);
    } catch (error) {
      remember(span, error);
      throw error;
    }
    // Only a native promise is observed: calling `then` on a lazy thenable could run the user's work twice.
    if (result instanceof Promise) {
      // A side branch that swallows its own rejection: the SDK still awaits the original.
      result.then(undefined, (error: unknown) => remember(span, error));
    }
    return result;
  };
}

/**
 * Wrap the callback (the last function argument) of `McpServer.tool(...)` /
 * `registerTool(...)` arguments, in place on a copy of the list.
 */
export function withWatchedCallback(args: readonly unknown[]): unknown[] {
  const copy = args.slice();
  const last = copy.length - 1;
  if (last >= 0 && typeof copy[last] === 'function') copy[last] = watchCallback(copy[last] as Callback);
  return copy;
}
