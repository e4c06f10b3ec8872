import { getCurrentSpan } from '../context/async-context';
import { nowWithOffset } from '../internal/clock';
import { processGlobal } from '../internal/process-global';
import { AISpanType } from '../types/span-type';
import type { AISpan, AnyAISpan } from '../types/tracing';

// Process-wide (shared by duplicate installs of core): which generation spans an instrumentation owns.
const marks = processGlobal('aitracing.instrumentedGenerations', () => new WeakSet<object>());

/**
 * Mark `span` as an LLM generation an instrumentation records. While it is
 * the current span, {@link insideInstrumentedGeneration} is true, so a second
 * instrumented layer underneath (the AI SDK over an instrumented OpenAI
 * client) records no duplicate generation.
 */
export function markInstrumentedGeneration(span: AISpan<AISpanType.LLM_GENERATION>): void {
  if (span.isValid) marks.add(span);
}

/**
 * True when the current span is an LLM generation recorded by an
 * instrumentation: an inner instrumented call should then pass straight
 * through instead of starting another generation.
 */
export function insideInstrumentedGeneration(): boolean {
  const current = getCurrentSpan();
  return current !== undefined && current.type === AISpanType.LLM_GENERATION && marks.has(current);
}

/**
 * Now, in epoch milliseconds on `span`'s own clock (the same clock as its
 * `startTime` and `endTime`), e.g. for `completionStartTime`.
 */
export function spanNow(span: AISpan<AISpanType> | AnyAISpan): number {
  const offset = (span as { clockOffset?: unknown }).clockOffset;
  return typeof offset === 'number' ? nowWithOffset(offset) : Date.now();
}
