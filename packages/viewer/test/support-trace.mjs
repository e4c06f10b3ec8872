// Writes traces like the demo's support agent (a streamed plan, a tool that fails then succeeds,
// an MCP call, an answer; two lookups in parallel) into DIR with the file exporter. Run as a child process.
import { AISpanType, Observability } from '@aitracing/core';
import { FileExporter } from '@aitracing/exporter-file';

const observability = new Observability({
  configs: {
    app: { serviceName: 'support-app', exporters: [new FileExporter({ directory: process.env.DIR })] },
  },
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const messages = [
  { role: 'system', content: 'You are a support agent.' },
  { role: 'user', content: 'Where is my order 1234?' },
];

async function supportAgent(question, userId) {
  const agent = observability.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'support-agent' },
    metadata: { userId, sessionId: `session-${userId}` },
    input: question,
  });
  const plan = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'plan',
    attributes: { model: 'gpt-4o-mini', provider: 'openai', streaming: true },
    input: messages,
  });
  await sleep(5);
  plan.update({ attributes: { completionStartTime: Date.now() } });
  await sleep(5);
  plan.end({
    output: 'Look up the order.',
    attributes: { usage: { promptTokens: 120, completionTokens: 12 } },
  });
  const failed = agent.createChildSpan({
    type: AISpanType.TOOL_CALL,
    name: 'lookup-order',
    input: { orderId: '1234' },
  });
  await sleep(3);
  failed.error({ error: new Error('order service timed out'), attributes: { success: false } });
  const [left, right] = [
    agent.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup-order', input: { orderId: '1234' } }),
    agent.createChildSpan({
      type: AISpanType.MCP_TOOL_CALL,
      name: 'track_parcel',
      attributes: { toolId: 'track_parcel', mcpServer: 'carrier' },
    }),
  ];
  await sleep(6);
  left.end({ output: { status: 'shipped' }, attributes: { success: true } });
  right.end({ output: { location: 'depot' }, attributes: { success: true } });
  const answer = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'answer',
    attributes: { model: 'gpt-4o', provider: 'openai' },
    input: [...messages, { role: 'tool', content: '{"status":"shipped"}' }],
  });
  await sleep(4);
  answer.end({
    output: { role: 'assistant', content: 'Your order shipped.' },
    attributes: { usage: { promptTokens: 300, completionTokens: 40 } },
  });
  agent.end({ output: 'Your order shipped.' });
}

async function orderWorkflow() {
  const workflow = observability.startSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'order-workflow',
    attributes: { workflowId: 'order' },
  });
  const step = workflow.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'charge-card' });
  await sleep(3);
  step.end();
  workflow.end({ attributes: { status: 'success' } });
}

await supportAgent('Where is my order 1234?', 'user-42');
await orderWorkflow();
await observability.shutdown();
