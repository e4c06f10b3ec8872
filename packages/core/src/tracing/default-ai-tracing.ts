import { DefaultAISpan, type SpanCreateOptions } from '../spans/default-ai-span';
import type { AISpanType } from '../types/span-type';
import { BaseAITracing } from './base-ai-tracing';
import type { TracingConstructorConfig } from './resolve-config';

/**
 * The ready-to-use tracing instance.
 *
 * - Sampling is decided once per trace at the root; sampled-out traces get a
 *   shared no-op span and cost next to nothing.
 * - The sensitive-data filter is on by default.
 * - Events reach exporters asynchronously; `flush()` delivers them now.
 * - Never throws into your code; an invalid config throws
 *   `AITracingConfigError` here, at construction.
 *
 * @example
 * ```ts
 * import { AISpanType, DefaultAITracing } from '@aitracing/core';
 *
 * const tracing = new DefaultAITracing({ serviceName: 'my-app', exporters: [myExporter] });
 * const agent = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'support', attributes: { agentId: 'a-1' } });
 * const llm = agent.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'answer', attributes: { model: 'gpt-4o' } });
 * llm.end({ output: 'Hello!', attributes: { usage: { promptTokens: 12, completionTokens: 3 } } });
 * agent.end();
 * await tracing.shutdown();
 * ```
 */
export class DefaultAITracing extends BaseAITracing {
  /** @param config - `name` defaults to `serviceName`; every other field is optional. */
  constructor(config: TracingConstructorConfig) {
    super(config);
  }

  /** @internal */
  protected createSpan<TType extends AISpanType>(
    options: SpanCreateOptions<TType>,
    parent: DefaultAISpan<AISpanType> | undefined,
    isEvent: boolean,
  ): DefaultAISpan<TType> {
    return new DefaultAISpan(this, options, parent, isEvent);
  }
}
