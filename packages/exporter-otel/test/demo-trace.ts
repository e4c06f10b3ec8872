import { AISpanType, type AITracing } from '@aitracing/core';

/** Ids of the spans `runDemoTrace` created, by role. */
export interface DemoTraceIds {
  traceId: string;
  agent: string;
  plan: string;
  failedTool: string;
  retriedTool: string;
  mcpTool: string;
  answer: string;
  workflowTraceId: string;
}

/**
 * A demo-like agent trace (streamed LLM with chunk events, a tool that fails
 * once and is retried, an MCP tool, a final LLM) and a workflow trace.
 */
export function runDemoTrace(tracing: AITracing): DemoTraceIds {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent-1', instructions: 'Be helpful.', maxSteps: 5 },
    metadata: { sessionId: 'session-42', userId: 'user-7', tier: 'gold' },
    input: 'Where is my order?',
  });
  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: {
      model: 'gpt-4o',
      provider: 'openai',
      streaming: true,
      parameters: { temperature: 0.2, maxOutputTokens: 256, topP: 0.9, stopSequences: ['END'] },
    },
    input: [
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: 'Where is my order?' },
    ],
  });
  plan.createEventSpan({
    type: AISpanType.LLM_CHUNK,
    name: 'chunk',
    attributes: { chunkType: 'text-delta', sequenceNumber: 0 },
    output: 'Let me',
  });
  plan.end({
    output: 'Let me check.',
    attributes: {
      finishReason: 'tool_calls',
      usage: { promptTokens: 120, completionTokens: 12, totalTokens: 132, promptCacheHitTokens: 100 },
    },
  });
  const failedTool = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    attributes: { toolId: 'lookup-order', toolDescription: 'Finds an order' },
    input: { orderId: 'A-1' },
  });
  failedTool.error({ error: Object.assign(new Error('upstream timeout'), { code: 'ETIMEDOUT' }) });
  const retriedTool = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    attributes: { toolId: 'lookup-order' },
    input: { orderId: 'A-1' },
  });
  retriedTool.end({ output: { status: 'shipped' }, attributes: { success: true } });
  const mcpTool = agent.createChildSpan({
    type: AISpanType.MCP_TOOL_CALL,
    name: 'carrier-status',
    attributes: { toolId: 'carrier.status', mcpServer: 'carrier-mcp', serverVersion: '1.2.0' },
    input: { tracking: 'Z9' },
  });
  mcpTool.end({ output: 'in transit', attributes: { success: true } });
  const answer = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'answer',
    attributes: { model: 'gpt-4o', provider: 'openai' },
  });
  answer.end({
    output: 'Your order is in transit.',
    attributes: { finishReason: 'stop', usage: { promptTokens: 200, completionTokens: 8, totalTokens: 208 } },
  });
  agent.end({ output: 'Your order is in transit.' });

  const workflow = tracing.startSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'refund-flow',
    attributes: { workflowId: 'refund', runId: 'run-1' },
  });
  workflow
    .createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'validate', attributes: { stepId: 'validate' } })
    .end({ attributes: { status: 'success' } });
  workflow.end({ attributes: { status: 'success' } });

  return {
    traceId: agent.traceId,
    agent: agent.id,
    plan: plan.id,
    failedTool: failedTool.id,
    retriedTool: retriedTool.id,
    mcpTool: mcpTool.id,
    answer: answer.id,
    workflowTraceId: workflow.traceId,
  };
}
