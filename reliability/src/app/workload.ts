import { type AISpan, AISpanType, type AITracing, type RuntimeContext } from '@aitracing/core';
import type { AppGuard } from './app-guard';
import type { LatencyHistogram } from './latency-histogram';

/** Anything that starts root spans: a tracing instance or an `Observability`. */
export interface RootStarter {
  startSpan: AITracing['startSpan'];
}

/** How one simulated agent run looks. */
export interface TraceOptions {
  /** Spans in the trace, the root included (at least 1) */
  readonly spans: number;
  /** Put into span data under sensitive keys: must never reach a backend */
  readonly secret: string;
  readonly runtimeContext?: RuntimeContext;
  readonly guard: AppGuard;
  /** Records, per span, the app-side time of its start and end calls together */
  readonly latency?: LatencyHistogram;
  /** Simulated work before each span (an LLM or tool call); none when it returns undefined */
  readonly pause?: () => Promise<void> | undefined;
  /** Added to every span's metadata */
  readonly label?: string;
}

const MODELS = ['gpt-4o-mini', 'claude-3-5-haiku', 'gemini-2.0-flash'];
const NO_CLOCK = 0n;

/** A trace that was run: its id (empty when the root could not start) and the spans ended. */
export interface TraceResult {
  readonly traceId: string;
  readonly spans: number;
}

/**
 * One agent run: a root agent span, then LLM generations, tool and MCP calls
 * and workflow steps (each holding up to three children), `options.spans`
 * spans in all. Secrets go under sensitive keys at several depths. Every
 * tracing call goes through the guard.
 */
export async function runTrace(starter: RootStarter, options: TraceOptions): Promise<TraceResult> {
  const { guard, latency, secret, label } = options;
  const now = latency === undefined ? () => NO_CLOCK : () => process.hrtime.bigint();
  const record = (ns: bigint) => latency?.record(Number(ns));

  let started = now();
  const root = guard.call(() =>
    starter.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support-agent',
      attributes: { agentId: 'support-agent', maxSteps: options.spans },
      input: { question: 'Where is my order?', credentials: { apiKey: secret } },
      metadata: { label, authorization: `Bearer ${secret}`, sessionId: 'session-1' },
      runtimeContext: options.runtimeContext,
    }),
  );
  let rootNs = now() - started;
  if (root === undefined) return { traceId: '', spans: 0 };

  let ended = 0;
  let step: AISpan<AISpanType> | undefined;
  let stepNs = NO_CLOCK;
  let stepChildren = 0;
  const endStep = () => {
    const closing = step;
    step = undefined;
    const at = now();
    guard.call(() => closing?.end({ output: { done: true } }));
    record(stepNs + (now() - at));
    ended++;
  };

  for (let index = 1; index < options.spans; index++) {
    const pause = options.pause?.();
    if (pause !== undefined) await pause;
    const kind = index % 4;
    started = now();
    if (kind === 0 && step === undefined && options.spans - index > 3) {
      step = guard.call(() =>
        root.createChildSpan({
          type: AISpanType.WORKFLOW_STEP,
          name: `step-${index}`,
          attributes: { stepId: `step-${index}` },
          metadata: { label },
        }),
      );
      stepNs = now() - started;
      stepChildren = 0;
      continue;
    }
    const parent = step ?? root;
    const span = guard.call(() =>
      kind === 1
        ? parent.createChildSpan({
            type: AISpanType.LLM_GENERATION,
            name: 'answer',
            attributes: {
              model: MODELS[index % MODELS.length],
              provider: 'openai',
              parameters: { temperature: 0.2 },
            },
            input: [{ role: 'user', content: `question ${index}` }],
            metadata: { label, config: { openaiApiKey: secret } },
          })
        : parent.createChildSpan({
            type: kind === 2 ? AISpanType.TOOL_CALL : AISpanType.MCP_TOOL_CALL,
            name: kind === 2 ? 'lookup-order' : 'track-parcel',
            attributes: kind === 2 ? { toolId: 'lookup' } : { toolId: 'track', mcpServer: 'carrier' },
            input: { orderId: index, headers: { 'x-api-key': secret } },
            metadata: { label },
          }),
    );
    guard.call(() =>
      span?.end(
        kind === 1
          ? {
              output: 'It shipped.',
              attributes: { usage: { promptTokens: 100 + index, completionTokens: 20 } },
            }
          : { output: { status: 'shipped', token: secret } },
      ),
    );
    record(now() - started);
    ended++;
    if (step !== undefined && ++stepChildren >= 3) endStep();
  }
  if (step !== undefined) endStep();
  started = now();
  guard.call(() => root.end({ output: { answer: 'It shipped.', password: secret } }));
  rootNs += now() - started;
  record(rootNs);
  ended++;
  return { traceId: root.traceId, spans: ended };
}
