import { AISpanType, DefaultAITracing, traced, tracedAsync } from '@aitracing/core';
import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CHILDREN_PER_TRACE, TRACE_DATA as D } from '../workload/trace-shape';
import { aitracingTrace, RingExporter } from './aitracing';
import { RingSpanExporter } from './otel-sdk';

/** A contender of scenario 10: one trace whose spans find their parent in the async context. */
export interface ContextContender {
  readonly name: string;
  readonly role: 'ours' | 'anchor';
  /** One standard trace (1 root + 10 children); a promise when the functions are async. */
  trace(): void | Promise<void>;
  /** Spans each trace delivers (0 when sampled out). */
  readonly exportedPerTrace: number;
  /** Waits for delivery, empties the exporter, returns how many spans it received. */
  drain(): Promise<number>;
  shutdown(): Promise<void>;
}

/** Names of scenario 10's contenders. */
export const CONTEXT_NAMES = {
  tracedSync: 'aitracing traced(), sync functions',
  tracedAsync: 'aitracing tracedAsync(), async functions, awaited',
  tracedSampledOut: 'aitracing traced(), sampled out',
  explicitParent: 'aitracing, explicit parent (no context; scenario 1)',
  otelSync: 'OpenTelemetry SDK 2.12 startActiveSpan (AsyncLocalStorage), sync',
  otelAsync: 'OpenTelemetry SDK 2.12 startActiveSpan (AsyncLocalStorage), async, awaited',
} as const;

const ROOT = { type: AISpanType.AGENT_RUN, name: D.agentName, input: D.input } as const;
// Known when the child starts in this benchmark, so given at start (one call, as a user would).
const CHILD = {
  type: AISpanType.LLM_GENERATION,
  name: D.llmName,
  attributes: {
    model: D.model,
    provider: D.provider,
    streaming: false,
    usage: { promptTokens: D.promptTokens, completionTokens: D.completionTokens, totalTokens: D.totalTokens },
    finishReason: D.finishReason,
  },
} as const;

function llmOutput(): string {
  return D.llmOutput;
}

async function llmOutputAsync(): Promise<string> {
  return D.llmOutput;
}

type RootOptions = typeof ROOT & { readonly tracing: DefaultAITracing };

function ours(
  name: string,
  sampled: boolean,
  trace: (tracing: DefaultAITracing, root: RootOptions) => void | Promise<void>,
) {
  const exporter = new RingExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'bench',
    sampling: { type: sampled ? 'always' : 'never' },
    exporters: [exporter],
  });
  // Built once: the root's options name the instance (no registry lookup).
  const root: RootOptions = { ...ROOT, tracing };
  return {
    name,
    role: (name === CONTEXT_NAMES.explicitParent ? 'anchor' : 'ours') as 'ours' | 'anchor',
    exportedPerTrace: sampled ? CHILDREN_PER_TRACE + 1 : 0,
    trace: () => trace(tracing, root),
    async drain() {
      await tracing.flush();
      return exporter.spans.clear();
    },
    shutdown: () => tracing.shutdown(),
  } satisfies ContextContender;
}

function tracedTrace(_tracing: DefaultAITracing, root: RootOptions): void {
  traced(root, () => {
    for (let index = 0; index < CHILDREN_PER_TRACE; index++) traced(CHILD, llmOutput);
    return D.rootOutput;
  });
}

async function tracedAsyncTrace(_tracing: DefaultAITracing, root: RootOptions): Promise<void> {
  await tracedAsync(root, async () => {
    for (let index = 0; index < CHILDREN_PER_TRACE; index++) await tracedAsync(CHILD, llmOutputAsync);
    return D.rootOutput;
  });
}

function otel(name: string, asynchronous: boolean): ContextContender {
  // This process measures one contender: the global context manager is its own.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new RingSpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer: Tracer = provider.getTracer('bench');
  const childAttributes = {
    'gen_ai.request.model': D.model,
    'gen_ai.provider.name': D.provider,
    'aitracing.streaming': false,
    'gen_ai.usage.input_tokens': D.promptTokens,
    'gen_ai.usage.output_tokens': D.completionTokens,
    'aitracing.usage.total_tokens': D.totalTokens,
    'gen_ai.response.finish_reasons': [D.finishReason],
  };
  const syncTrace = (): void => {
    tracer.startActiveSpan(D.agentName, { attributes: { input: D.input } }, (root) => {
      for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
        tracer.startActiveSpan(D.llmName, { attributes: childAttributes }, (child) => {
          child.setAttribute('output', llmOutput());
          child.end();
        });
      }
      root.setAttribute('output', D.rootOutput);
      root.end();
    });
  };
  const asyncTrace = (): Promise<void> =>
    tracer.startActiveSpan(D.agentName, { attributes: { input: D.input } }, async (root) => {
      for (let index = 0; index < CHILDREN_PER_TRACE; index++) {
        await tracer.startActiveSpan(D.llmName, { attributes: childAttributes }, async (child) => {
          child.setAttribute('output', await llmOutputAsync());
          child.end();
        });
      }
      root.setAttribute('output', D.rootOutput);
      root.end();
    });
  return {
    name,
    role: 'anchor',
    exportedPerTrace: CHILDREN_PER_TRACE + 1,
    trace: asynchronous ? asyncTrace : syncTrace,
    async drain() {
      await provider.forceFlush();
      return exporter.spans.clear();
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Creates the named contender of scenario 10. */
export function createContextContender(name: string): ContextContender {
  switch (name) {
    case CONTEXT_NAMES.tracedSync:
      return ours(name, true, tracedTrace);
    case CONTEXT_NAMES.tracedAsync:
      return ours(name, true, tracedAsyncTrace);
    case CONTEXT_NAMES.tracedSampledOut:
      return ours(name, false, tracedTrace);
    case CONTEXT_NAMES.explicitParent:
      return ours(name, true, aitracingTrace);
    case CONTEXT_NAMES.otelSync:
      return otel(name, false);
    case CONTEXT_NAMES.otelAsync:
      return otel(name, true);
    default:
      throw new Error(`unknown contender "${name}"`);
  }
}
