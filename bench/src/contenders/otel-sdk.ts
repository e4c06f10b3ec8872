import { type Context, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { CHILDREN_PER_TRACE, TRACE_DATA as D } from '../workload/trace-shape';
import type { TracerContender } from './contender';
import type { PayloadText } from './payload-text';
import { SpanRing } from './span-ring';

/** Which OpenTelemetry pipeline the contender uses. */
export type OtelPipeline = 'simple' | 'batch' | 'always-off';

// ExportResultCode.SUCCESS, without a dependency on @opentelemetry/core.
const SUCCESS = { code: 0 } as const;

/**
 * The in-memory exporter of the OpenTelemetry anchors: holds the last spans
 * it received (see `SpanRing`), does nothing else.
 */
export class RingSpanExporter implements SpanExporter {
  readonly spans = new SpanRing<ReadableSpan>();
  export(spans: ReadableSpan[], resultCallback: (result: { code: number }) => void): void {
    for (const span of spans) this.spans.push(span);
    resultCallback(SUCCESS);
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * An in-memory exporter that reads each span's `input` and `output`
 * attributes (already JSON text: the app stringified them) and keeps them,
 * the counterpart of aitracing's `PayloadReadingExporter`.
 */
export class PayloadReadingSpanExporter implements SpanExporter {
  readonly texts = new SpanRing<PayloadText>();
  export(spans: ReadableSpan[], resultCallback: (result: { code: number }) => void): void {
    for (const span of spans) {
      const { input, output } = span.attributes;
      this.texts.push({
        input: typeof input === 'string' ? input : undefined,
        output: typeof output === 'string' ? output : undefined,
      });
    }
    resultCallback(SUCCESS);
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/** One standard trace with the OpenTelemetry API (GenAI attribute names, usage flattened). */
export function otelTrace(tracer: ReturnType<BasicTracerProvider['getTracer']>): void {
  const root = tracer.startSpan(D.agentName, {
    attributes: { 'gen_ai.agent.id': D.agentId, 'aitracing.max_steps': D.maxSteps, input: D.input },
  });
  const context: Context = trace.setSpan(ROOT_CONTEXT, root);
  for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
    const llm = tracer.startSpan(
      D.llmName,
      {
        attributes: {
          'gen_ai.request.model': D.model,
          'gen_ai.provider.name': D.provider,
          'aitracing.streaming': false,
        },
      },
      context,
    );
    llm.setAttributes({
      output: D.llmOutput,
      'gen_ai.usage.input_tokens': D.promptTokens,
      'gen_ai.usage.output_tokens': D.completionTokens,
      'aitracing.usage.total_tokens': D.totalTokens,
      'gen_ai.response.finish_reasons': [D.finishReason],
    });
    llm.end();
  }
  root.setAttribute('output', D.rootOutput);
  root.end();
}

/**
 * OpenTelemetry's `BasicTracerProvider` (sdk-trace-base 2.x) with a Simple
 * or Batch span processor and an in-memory exporter, or sampled out with
 * `AlwaysOffSampler`. Large input and output go where OpenTelemetry users
 * put them: JSON-stringified into span attributes.
 */
export function createOtelContender(
  name: string,
  pipeline: OtelPipeline,
  options: { readonly exporterReadsPayload?: boolean } = {},
): TracerContender {
  const exporter =
    options.exporterReadsPayload === true ? new PayloadReadingSpanExporter() : new RingSpanExporter();
  const received = exporter instanceof RingSpanExporter ? exporter.spans : exporter.texts;
  const processor: SpanProcessor =
    pipeline === 'batch' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    spanProcessors: [processor],
    ...(pipeline === 'always-off' ? { sampler: new AlwaysOffSampler() } : {}),
  });
  const tracer = provider.getTracer('bench');
  let openContext: Context | undefined;
  return {
    name,
    role: 'anchor',
    trace: () => otelTrace(tracer),
    largeSpan(input, output) {
      const span: Span = tracer.startSpan(D.agentName, { attributes: { input: JSON.stringify(input) } });
      span.setAttribute('output', JSON.stringify(output));
      span.end();
    },
    startOpenSpan() {
      openContext ??= trace.setSpan(ROOT_CONTEXT, tracer.startSpan(D.agentName));
      return tracer.startSpan(
        D.llmName,
        {
          attributes: {
            'gen_ai.request.model': D.model,
            'gen_ai.provider.name': D.provider,
            'aitracing.streaming': false,
          },
        },
        openContext,
      );
    },
    async drain() {
      await provider.forceFlush();
      return received.clear();
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The finished OpenTelemetry spans of `traces` standard traces (for encoding benchmarks). */
export function recordOtelSpans(traces: number): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  const collector: SpanExporter = {
    export(batch, resultCallback) {
      spans.push(...batch);
      resultCallback(SUCCESS);
    },
    shutdown: () => Promise.resolve(),
  };
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(collector)] });
  const tracer = provider.getTracer('bench');
  for (let index = 0; index < traces; index++) otelTrace(tracer);
  return spans;
}
