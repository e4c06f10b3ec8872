import type { AISpan, AISpanType, AITracingEvent } from 'mastra-core-0/ai-tracing';
import { CHILDREN_PER_TRACE, TRACE_DATA as D, nextTurn } from '../workload/trace-shape';
import { type MaybeContender, reasonOf } from './contender';
import { SpanRing } from './span-ring';

/** How the Mastra 0.x contender is configured. */
export interface Mastra0Setup {
  readonly name: string;
  readonly sensitiveDataFilter: boolean;
  readonly sampled: boolean;
}

/** An in-memory Mastra 0.x exporter holding the last ended spans (see `SpanRing`). */
class MemoryExporter {
  readonly name = 'bench-memory';
  readonly spans = new SpanRing<unknown>();
  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === 'span_ended') this.spans.push(event.exportedSpan);
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The seed-era design: `@mastra/core` 0.24's `ai-tracing` module
 * (`DefaultAITracing`, its `SensitiveDataFilter` as a span processor) with an
 * in-memory exporter. Reported as unavailable if it cannot be loaded or run.
 */
export async function createMastra0Contender(setup: Mastra0Setup): Promise<MaybeContender> {
  try {
    const tracingModule = await import('mastra-core-0/ai-tracing');
    const { DefaultAITracing, SensitiveDataFilter, SamplingStrategyType, AISpanType: Types } = tracingModule;
    const exporter = new MemoryExporter();
    const tracing = new DefaultAITracing({
      name: 'bench',
      serviceName: 'bench',
      sampling: setup.sampled ? { type: SamplingStrategyType.ALWAYS } : { type: SamplingStrategyType.NEVER },
      exporters: [exporter],
      processors: setup.sensitiveDataFilter ? [new SensitiveDataFilter()] : [],
    });
    let openRoot: AISpan<AISpanType.AGENT_RUN> | undefined;
    const contender = {
      name: setup.name,
      role: 'anchor' as const,
      trace() {
        const root = tracing.startSpan({
          type: Types.AGENT_RUN,
          name: D.agentName,
          attributes: { agentId: D.agentId, maxSteps: D.maxSteps },
          input: D.input,
        });
        for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
          const llm = root.createChildSpan({
            type: Types.MODEL_GENERATION,
            name: D.llmName,
            attributes: { model: D.model, provider: D.provider, streaming: false },
          });
          llm.end({
            output: D.llmOutput,
            attributes: {
              usage: {
                promptTokens: D.promptTokens,
                completionTokens: D.completionTokens,
                totalTokens: D.totalTokens,
              },
              finishReason: D.finishReason,
            },
          });
        }
        root.end({ output: D.rootOutput });
      },
      largeSpan(input: unknown, output: unknown) {
        const span = tracing.startSpan({ type: Types.AGENT_RUN, name: D.agentName, input });
        span.end({ output });
      },
      startOpenSpan(): unknown {
        openRoot ??= tracing.startSpan({ type: Types.AGENT_RUN, name: D.agentName });
        return openRoot.createChildSpan({
          type: Types.MODEL_GENERATION,
          name: D.llmName,
          attributes: { model: D.model, provider: D.provider, streaming: false },
        });
      },
      async drain() {
        // Events are handed to exporters as promises started in the caller's turn.
        await nextTurn();
        return exporter.spans.clear();
      },
      shutdown: () => tracing.shutdown(),
    };
    contender.trace();
    await contender.drain();
    return contender;
  } catch (error) {
    return { name: setup.name, role: 'anchor', unavailable: reasonOf(error) };
  }
}
