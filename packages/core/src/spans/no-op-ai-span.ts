import { INVALID_SPAN_ID, INVALID_TRACE_ID } from '../ids/id-generator';
import type { AISpan } from '../types/span';
import { AISpanType } from '../types/span-type';
import type { AITracing } from '../types/tracing';

/**
 * The span handed out after shutdown, when span creation failed or when no
 * tracing instance is at hand. One shared object per tracing instance: every
 * method does nothing, children are the same object, `isValid` is false. Its
 * ids are the all-zero "invalid" ids of OpenTelemetry, and it carries no
 * trace: nothing is propagated from it. (A sampled-out trace gets a
 * `SampledOutSpan`, which does carry its trace id.)
 */
export class NoOpAISpan implements AISpan<AISpanType> {
  readonly type = AISpanType.GENERIC;
  readonly name = 'no-op';
  readonly startTime = 0;
  readonly endTime = undefined;
  isInternal = false;
  parent = undefined;
  attributes = undefined;
  metadata = undefined;
  input = undefined;
  output = undefined;
  errorInfo = undefined;

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
}

/**
 * The no-op span used where no tracing instance is at hand (e.g. `traced`
 * with no current span and no `tracing`): `aiTracing` is undefined at runtime.
 */
export const DETACHED_NO_OP_SPAN = new NoOpAISpan(undefined as unknown as AITracing);
