import { generateSpanId, generateTraceId } from '../ids/id-generator';
import type { SpanScoreInput } from '../types/score';
import type { AISpanType } from '../types/span-type';
import type { AISpan, AITracing } from '../types/tracing';
import type { PropagatedContext } from './default-ai-span';
import { NoOpAISpan } from './no-op-ai-span';

/**
 * Marks a span of a sampled-out trace. `Symbol.for`, so every copy of core in
 * the process (ESM and CommonJS builds) recognises the others' spans.
 */
const SAMPLED_OUT_TRACE = Symbol.for('aitracing.sampledOutTrace');

/**
 * The span of a sampled-out trace: records nothing, like the no-op span, but
 * carries the trace so the decision travels on. `injectContext` writes its
 * trace id with the sampled flag `00`, and spans started under it (children,
 * `traced`, instrumentations) stay sampled out instead of sampling again.
 *
 * One object per sampled-out trace, shared by all its spans: children are the
 * same object (nothing is recorded, so they need no ids of their own). Ids of
 * a local root are generated only when first read, i.e. when the trace is
 * propagated: a trace nobody propagates costs one small allocation.
 */
export class SampledOutSpan extends NoOpAISpan {
  /** `tracestate` and `baggage` received from a remote parent, passed on unchanged. */
  readonly propagated: PropagatedContext | undefined;
  #traceId: string | undefined;
  #id: string | undefined;

  constructor(aiTracing: AITracing, traceId?: string, propagated?: PropagatedContext) {
    super(aiTracing);
    this.#traceId = traceId;
    this.propagated = propagated;
  }

  override get traceId(): string {
    this.#traceId ??= generateTraceId();
    return this.#traceId;
  }

  override get id(): string {
    this.#id ??= generateSpanId();
    return this.#id;
  }

  /**
   * Scores the trace (not this span: a sampled-out trace shares one object for
   * all its spans, so there is no span id a backend could know).
   */
  override score(input: SpanScoreInput): void {
    try {
      if (typeof input !== 'object' || input === null) {
        this.aiTracing.score(input as never);
        return;
      }
      this.aiTracing.score(Object.assign({}, input, { traceId: this.traceId, spanId: undefined }));
    } catch {
      // score() never throws; this guards a hostile input object.
    }
  }

  get [SAMPLED_OUT_TRACE](): true {
    return true;
  }
}

/**
 * Whether `span` belongs to a sampled-out trace (its trace id is real and
 * propagated with flag `00`), whichever copy of core created it.
 */
export function isSampledOutTrace(span: AISpan<AISpanType> | undefined): boolean {
  return span !== undefined && (span as { [SAMPLED_OUT_TRACE]?: unknown })[SAMPLED_OUT_TRACE] === true;
}
