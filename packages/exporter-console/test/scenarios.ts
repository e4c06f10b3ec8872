import { AISpanType, type AITracing, type LLMGenerationAttributes } from '@aitracing/core';

/**
 * An agent run: a streamed plan, a tool call that fails and its retry (which
 * calls an MCP tool), and a priced final answer.
 */
export function runAgentScenario(tracing: AITracing): void {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent', maxSteps: 5 },
    metadata: { userId: 'user-42', apiKey: 'sk-live-secret' },
    input: 'Where is my order 1234?',
  });
  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: { model: 'gpt-4o-mini', provider: 'openai', streaming: true },
    input: [{ role: 'user', content: 'Where is my order 1234?' }],
  });
  ['I will ', 'look it ', 'up.'].forEach((text, sequenceNumber) => {
    plan.createEventSpan({
      type: AISpanType.LLM_CHUNK,
      name: 'chunk',
      attributes: { chunkType: 'text-delta', sequenceNumber },
      output: text,
    });
  });
  plan.end({
    output: 'I will look it up.',
    attributes: {
      usage: { promptTokens: 812, completionTokens: 64, totalTokens: 876 },
      finishReason: 'tool_calls',
    },
  });

  const failed = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    attributes: { toolId: 'orders.lookup' },
    input: { orderId: '1234' },
  });
  failed.error({
    error: Object.assign(new Error('order service timed out'), { name: 'TimeoutError', status: 504 }),
    attributes: { success: false },
  });
  const retry = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    attributes: { toolId: 'orders.lookup' },
    input: { orderId: '1234' },
  });
  const track = retry.createChildSpan({
    type: AISpanType.MCP_TOOL_CALL,
    name: 'track-parcel',
    attributes: { toolId: 'track_parcel', mcpServer: 'carrier-mcp' },
    input: { trackingNumber: 'DHL-42' },
  });
  track.end({ output: { status: 'in transit' }, attributes: { success: true } });
  retry.end({ output: { orderId: '1234', status: 'shipped' }, attributes: { success: true } });

  const answer = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'answer',
    attributes: { model: 'gpt-4o-mini', provider: 'openai' },
  });
  // Cost is not an LLM attribute yet (a cost processor will add it); the exporter shows it when present.
  const priced: LLMGenerationAttributes & { cost: Record<string, unknown> } = {
    usage: { promptTokens: 950, completionTokens: 12 },
    finishReason: 'stop',
    cost: { input: 0.0001425, output: 0.0000072, total: 0.0001497, currency: 'USD' },
  };
  answer.end({ output: 'Your order 1234 has shipped.', attributes: priced });
  agent.end({ output: 'Your order 1234 has shipped.' });
}

/**
 * A workflow run: a step, a conditional with two evaluations, the selected
 * step, a parallel block whose second branch ends first, a loop, and a
 * skipped step.
 */
export function runWorkflowScenario(tracing: AITracing): void {
  const run = tracing.startSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'fulfil-order',
    attributes: { workflowId: 'fulfil-order', runId: 'run-1' },
    input: { orderId: '1234' },
  });
  run
    .createChildSpan({
      type: AISpanType.WORKFLOW_STEP,
      name: 'validate-order',
      attributes: { stepNumber: 1 },
    })
    .end({ output: { valid: true }, attributes: { status: 'success' } });

  const conditional = run.createChildSpan({
    type: AISpanType.WORKFLOW_CONDITIONAL,
    name: 'choose-shipping',
    attributes: { conditionCount: 2 },
  });
  [true, false].forEach((result, conditionIndex) => {
    conditional
      .createChildSpan({
        type: AISpanType.WORKFLOW_CONDITIONAL_EVAL,
        name: `condition-${conditionIndex}`,
        attributes: { conditionIndex },
      })
      .end({ attributes: { result } });
  });
  conditional.end({ attributes: { truthyIndexes: [0], selectedSteps: ['express-shipping'] } });
  run
    .createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'express-shipping' })
    .end({ attributes: { status: 'success' } });

  const parallel = run.createChildSpan({
    type: AISpanType.WORKFLOW_PARALLEL,
    name: 'prepare',
    attributes: { branchCount: 2, parallelSteps: ['reserve-stock', 'charge-payment'] },
  });
  const reserve = parallel.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'reserve-stock' });
  const charge = parallel.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'charge-payment' });
  charge.end({ attributes: { status: 'success' } });
  reserve.end({ attributes: { status: 'success' } });
  parallel.end();

  const loop = run.createChildSpan({
    type: AISpanType.WORKFLOW_LOOP,
    name: 'notify-customer',
    attributes: { loopType: 'foreach', totalIterations: 2 },
  });
  for (const channel of ['email', 'sms']) {
    loop
      .createChildSpan({
        type: AISpanType.WORKFLOW_STEP,
        name: `notify-${channel}`,
        attributes: { stepId: 'notify' },
      })
      .end({ attributes: { status: 'success' } });
  }
  loop.end();
  run
    .createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'gift-wrap' })
    .end({ attributes: { status: 'skipped' } });
  run.end({ output: { shipped: true }, attributes: { status: 'success' } });
}
