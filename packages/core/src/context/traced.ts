import type { AISpan, StartSpanOptions } from '../types/span';
import type { AISpanType } from '../types/span-type';
import type { AITracing } from '../types/tracing';
import { runWithSpan } from './async-context';
import { type SpanStarter, startSpanInContext } from './start-span-in-context';

export type { SpanStarter } from './start-span-in-context';

/** Options of {@link traced}: the span to start, and where roots go. */
export type TracedOptions<TType extends AISpanType> = Omit<StartSpanOptions<TType>, 'parent'> & {
  /**
   * Where to start a root span when no span is current.
   * @defaultValue the instance `setupAITracing` configured (selector applied);
   * with none, `fn` runs untraced
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
 * `options.tracing`. The span is current while `fn` runs (and across what it
 * awaits), ends with `fn`'s result as output, or records the thrown error or
 * rejection and rethrows it unchanged. A sync function stays sync; a promise
 * is returned as the same kind of promise result. Tracing failures never
 * change what `fn` returns or throws.
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
  const span = startTracedSpan(options);
  if (!span.isValid) return fn(span);
  const recordOutput = options.recordOutput !== false;
  let result: TResult;
  try {
    result = runWithSpan(span, () => fn(span));
  } catch (error) {
    recordError(span, error);
    throw error;
  }
  if (!isThenable(result)) {
    span.end(recordOutput ? { output: result } : undefined);
    return result;
  }
  // Observe the promise without changing it: the caller gets the very same object.
  result.then(
    (value) => span.end(recordOutput ? { output: value } : undefined),
    (error: unknown) => recordError(span, error),
  );
  return result;
}

/**
 * `traced` for async functions: the returned promise resolves or rejects
 * exactly like `fn`'s, after the span has ended.
 */
export async function tracedAsync<TType extends AISpanType, TResult>(
  options: TracedOptions<TType>,
  fn: (span: AISpan<TType>) => Promise<TResult>,
): Promise<TResult> {
  const span = startTracedSpan(options);
  if (!span.isValid) return fn(span);
  try {
    const value = await runWithSpan(span, () => fn(span));
    span.end(options.recordOutput === false ? undefined : { output: value });
    return value;
  } catch (error) {
    recordError(span, error);
    throw error;
  }
}

// Never throws: a failure to start a span means running untraced.
function startTracedSpan<TType extends AISpanType>(options: TracedOptions<TType>): AISpan<TType> {
  return startSpanInContext(options);
}
