import type { AISpanType } from '../types/span-type';
import type { AISpan, AITracing, StartSpanOptions } from '../types/tracing';
import { runWithSpan } from './async-context';
import { type SpanStarter, startSpanInContext } from './start-span-in-context';

export type { SpanStarter } from './start-span-in-context';

/** Options of {@link traced}: the span to start, and where roots go. */
export type TracedOptions<TType extends AISpanType> = Omit<StartSpanOptions<TType>, 'parent'> & {
  /**
   * Where to start a root span when no span is current.
   * @defaultValue the app's instance: the process-wide registry
   * (`setupAITracing`, selector applied), else the most recently created
   * `Observability` that is not shut down; with none, `fn` runs untraced
   * (and a one-time warning says how to configure tracing)
   */
  tracing?: SpanStarter | AITracing;
  /**
   * Record the function's return value as the span output.
   * @defaultValue `true`
   */
  recordOutput?: boolean;
};

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

function recordError(span: AISpan<AISpanType>, error: unknown): void {
  span.error({ error: error as Error });
}

/**
 * Run `fn` inside a new span: a child of the current span, or a root of
 * `options.tracing` (else the app's instance; `root: true` always starts a
 * new trace). The span is current while `fn` runs (and across what it
 * awaits), ends with `fn`'s result as output, or records the thrown error or
 * rejection and rethrows it unchanged. Tracing failures never change what
 * `fn` returns or throws, and `fn`'s result is never run twice:
 * - a sync result is returned as is;
 * - a native promise (or a subclass, such as an SDK's API promise) is
 *   observed and returned as the very same object;
 * - any other thenable (a lazy query builder that runs on `.then()`) has its
 *   `then` called exactly once, right away and inside the span, and
 *   `traced` returns a native Promise of its outcome instead (a `then` that
 *   throws becomes a rejection).
 *
 * @example
 * ```ts
 * const answer = await traced({ type: AISpanType.TOOL_CALL, name: 'search', input: query }, () => search(query));
 * ```
 */
export function traced<TType extends AISpanType, TResult>(
  options: TracedOptions<TType>,
  fn: (span: AISpan<TType>) => TResult,
): TResult {
  const span = startSpanInContext(options);
  // Sampled out, the span is still made current: the decision propagates.
  if (!span.isValid) return runWithSpan(span, () => fn(span));
  const recordOutput = options.recordOutput !== false;
  let result: TResult;
  try {
    result = runWithSpan(span, () => fn(span));
  } catch (error) {
    recordError(span, error);
    throw error;
  }
  const end = (value: unknown) => span.end(recordOutput ? { output: value } : undefined);
  const fail = (error: unknown) => recordError(span, error);
  if (result instanceof Promise) {
    // Observe the promise without changing it: the caller gets the very same object.
    try {
      result.then(end, fail);
    } catch (error) {
      fail(error);
    }
    return result;
  }
  if (!isThenable(result)) {
    end(result);
    return result;
  }
  return adoptOnce(span, result, end, fail) as TResult;
}

// Calls `then` of a non-promise thenable exactly once (each call may run the
// work again: Knex and Mongoose queries do) and settles a native promise from it.
function adoptOnce(
  span: AISpan<AISpanType>,
  thenable: PromiseLike<unknown>,
  end: (value: unknown) => void,
  fail: (error: unknown) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onFulfilled = (value: unknown) => {
      if (settled) return;
      settled = true;
      end(value);
      resolve(value);
    };
    const onRejected = (error: unknown) => {
      if (settled) return;
      settled = true;
      fail(error);
      reject(error);
    };
    try {
      runWithSpan(span, () => thenable.then(onFulfilled, onRejected));
    } catch (error) {
      onRejected(error);
    }
  });
}

/**
 * `traced` for async functions: the returned promise resolves or rejects
 * exactly like `fn`'s, after the span has ended.
 */
export async function tracedAsync<TType extends AISpanType, TResult>(
  options: TracedOptions<TType>,
  fn: (span: AISpan<TType>) => Promise<TResult>,
): Promise<TResult> {
  const span = startSpanInContext(options);
  if (!span.isValid) return runWithSpan(span, () => fn(span));
  try {
    const value = await runWithSpan(span, () => fn(span));
    span.end(options.recordOutput === false ? undefined : { output: value });
    return value;
  } catch (error) {
    recordError(span, error);
    throw error;
  }
}
