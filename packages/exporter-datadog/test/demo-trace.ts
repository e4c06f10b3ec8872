import { AISpanType, type DefaultAITracing, type LLMGenerationAttributes } from '@aitracing/core';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Names of the demo agent trace's spans, parent first: `[name, parent name]`. */
export const DEMO_AGENT_TREE: ReadonlyArray<readonly [string, string | undefined]> = [
  ['support-agent', undefined],
  ['plan', 'support-agent'],
  ['lookup-order', 'support-agent'],
  ['lookup-order (retry)', 'support-agent'],
  ['get-tracking', 'support-agent'],
  ['answer', 'support-agent'],
];

/** Names of the demo workflow trace's spans: `[name, parent name]`. */
export const DEMO_WORKFLOW_TREE: ReadonlyArray<readonly [string, string | undefined]> = [
  ['order-pipeline', undefined],
  ['validate', 'order-pipeline'],
  ['route', 'order-pipeline'],
  ['is-express', 'route'],
  ['fan-out', 'order-pipeline'],
  ['notify', 'fan-out'],
  ['retry-loop', 'order-pipeline'],
  ['backoff', 'retry-loop'],
  ['await-approval', 'order-pipeline'],
  ['audit', 'order-pipeline'],
];

/**
 * The demo agent: a streamed LLM call with chunk events, a tool that fails once
 * and is retried, an MCP tool, and a final LLM answer.
 */
export async function runDemoAgent(tracing: DefaultAITracing): Promise<void> {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent', maxSteps: 5, instructions: 'Be brief.' },
    input: 'Where is my order 42?',
    metadata: { sessionId: 'session-1', userId: 'user-7', tags: ['demo', 'tier:gold'], channel: 'chat' },
  });
  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: {
      model: 'gpt-4o-mini',
      provider: 'openai',
      streaming: true,
      parameters: { temperature: 0.2, maxOutputTokens: 256 },
    },
    input: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is my order 42?' },
    ],
  });
  await pause(3);
  plan.createEventSpan({
    type: AISpanType.LLM_CHUNK,
    name: 'chunk',
    output: 'Let me ',
    attributes: { chunkType: 'text-delta', sequenceNumber: 0 },
  });
  await pause(1);
  plan.createEventSpan({
    type: AISpanType.LLM_CHUNK,
    name: 'chunk',
    output: 'look that up.',
    attributes: { chunkType: 'text-delta', sequenceNumber: 1 },
  });
  plan.end({
    output: 'Let me look that up.',
    attributes: {
      usage: { promptTokens: 812, completionTokens: 64, totalTokens: 876, promptCacheHitTokens: 512 },
      finishReason: 'tool-calls',
    },
  });

  const failing = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    attributes: { toolId: 'lookup-order', toolType: 'function' },
    input: { orderId: 42 },
  });
  await pause(2);
  failing.error({ error: new TypeError('upstream timeout'), attributes: { success: false } });
  const retry = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order (retry)',
    attributes: { toolId: 'lookup-order', toolType: 'function' },
    input: { orderId: 42 },
  });
  await pause(2);
  retry.end({ output: { status: 'shipped', carrier: 'UPS' }, attributes: { success: true } });

  const mcp = agent.createChildSpan({
    type: AISpanType.MCP_TOOL_CALL,
    name: 'get-tracking',
    attributes: { toolId: 'get-tracking', mcpServer: 'carrier-mcp', serverVersion: '1.2.0' },
    input: { carrier: 'UPS', orderId: 42 },
  });
  await pause(2);
  mcp.end({ output: { eta: 'tomorrow' }, attributes: { success: true } });

  const answer = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'answer',
    attributes: { model: 'claude-3-5-haiku', provider: 'anthropic' },
    input: 'Order 42 shipped with UPS, arriving tomorrow. Tell the user.',
  });
  await pause(2);
  answer.end({
    output: 'It shipped and arrives tomorrow.',
    attributes: {
      usage: { promptTokens: 120, completionTokens: 9 },
      finishReason: 'stop',
      cost: { input: 0.0001, output: 0.00002, total: 0.00012, currency: 'USD' },
    } as Partial<LLMGenerationAttributes>,
  });
  agent.end({ output: 'It shipped and arrives tomorrow.' });
}

/** The demo workflow: steps, a conditional, parallel branches, a loop, a sleep, a wait and a custom span. */
export async function runDemoWorkflow(tracing: DefaultAITracing): Promise<void> {
  const workflow = tracing.startSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'order-pipeline',
    attributes: { workflowId: 'order-pipeline', runId: 'run-1' },
    input: { orderId: 42 },
  });
  const validate = workflow.createChildSpan({
    type: AISpanType.WORKFLOW_STEP,
    name: 'validate',
    attributes: { stepId: 'validate' },
  });
  await pause(1);
  validate.end({ output: { valid: true }, attributes: { status: 'success' } });
  const route = workflow.createChildSpan({ type: AISpanType.WORKFLOW_CONDITIONAL, name: 'route' });
  const check = route.createChildSpan({
    type: AISpanType.WORKFLOW_CONDITIONAL_EVAL,
    name: 'is-express',
    attributes: { conditionIndex: 0 },
  });
  check.end({ attributes: { result: false } });
  route.end({ attributes: { conditionCount: 1, truthyIndexes: [] } });
  const fanOut = workflow.createChildSpan({
    type: AISpanType.WORKFLOW_PARALLEL,
    name: 'fan-out',
    attributes: { branchCount: 1 },
  });
  const notify = fanOut.createChildSpan({
    type: AISpanType.WORKFLOW_STEP,
    name: 'notify',
    attributes: { stepId: 'notify' },
  });
  await pause(1);
  notify.end({ attributes: { status: 'success' } });
  fanOut.end();
  const loop = workflow.createChildSpan({
    type: AISpanType.WORKFLOW_LOOP,
    name: 'retry-loop',
    attributes: { loopType: 'dowhile' },
  });
  const backoff = loop.createChildSpan({
    type: AISpanType.WORKFLOW_SLEEP,
    name: 'backoff',
    attributes: { durationMs: 1, sleepType: 'fixed' },
  });
  await pause(1);
  backoff.end();
  loop.end({ attributes: { totalIterations: 1 } });
  const wait = workflow.createChildSpan({
    type: AISpanType.WORKFLOW_WAIT_EVENT,
    name: 'await-approval',
    attributes: { eventName: 'approved', timeoutMs: 1000 },
  });
  wait.end({ attributes: { eventReceived: true, waitDurationMs: 1 } });
  const audit = workflow.createChildSpan({ type: AISpanType.GENERIC, name: 'audit', input: 'order 42' });
  audit.end({ output: 'ok' });
  workflow.end({ output: { shipped: true }, attributes: { status: 'success' } });
}
