import { AISpanType, getCurrentSpan, Observability, traced, withSpan } from '@aitracing/core';
import { OtelExporter } from '@aitracing/exporter-otel';

/** How the app nests its spans: through async context, or with explicit parents (browsers). */
export type Nesting = 'context' | 'explicit';

/** What an app reports back to the test. */
export interface TraceRun {
  readonly traceId: string;
  /** `getCurrentSpan()` is the agent span in the synchronous part of `withSpan`. */
  readonly currentBeforeAwait: boolean;
  /** ... and still after an `await` (false in browsers, where there is no async context). */
  readonly currentAfterAwait: boolean;
}

/** An `Observability` sending OTLP/JSON over `fetch` to the loopback receiver. */
export function createObservability(receiverUrl: string, serviceName: string): Observability {
  return new Observability({
    default: {
      enabled: true,
      exporters: [
        new OtelExporter({ endpoint: `${receiverUrl}/v1/traces`, protocol: 'http/json', serviceName }),
      ],
    },
  });
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * The small agent trace every runtime sends: support-agent → plan (LLM),
 * support-agent → lookup-order (tool) → summarize (LLM), with a timer between
 * every step so nesting has to survive `await`.
 */
export async function runAgentTrace(observability: Observability, nesting: Nesting): Promise<TraceRun> {
  const agent = observability.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent' },
    input: 'Where is my order?',
  });
  let currentBeforeAwait = false;
  let currentAfterAwait = false;
  if (nesting === 'context') {
    await withSpan(agent, async () => {
      currentBeforeAwait = getCurrentSpan() === agent;
      await traced(
        { type: AISpanType.LLM_GENERATION, name: 'plan', attributes: { model: 'gpt-4o-mini' } },
        async () => {
          await pause();
          return 'call lookup-order';
        },
      );
      currentAfterAwait = getCurrentSpan() === agent;
      await traced({ type: AISpanType.TOOL_CALL, name: 'lookup-order', input: { id: 42 } }, async () => {
        await pause();
        return traced(
          { type: AISpanType.LLM_GENERATION, name: 'summarize', attributes: { model: 'gpt-4o' } },
          () => pause().then(() => 'It shipped.'),
        );
      });
    });
  } else {
    withSpan(agent, () => {
      currentBeforeAwait = getCurrentSpan() === agent;
    });
    const plan = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      attributes: { model: 'gpt-4o-mini' },
    });
    await pause();
    plan.end({ output: 'call lookup-order' });
    await withSpan(agent, async () => {
      await pause();
      currentAfterAwait = getCurrentSpan() === agent;
    });
    const tool = agent.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: 'lookup-order',
      input: { id: 42 },
    });
    await pause();
    const summarize = tool.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'summarize',
      attributes: { model: 'gpt-4o' },
    });
    await pause();
    summarize.end({ output: 'It shipped.' });
    tool.end({ output: { status: 'shipped' } });
  }
  agent.end({ output: 'It shipped.' });
  return { traceId: agent.traceId, currentBeforeAwait, currentAfterAwait };
}

/** Tell the receiver that `flush()` has resolved for this trace: what it holds now is what flush delivered. */
export async function reportFlushed(receiverUrl: string, run: TraceRun, runtime: string): Promise<void> {
  const query = new URLSearchParams({
    trace: run.traceId,
    runtime,
    before: String(run.currentBeforeAwait),
    after: String(run.currentAfterAwait),
  });
  const response = await fetch(`${receiverUrl}/flushed?${query}`, { method: 'POST' });
  await response.arrayBuffer();
}
