import type { AnySpan, Span, SpanType, TracingEvent } from '@mastra/core/observability';
import { CHILDREN_PER_TRACE, TRACE_DATA as D } from '../workload/trace-shape';
import { type MaybeContender, reasonOf } from './contender';
import { SpanRing } from './span-ring';

/** How the Mastra 1.x contender is configured. */
export interface Mastra1Setup {
  readonly name: string;
  readonly sensitiveDataFilter: boolean;
  readonly sampled: boolean;
}

/** An in-memory Mastra 1.x exporter holding the last ended spans (see `SpanRing`). */
class MemoryExporter {
  readonly name = 'bench-memory';
  readonly spans = new SpanRing<unknown>();
  exportTracingEvent(event: TracingEvent): Promise<void> {
    if (event.type === 'span_ended') this.spans.push(event.exportedSpan);
    return Promise.resolve();
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Today's Mastra: `@mastra/observability` 1.x `Observability` with one
 * instance, an in-memory exporter and its sensitive-data filter (on by
 * default). It declares Node >= 22; on failure to load or run it is
 * reported as unavailable.
 */
export async function createMastra1Contender(setup: Mastra1Setup): Promise<MaybeContender> {
  try {
    const { Observability, SamplingStrategyType } = await import('@mastra/observability');
    const { SpanType: Types } = await import('@mastra/core/observability');
    const exporter = new MemoryExporter();
    const observability = new Observability({
      sensitiveDataFilter: setup.sensitiveDataFilter,
      configs: {
        bench: {
          serviceName: 'bench',
          sampling: setup.sampled
            ? { type: SamplingStrategyType.ALWAYS }
            : { type: SamplingStrategyType.NEVER },
          exporters: [exporter],
        },
      },
    });
    const instance = observability.getDefaultInstance();
    if (instance === undefined) throw new Error('no default observability instance');
    let openRoot: Span<SpanType.AGENT_RUN> | undefined;
    const contender = {
      name: setup.name,
      role: 'anchor' as const,
      trace() {
        const root = instance.startSpan({
          type: Types.AGENT_RUN,
          name: D.agentName,
          attributes: { conversationId: D.agentId, maxSteps: D.maxSteps },
          input: D.input,
        });
        for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
          const llm = root.createChildSpan({
            type: Types.MODEL_GENERATION,
            name: D.llmName,
            attributes: { model: D.model, provider: D.provider, streaming: false },
          });
          llm.end({
            output: { text: D.llmOutput },
            attributes: {
              usage: { inputTokens: D.promptTokens, outputTokens: D.completionTokens },
              finishReason: D.finishReason,
            },
          });
        }
        root.end({ output: { text: D.rootOutput } });
      },
      largeSpan(input: unknown, output: unknown) {
        // The span's typed input and output accept any value at runtime.
        const span = instance.startSpan({ type: Types.AGENT_RUN, name: D.agentName, input: input as never });
        span.end({ output: output as never });
      },
      startOpenSpan(): AnySpan {
        openRoot ??= instance.startSpan({ type: Types.AGENT_RUN, name: D.agentName });
        return openRoot.createChildSpan({
          type: Types.MODEL_GENERATION,
          name: D.llmName,
          attributes: { model: D.model, provider: D.provider, streaming: false },
        });
      },
      async drain() {
        await observability.flush();
        return exporter.spans.clear();
      },
      shutdown: () => observability.shutdown(),
    };
    // A trace that throws here means the package cannot run on this Node.
    contender.trace();
    await contender.drain();
    return contender;
  } catch (error) {
    return { name: setup.name, role: 'anchor', unavailable: reasonOf(error) };
  }
}
