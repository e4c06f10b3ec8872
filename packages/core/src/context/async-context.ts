import { AsyncLocalStorage } from 'node:async_hooks';
import type { AISpan, AnyAISpan } from '../types/span';
import type { AISpanType } from '../types/span-type';

// One store for every tracing instance: the current span knows its own instance.
const storage = new AsyncLocalStorage<AnyAISpan>();

/**
 * The span current in this async context (set by `withSpan`, `traced` or the
 * decorators), or undefined. Follows awaits, timers, promises and event
 * emitter callbacks run inside that context.
 */
export function getCurrentSpan(): AnyAISpan | undefined {
  return storage.getStore();
}

/**
 * Run `fn` with `span` as the current span, across everything it awaits or
 * schedules. Returns what `fn` returns, unchanged (a promise stays a promise).
 * A no-op span (sampled out) is not installed: nothing to propagate, no cost.
 */
export function runWithSpan<TResult>(span: AISpan<AISpanType>, fn: () => TResult): TResult {
  if (!span.isValid) return fn();
  return storage.run(span as AnyAISpan, fn);
}
