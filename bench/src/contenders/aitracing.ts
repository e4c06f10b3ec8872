import {
  type AISpan,
  AISpanType,
  type AITracing,
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultAITracing,
  type ExportedAISpan,
  SensitiveDataFilter,
  type TracingConstructorConfig,
} from '@aitracing/core';
import { CHILDREN_PER_TRACE, TRACE_DATA as D } from '../workload/trace-shape';
import type { TracerContender } from './contender';
import { jsonText, type PayloadText } from './payload-text';
import { SpanRing } from './span-ring';

const RESOLVED = Promise.resolve();

/** An in-memory exporter holding the last spans it received (see `SpanRing`). */
export class RingExporter implements AITracingExporter {
  readonly name = 'bench-ring';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED];
  readonly spans = new SpanRing<ExportedAISpan>();
  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SPAN_ENDED) this.spans.push(event.exportedSpan);
    return RESOLVED;
  }
  shutdown(): Promise<void> {
    return RESOLVED;
  }
}

/**
 * An in-memory exporter that reads each span's `input` and `output` and
 * keeps them as JSON text, as exporter-langfuse does for
 * `langfuse.observation.input` / `.output`: the cost of an exporter that
 * needs the payload (and of materialising it, where core defers that to the
 * first read) is then part of the measure.
 */
export class PayloadReadingExporter implements AITracingExporter {
  readonly name = 'bench-payload-reader';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED];
  readonly texts = new SpanRing<PayloadText>();
  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SPAN_ENDED) {
      const span = event.exportedSpan;
      this.texts.push({ input: jsonText(span.input), output: jsonText(span.output) });
    }
    return RESOLVED;
  }
  shutdown(): Promise<void> {
    return RESOLVED;
  }
}

/** How our contender is configured. */
export interface AitracingSetup {
  readonly name: string;
  /** Built-in sensitive-data filter (on by default in core). */
  readonly sensitiveDataFilter: boolean;
  /** The filter with key rules only (no value detectors): the filter as it was before issue 20. */
  readonly keyRulesOnly?: boolean;
  /** Record every trace (`always`) or none (`never`). */
  readonly sampled: boolean;
  /** The exporter reads `input` and `output` as JSON text (see `PayloadReadingExporter`). */
  readonly exporterReadsPayload?: boolean;
}

/** Recorded spans of one standard trace, in this library's API (an instance or `Observability`). */
export function aitracingTrace(tracing: Pick<AITracing, 'startSpan'>): void {
  const root = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: D.agentName,
    attributes: { agentId: D.agentId, maxSteps: D.maxSteps },
    input: D.input,
  });
  for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
    const llm = root.createChildSpan({
      type: AISpanType.LLM_GENERATION,
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
}

/**
 * aitracing (`DefaultAITracing`, default settings but for the filter and
 * sampling) exporting to an in-memory exporter that wants span_ended events
 * only, as every real exporter declares.
 */
export function createAitracingContender(setup: AitracingSetup): TracerContender {
  const exporter = setup.exporterReadsPayload === true ? new PayloadReadingExporter() : new RingExporter();
  const received = exporter instanceof RingExporter ? exporter.spans : exporter.texts;
  const config: TracingConstructorConfig = {
    serviceName: 'bench',
    sensitiveDataFilter: setup.sensitiveDataFilter && setup.keyRulesOnly !== true,
    processors: setup.keyRulesOnly === true ? [new SensitiveDataFilter({ detectSecrets: false })] : [],
    sampling: { type: setup.sampled ? 'always' : 'never' },
    exporters: [exporter],
  };
  const tracing = new DefaultAITracing(config);
  let openRoot: AISpan<AISpanType.AGENT_RUN> | undefined;
  return {
    name: setup.name,
    role: 'ours',
    trace: () => aitracingTrace(tracing),
    largeSpan(input, output) {
      const span = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: D.agentName, input });
      span.end({ output });
    },
    startOpenSpan() {
      openRoot ??= tracing.startSpan({ type: AISpanType.AGENT_RUN, name: D.agentName });
      return openRoot.createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: D.llmName,
        attributes: { model: D.model, provider: D.provider, streaming: false },
      });
    },
    async drain() {
      await tracing.flush();
      return received.clear();
    },
    shutdown: () => tracing.shutdown(),
  };
}
