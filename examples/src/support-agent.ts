import { AISpanType, type AITracing } from '@aitracing/core';
import { fakeCompletion } from './fake-llm';

/**
 * A simulated support agent: plan with the LLM, call a tool, answer with a
 * streamed generation. Deterministic, no network.
 */
export async function runSupportAgent(tracing: AITracing, question: string): Promise<string> {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent', availableTools: ['lookup-order'], maxSteps: 5 },
    metadata: { userId: 'user-42', apiKey: 'sk-demo-never-exported' },
    input: question,
  });

  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: { model: 'gpt-4o-mini', provider: 'openai', parameters: { temperature: 0 } },
    input: [{ role: 'user', content: question }],
  });
  const planned = await fakeCompletion(question, 'lookup-order({"orderId":"1234"})', true);
  plan.end({
    output: planned.text,
    attributes: { usage: planned.usage, finishReason: planned.finishReason },
  });

  const tool = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    input: { orderId: '1234' },
  });
  const order = { orderId: '1234', status: 'shipped', carrier: 'DHL' };
  tool.end({ output: order, attributes: { toolId: 'lookup-order', success: true } });

  const answer = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'answer',
    attributes: { model: 'gpt-4o-mini', provider: 'openai', streaming: true },
  });
  const reply = await fakeCompletion(JSON.stringify(order), 'Your order 1234 has shipped with DHL.');
  reply.text.split(' ').forEach((word, sequenceNumber) => {
    answer.createEventSpan({
      type: AISpanType.LLM_CHUNK,
      name: 'chunk',
      attributes: { chunkType: 'text-delta', sequenceNumber },
      output: word,
    });
  });
  answer.end({ output: reply.text, attributes: { usage: reply.usage, finishReason: reply.finishReason } });

  agent.end({ output: reply.text });
  return reply.text;
}
