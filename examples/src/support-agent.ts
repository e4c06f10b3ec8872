import { type AISpan, AISpanType, type SpanStarter } from '@aitracing/core';
import { type ChatMessage, DEMO_MODEL, fakeCompletion } from './fake-llm';
import { CARRIER_MCP_SERVER, createOrderService, trackParcel } from './fake-services';

const INSTRUCTIONS =
  'You are a support agent for an online shop. Use the tools to answer questions about orders.';
const MAX_ATTEMPTS = 2;

/** The (simulated) prompt registry entry the final answer is rendered from. */
export const SUPPORT_PROMPT = { name: 'support-answer', version: 3 } as const;

/** What the agent answers, with the trace id the app hands back for feedback. */
export interface SupportAnswer {
  readonly text: string;
  /** Id of the agent's trace: a feedback endpoint scores it later */
  readonly traceId: string;
}

/**
 * Run `call` as a traced tool call, retrying once: each attempt is its own
 * span, so a failed attempt stays visible next to the one that worked.
 */
async function callTool<T>(
  agent: AISpan<AISpanType.AGENT_RUN>,
  toolId: string,
  input: unknown,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const span = agent.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: toolId,
      attributes: { toolId, toolType: 'function' },
      metadata: { attempt },
      input,
    });
    try {
      const output = await call();
      span.end({ output, attributes: { success: true } });
      return output;
    } catch (error) {
      span.error({ error: error as Error, attributes: { success: false } });
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * A simulated support agent: a streamed planning generation, an order lookup
 * whose first attempt times out and is retried, a parcel-tracking call to an
 * MCP server, and a final answer. Deterministic, no network.
 */
export async function runSupportAgent(tracing: SpanStarter, question: string): Promise<SupportAnswer> {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: {
      agentId: 'support-agent',
      instructions: INSTRUCTIONS,
      availableTools: ['lookup-order', 'track_parcel'],
      maxSteps: 5,
    },
    // The API key never leaves the process: the sensitive-data filter redacts it.
    metadata: { apiKey: 'sk-demo-never-exported' },
    input: question,
  });
  try {
    const messages: ChatMessage[] = [
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: question },
    ];

    const plan = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      attributes: {
        ...DEMO_MODEL,
        streaming: true,
        resultType: 'tool_selection',
        parameters: { temperature: 0 },
      },
      input: messages,
    });
    const planned = await fakeCompletion({
      messages,
      reply: 'I will look up order 1234, then ask the carrier where the parcel is.',
      finishReason: 'tool_calls',
      onChunk: (delta, sequenceNumber) => {
        plan.createEventSpan({
          type: AISpanType.LLM_CHUNK,
          name: 'chunk',
          attributes: { chunkType: 'text-delta', sequenceNumber },
          output: delta,
        });
      },
    });
    plan.end({
      output: planned.text,
      attributes: { usage: planned.usage, finishReason: planned.finishReason },
    });

    const orders = createOrderService();
    const order = await callTool(agent, 'lookup-order', { orderId: '1234' }, () =>
      orders.lookupOrder('1234'),
    );

    const tracking = agent.createChildSpan({
      type: AISpanType.MCP_TOOL_CALL,
      name: 'track_parcel',
      attributes: { toolId: 'track_parcel', mcpServer: CARRIER_MCP_SERVER, serverVersion: '1.4.0' },
      input: { trackingNumber: order.trackingNumber },
    });
    const parcel = await trackParcel(order.trackingNumber);
    tracking.end({ output: parcel, attributes: { success: true } });

    const context: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: planned.text },
      { role: 'tool', content: JSON.stringify(order) },
      { role: 'tool', content: JSON.stringify(parcel) },
    ];
    const answer = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'answer',
      attributes: {
        ...DEMO_MODEL,
        resultType: 'response_generation',
        parameters: { temperature: 0.3 },
        // The managed prompt this answer was rendered from: backends link the generation to it.
        prompt: { name: SUPPORT_PROMPT.name, version: SUPPORT_PROMPT.version },
      },
      input: context,
    });
    const reply = await fakeCompletion({
      messages: context,
      reply: `Your order 1234 shipped with ${order.carrier}. The parcel is at the ${parcel.location} and should arrive on ${parcel.estimatedDelivery}.`,
    });
    answer.end({ output: reply.text, attributes: { usage: reply.usage, finishReason: reply.finishReason } });

    agent.end({ output: reply.text });
    return { text: reply.text, traceId: agent.traceId };
  } catch (error) {
    agent.error({ error: error as Error });
    throw error;
  }
}
