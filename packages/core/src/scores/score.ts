import { getAppTracing } from '../context/app-observability';
import { getCurrentSpan } from '../context/async-context';
import { getDefaultAITracing, getSelectedAITracing } from '../registry/default-registry';
import type { ScoreInput } from '../types/score';

/**
 * Attach a score to a trace or span, through the registry: to the instance
 * of the current span when it belongs to the scored trace, else the selected
 * instance of the process-wide registry (`setupAITracing`, `setSelector`),
 * else its default one, else the most recently created `Observability`'s
 * selected instance. Use `tracing.score()`, `observability.score()` or
 * `span.score()` when you hold them. Never throws; with no instance
 * registered the score is dropped (nothing could deliver it).
 *
 * @example
 * ```ts
 * score({ traceId, name: 'user-feedback', value: true, source: 'user-feedback', comment: 'spot on' });
 * ```
 */
export function score(input: ScoreInput): void {
  try {
    const current = getCurrentSpan();
    const traceId = typeof input === 'object' && input !== null ? input.traceId : undefined;
    const instance =
      current !== undefined && current.aiTracing !== undefined && current.traceId === traceId
        ? current.aiTracing
        : (getSelectedAITracing() ?? getDefaultAITracing() ?? getAppTracing({}));
    instance?.score(input);
  } catch {
    // A hostile input or a failing selector: scores never break the app.
  }
}
