import { getSelectedAITracing } from '../registry/default-registry';
import { DETACHED_NO_OP_SPAN } from '../spans/no-op-ai-span';
import type { AISpan, StartSpanOptions } from '../types/span';
import type { AISpanType } from '../types/span-type';
import type { AITracing } from '../types/tracing';
import { getCurrentSpan } from './async-context';

/** Anything that can start a root span: an `AITracing` instance or an `Observability`. */
export interface SpanStarter {
  startSpan<TType extends AISpanType>(options: StartSpanOptions<TType>): AISpan<TType>;
}

/** Options of {@link startSpanInContext}: a span to start, and where roots go. */
export type StartInContextOptions<TType extends AISpanType> = Omit<StartSpanOptions<TType>, 'parent'> & {
  /**
   * Where to start a root span when no span is current.
   * @defaultValue the app's instance (`setupAITracing`, selector applied);
   * with none, a no-op span
   */
  tracing?: SpanStarter | AITracing;
};

/**
 * Start a span where the code runs: a child of the current span (set by
 * `withSpan`, `traced`, the decorators or an instrumented call), else a root
 * of `options.tracing`, else a root of the app's instance. Returns a no-op
 * span (`isValid === false`) when none applies or the trace is sampled out.
 * Never throws. This is how `traced()` and the instrumentation packages
 * choose their parent.
 */
export function startSpanInContext<TType extends AISpanType>(
  options: StartInContextOptions<TType>,
): AISpan<TType> {
  try {
    const current = getCurrentSpan();
    if (current !== undefined) return current.createChildSpan(options);
    const tracing = options.tracing ?? getSelectedAITracing({ runtimeContext: options.runtimeContext });
    if (tracing !== undefined) return tracing.startSpan(options);
  } catch {
    // Span creation already logs through the instance's logger.
  }
  return DETACHED_NO_OP_SPAN as unknown as AISpan<TType>;
}
