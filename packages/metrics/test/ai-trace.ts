import { AISpanType, type AITracing } from '@aitracing/core';

/**
 * A small agent trace: a streamed generation (one chunk event), a tool call
 * that fails and its retry, an MCP tool and a second generation, all on
 * `gpt-4o`. Tokens: input 320, output 20, cached 100.
 */
export function runAgentTrace(tracing: AITracing, model = 'gpt-4o'): void {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'agent',
    attributes: { agentId: 'a' },
  });
  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: { model, provider: 'openai', streaming: true },
  });
  plan.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: 'Let me' });
  plan.end({ attributes: { usage: { promptTokens: 120, completionTokens: 12, promptCacheHitTokens: 100 } } });
  agent
    .createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup', attributes: { toolId: 'lookup-order' } })
    .error({ error: new Error('upstream timeout') });
  agent
    .createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup', attributes: { toolId: 'lookup-order' } })
    .end();
  agent
    .createChildSpan({
      type: AISpanType.MCP_TOOL_CALL,
      name: 'carrier',
      attributes: { toolId: 'carrier.status', mcpServer: 'carrier-mcp' },
    })
    .end();
  agent
    .createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'answer',
      attributes: { model, provider: 'openai' },
    })
    .end({ attributes: { usage: { promptTokens: 200, completionTokens: 8 } } });
  agent.end();
}
