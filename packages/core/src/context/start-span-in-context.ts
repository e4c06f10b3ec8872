import { getSelectedAITracing } from '../registry/default-registry';
import { DETACHED_NO_OP_SPAN } from '../spans/no-op-ai-span';
import type { AISpanType } from '../types/span-type';
import type { AISpan, AITracing, StartSpanOptions } from '../types/tracing';
import { getAppTracing, warnNothingConfigured } from './app-observability';
import { getCurrentSpan } from './async-context';

/** Anything that can start a root span: an `AITracing` instance or an `Observability`. */
export interface SpanStarter {
  startSpan<TType extends AISpanType>(options: StartSpanOptions<TType>): AISpan<TType>;
}

/** Options of {@link startSpanInContext}: a span to start, and where roots go. */
export type StartInContextOptions<TType extends AISpanType> = Omit<StartSpanOptions<TType>, 'parent'> & {
  /**
   * Where to start a root span when no span is current.
   * @defaultValue the app's instance: the process-wide registry
   * (`setupAITracing`, selector applied), else the most recently created
   * `Observability` that is not shut down; with none, a no-op span (and a
   * one-time warning)
   */
  tracing?: SpanStarter | AITracing;
};

/**
 * Start a span where the code runs: a child of the current span (set by
 * `withSpan`, `traced`, the decorators or an instrumented call), else a root
 * of `options.tracing`, else a root of the app's instance (`setupAITracing`,
 * else the most recently created `Observability`). `root: true` or a remote
 * parent (`traceId`) skips the current span. Returns a non-recording span
 * (`isValid === false`) when none applies or the trace is sampled out; inside
 * a sampled-out trace, spans stay sampled out. Never throws. This is how
 * `traced()` and the instrumentation packages choose their parent.
 */
export function startSpanInContext<TType extends AISpanType>(
  options: StartInContextOptions<TType>,
): AISpan<TType> {
  try {
    const current = options.root === true || options.traceId !== undefined ? undefined : getCurrentSpan();
    if (current !== undefined) return current.createChildSpan(options);
    const selectorOptions = { runtimeContext: options.runtimeContext };
    const tracing =
      options.tracing ?? getSelectedAITracing(selectorOptions) ?? getAppTracing(selectorOptions);
    if (tracing !== undefined) return tracing.startSpan(options);
    warnNothingConfigured();
  } catch {
    // Span creation already logs through the instance's logger.
  }
  return DETACHED_NO_OP_SPAN as unknown as AISpan<TType>;
}
