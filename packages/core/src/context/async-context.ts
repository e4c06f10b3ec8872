import { AsyncLocalStorage } from 'node:async_hooks';
import { processGlobal } from '../internal/process-global';
import { isSampledOutTrace } from '../spans/sampled-out-span';
import type { AISpanType } from '../types/span-type';
import type { AISpan, AnyAISpan } from '../types/tracing';

// One store for every tracing instance (the current span knows its own
// instance) and for every copy of core in the process: an instrumentation
// loaded as CommonJS and an app importing the ESM build see the same span.
const storage = processGlobal('aitracing.asyncContext', () => new AsyncLocalStorage<AnyAISpan>());

/**
 * The span current in this async context (set by `withSpan`, `traced` or the
 * decorators), or undefined. Follows awaits, timers, promises and event
 * emitter callbacks run inside that context. In a sampled-out trace it is
 * that trace's non-recording span (`isValid === false`).
 */
export function getCurrentSpan(): AnyAISpan | undefined {
  return storage.getStore();
}

/**
 * Run `fn` with `span` as the current span, across everything it awaits or
 * schedules. Returns what `fn` returns, unchanged (a promise stays a promise).
 * A span of a sampled-out trace is installed too, so the decision propagates
 * and nested spans stay sampled out; a plain no-op span (no trace: tracing
 * not configured, shut down) is not.
 */
export function runWithSpan<TResult>(span: AISpan<AISpanType>, fn: () => TResult): TResult {
  if (!span.isValid && !isSampledOutTrace(span)) return fn();
  return storage.run(span as AnyAISpan, fn);
}
