import { INVALID_SPAN_ID, INVALID_TRACE_ID } from '../ids/id-generator';
import type { SpanScoreInput } from '../types/score';
import { AISpanType } from '../types/span-type';
import type { AISpan, AITracing } from '../types/tracing';

/**
 * The span handed out after shutdown, when span creation failed or when no
 * tracing instance is at hand. One shared object per tracing instance: every
 * method does nothing, children are the same object, `isValid` is false. Its
 * ids are the all-zero "invalid" ids of OpenTelemetry, and it carries no
 * trace: nothing is propagated from it. (A sampled-out trace gets a
 * `SampledOutSpan`, which does carry its trace id.)
 */
export class NoOpAISpan implements AISpan<AISpanType> {
  // Constants live on the prototype (below): a sampled-out trace allocates one
  // of these per trace, and each field set in the constructor costs.
  declare readonly type: AISpanType.GENERIC;
  declare readonly name: string;
  declare readonly startTime: number;
  declare readonly endTime: undefined;
  declare isInternal: boolean;
  declare parent: undefined;
  declare attributes: undefined;
  declare metadata: undefined;
  declare input: undefined;
  declare output: undefined;
  declare errorInfo: undefined;

  constructor(public aiTracing: AITracing) {}

  get id(): string {
    return INVALID_SPAN_ID;
  }

  get traceId(): string {
    return INVALID_TRACE_ID;
  }

  get isRootSpan(): boolean {
    return false;
  }

  get isValid(): boolean {
    return false;
  }

  end(): void {}

  error(): void {}

  update(): void {}

  createChildSpan<TChildType extends AISpanType>(): AISpan<TChildType> {
    return this as unknown as AISpan<TChildType>;
  }

  createEventSpan<TChildType extends AISpanType>(): AISpan<TChildType> {
    return this as unknown as AISpan<TChildType>;
  }

  /** Nothing to score: the no-op span belongs to no trace. */
  score(_input?: SpanScoreInput): void {}
}

Object.assign(NoOpAISpan.prototype, {
  type: AISpanType.GENERIC,
  name: 'no-op',
  startTime: 0,
  endTime: undefined,
  isInternal: false,
  parent: undefined,
  attributes: undefined,
  metadata: undefined,
  input: undefined,
  output: undefined,
  errorInfo: undefined,
});

/**
 * The no-op span used where no tracing instance is at hand (e.g. `traced`
 * with no current span and no `tracing`): `aiTracing` is undefined at runtime.
 */
export const DETACHED_NO_OP_SPAN = new NoOpAISpan(undefined as unknown as AITracing);
