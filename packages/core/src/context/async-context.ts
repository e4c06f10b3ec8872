import { processGlobal } from '../internal/process-global';
import { isSampledOutTrace } from '../spans/sampled-out-span';
import type { AISpanType } from '../types/span-type';
import type { AISpan, AnyAISpan } from '../types/tracing';
import type { BridgedSpan } from '../types/tracing-bridge';
import { AsyncLocalStorage } from './async-local-storage';

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
  const bridged = (span as { readonly bridged?: BridgedSpan }).bridged;
  if (bridged === undefined) return storage.run(span as AnyAISpan, fn);
  return storage.run(span as AnyAISpan, runBridged, bridged, fn);
}

// With a tracing bridge, the bridged system's context is made active too.
// `fn` runs exactly once and its result or error reaches the caller
// unchanged, whatever the bridge does around it.
function runBridged<TResult>(bridged: BridgedSpan, fn: () => TResult): TResult {
  let outcome: { readonly threw: boolean; readonly value: unknown } | undefined;
  const inner = (): TResult => {
    if (outcome !== undefined) {
      if (outcome.threw) throw outcome.value;
      return outcome.value as TResult;
    }
    try {
      const value = fn();
      outcome = { threw: false, value };
      return value;
    } catch (error) {
      outcome = { threw: true, value: error };
      throw error;
    }
  };
  try {
    bridged.run(inner);
  } catch {
    // The bridge's own failure is not the caller's; `fn`'s error is rethrown below.
  }
  if (outcome === undefined) return fn();
  if (outcome.threw) throw outcome.value;
  return outcome.value as TResult;
}
