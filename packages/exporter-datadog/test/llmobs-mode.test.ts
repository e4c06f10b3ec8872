import './dd-env';
import { AISpanType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter } from '../src/index';
import { DEMO_AGENT_TREE, DEMO_WORKFLOW_TREE, runDemoAgent, runDemoWorkflow } from './demo-trace';
import { type AgentLLMObsSpan, FakeDatadogAgent } from './fake-datadog-agent';
import { llmobsTree, sorted, tagOf } from './wire-tree';

let agent: FakeDatadogAgent;
let memory: InMemoryExporter;
let exporter: DatadogExporter;
let tracing: DefaultAITracing;
const logger = new RecordingLogger();

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  process.env.DD_TRACE_AGENT_URL = agent.url;
  process.env.DD_ENV = 'test';
  memory = new InMemoryExporter();
  exporter = new DatadogExporter({ mlApp: 'support-bot' });
  tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [memory, exporter], logger });
});

afterAll(async () => {
  await tracing.shutdown();
  await agent.close();
});

const spanNamed = (name: string): ExportedAISpan => {
  const span = memory.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
};

describe('DatadogExporter in LLM Observability mode', () => {
  let wire: Map<string, AgentLLMObsSpan>;

  beforeAll(async () => {
    await runDemoAgent(tracing);
    await runDemoWorkflow(tracing);
    await tracing.flush();
    await agent.waitFor(() => agent.llmobsSpans.length >= 16, 10_000, '16 LLM Observability spans');
    wire = new Map(agent.llmobsSpans.map((span) => [span.name, span]));
  });

  it('sends every span of every type as one tree per trace, passing the agent checks', () => {
    expect(agent.violations).toEqual([]);
    expect(agent.llmobsSpans).toHaveLength(16);
    expect(sorted(llmobsTree(agent.llmobsSpans))).toEqual(
      sorted([...DEMO_AGENT_TREE, ...DEMO_WORKFLOW_TREE]),
    );
    const agentTrace = new Set(DEMO_AGENT_TREE.map(([name]) => wire.get(name)?.trace_id));
    const workflowTrace = new Set(DEMO_WORKFLOW_TREE.map(([name]) => wire.get(name)?.trace_id));
    expect(agentTrace.size).toBe(1);
    expect(workflowTrace.size).toBe(1);
    expect([...agentTrace][0]).not.toBe([...workflowTrace][0]);
  });

  it('maps span types to LLM Observability kinds', () => {
    const kinds = Object.fromEntries(agent.llmobsSpans.map((span) => [span.name, span.meta['span.kind']]));
    expect(kinds).toEqual({
      'support-agent': 'agent',
      plan: 'llm',
      'lookup-order': 'tool',
      'lookup-order (retry)': 'tool',
      'get-tracking': 'tool',
      answer: 'llm',
      'order-pipeline': 'workflow',
      validate: 'task',
      route: 'task',
      'is-express': 'task',
      'fan-out': 'task',
      notify: 'task',
      'retry-loop': 'task',
      backoff: 'task',
      'await-approval': 'task',
      audit: 'task',
    });
  });

  it('keeps the exact start and end time of every span', () => {
    for (const span of agent.llmobsSpans) {
      const ours = spanNamed(span.name);
      expect(Math.abs(span.start_ns - ours.startTime * 1e6), span.name).toBeLessThan(1_000);
      expect(Math.abs(span.duration - ((ours.endTime ?? 0) - ours.startTime) * 1e6), span.name).toBeLessThan(
        1_000,
      );
    }
  });

  it('sends model, messages, token metrics and parameters of LLM spans', () => {
    const plan = wire.get('plan');
    expect(plan?.meta).toMatchObject({
      model_name: 'gpt-4o-mini',
      model_provider: 'openai',
      input: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Where is my order 42?' },
        ],
      },
      output: { messages: [{ role: 'assistant', content: 'Let me look that up.' }] },
      metadata: {
        temperature: 0.2,
        max_tokens: 256,
        stream: true,
        finish_reason: 'tool-calls',
        stream_chunks: 2,
      },
    });
    // Cost metrics too when core's cost estimator knows the model.
    expect(plan?.metrics).toMatchObject({
      input_tokens: 812,
      output_tokens: 64,
      total_tokens: 876,
      cache_read_input_tokens: 512,
    });
    expect(wire.get('answer')?.metrics).toMatchObject({
      input_tokens: 120,
      output_tokens: 9,
      total_tokens: 129,
      input_cost: 0.0001,
      output_cost: 0.00002,
      total_cost: 0.00012,
    });
  });

  it('sends input, output and metadata of other spans', () => {
    expect(wire.get('support-agent')?.meta).toMatchObject({
      input: { value: 'Where is my order 42?' },
      output: { value: 'It shipped and arrives tomorrow.' },
      metadata: { agent_id: 'support-agent', max_steps: 5, instructions: 'Be brief.', channel: 'chat' },
    });
    expect(wire.get('lookup-order (retry)')?.meta).toMatchObject({
      input: { value: '{"orderId":42}' },
      output: { value: '{"status":"shipped","carrier":"UPS"}' },
      metadata: { tool_id: 'lookup-order', tool_type: 'function', success: true },
    });
    expect(wire.get('get-tracking')?.meta.metadata).toMatchObject({ mcp_server: 'carrier-mcp' });
  });

  it('tags spans searchably with ml_app, service, env, session, user and metadata tags', () => {
    const root = wire.get('support-agent') as AgentLLMObsSpan;
    expect(tagOf(root.tags, 'ml_app')).toBe('support-bot');
    expect(tagOf(root.tags, 'service')).toBe('support-app');
    expect(tagOf(root.tags, 'env')).toBe('test');
    expect(tagOf(root.tags, 'user_id')).toBe('user-7');
    expect(tagOf(root.tags, 'demo')).toBe('true');
    expect(tagOf(root.tags, 'tier')).toBe('gold');
    expect(tagOf(root.tags, 'agent_id')).toBe('support-agent');
    expect(tagOf(root.tags, 'aitracing.trace_id')).toBe(spanNamed('support-agent').traceId);
    expect(root.session_id).toBe('session-1');
    // Children inherit the session id.
    expect(wire.get('plan')?.session_id).toBe('session-1');
    expect(tagOf(wire.get('get-tracking')?.tags ?? [], 'mcp_server')).toBe('carrier-mcp');
  });

  it('gives a failed span error status with its message and type', () => {
    const failed = wire.get('lookup-order') as AgentLLMObsSpan;
    expect(failed.status).toBe('error');
    expect(failed.meta['error.message']).toBe('upstream timeout');
    expect(failed.meta['error.type']).toBe('TypeError');
    expect(failed.meta['error.stack']).toContain('upstream timeout');
    expect(wire.get('lookup-order (retry)')?.status).toBe('ok');
  });

  it('sends no APM spans', () => {
    expect(agent.apmSpans).toEqual([]);
    expect(agent.requests.filter((request) => request.path.includes('/traces'))).toEqual([]);
  });

  it('counts what it handed over', () => {
    const stats = exporter.getStats();
    expect(stats.spansHandedOver).toBe(16);
    // The demo's two chunks arrive folded into their generation (core), not as event spans.
    expect(stats.eventSpansAttached).toBe(0);
    expect(stats.tracesCompleted).toBe(2);
    expect(stats.spansDropped).toBe(0);
    expect(stats.spansDelivered).toBe(16);
    expect(stats.spansUnconfirmed).toBe(0);
    expect(stats.heldTraces).toBe(0);
    expect(stats.requestsSucceeded).toBeGreaterThan(0);
    expect(logger.at('warn')).toEqual([]);
    expect(logger.at('error')).toEqual([]);
  });
});

describe('DatadogExporter held traces', () => {
  it('attaches a child that ends after its root to the right parent', async () => {
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'early-root',
      attributes: { agentId: 'a' },
    });
    const child = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'late-tool' });
    const grandchild = child.createChildSpan({ type: AISpanType.GENERIC, name: 'late-grandchild' });
    grandchild.end();
    root.end();
    await tracing.flush();
    child.end({ output: 'done late' });
    await tracing.flush();
    await agent.waitFor(
      () => agent.llmobsSpans.some((span) => span.name === 'late-tool'),
      10_000,
      'late-tool',
    );
    const spans = agent.llmobsSpans.filter(
      (span) => span.name.startsWith('early-') || span.name.startsWith('late-'),
    );
    expect(sorted(llmobsTree(spans))).toEqual(
      sorted([
        ['early-root', undefined],
        ['late-tool', 'early-root'],
        ['late-grandchild', 'late-tool'],
      ]),
    );
    expect(new Set(spans.map((span) => span.trace_id)).size).toBe(1);
    expect(exporter.getStats().lateSpans).toBe(1);
  });

  it('emits a trace whose root never ends under an incomplete placeholder after the timeout', async () => {
    const shortTimeout = new DatadogExporter({ mlApp: 'support-bot', traceTimeoutMs: 800 });
    const quick = new DefaultAITracing({ serviceName: 'support-app', exporters: [shortTimeout], logger });
    const root = quick.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'never-ends',
      attributes: { agentId: 'a' },
    });
    const step = root.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'orphan-step' });
    step.createChildSpan({ type: AISpanType.GENERIC, name: 'orphan-leaf' }).end();
    step.end();
    await quick.flush();
    expect(shortTimeout.getStats().heldTraces).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await quick.flush();
    await agent.waitFor(
      () => agent.llmobsSpans.some((span) => span.name === 'orphan-leaf'),
      10_000,
      'orphans',
    );
    const spans = agent.llmobsSpans.filter(
      (span) => span.name.startsWith('orphan-') || span.name === 'incomplete trace',
    );
    expect(sorted(llmobsTree(spans))).toEqual(
      sorted([
        ['incomplete trace', undefined],
        ['orphan-step', 'incomplete trace'],
        ['orphan-leaf', 'orphan-step'],
      ]),
    );
    const placeholder = spans.find((span) => span.name === 'incomplete trace') as AgentLLMObsSpan;
    expect(tagOf(placeholder.tags, 'aitracing.incomplete')).toBe('true');
    expect(shortTimeout.getStats()).toMatchObject({ tracesIncomplete: 1, heldTraces: 0, spansHandedOver: 3 });
    await quick.shutdown();
  });
});

describe('DatadogExporter when the agent fails', () => {
  const runOne = async (name: string) => {
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name, attributes: { agentId: 'a' } });
    root.end();
    await tracing.flush();
  };
  const named = (name: string) => agent.llmobsSpans.filter((span) => span.name === name);
  const llmobsRequests = () => agent.requests.filter((request) => request.path.includes('/llmobs'));

  it('retries a payload answered 503, then delivers it once, losing nothing', async () => {
    const before = exporter.getStats();
    const sent = llmobsRequests().length;
    agent.answerNextLLMObsPayloads([{ status: 503 }, { status: 503 }]);
    await runOne('after-503');
    expect(named('after-503')).toHaveLength(1);
    expect(
      llmobsRequests()
        .slice(sent)
        .map((request) => request.status),
    ).toEqual([503, 503, 202]);
    const after = exporter.getStats();
    expect(after.requestsRejected - before.requestsRejected).toBe(2);
    expect(after.spansDelivered - before.spansDelivered).toBe(1);
    expect(after.spansDropped).toBe(before.spansDropped);
    expect(logger.at('error')).toEqual([]);
  });

  it('waits as long as a 429 answer says in Retry-After, then delivers', async () => {
    const sent = llmobsRequests().length;
    agent.answerNextLLMObsPayloads([{ status: 429, headers: { 'retry-after': '2' } }]);
    await runOne('after-429');
    expect(named('after-429')).toHaveLength(1);
    const [throttled, retried] = llmobsRequests().slice(sent);
    expect([throttled?.status, retried?.status]).toEqual([429, 202]);
    // Without Retry-After the first retry would come after about 1 s.
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(exporter.getStats().spansDropped).toBe(0);
  });

  it('drops a payload answered 400, counts it and logs the cause once, never throwing', async () => {
    const before = exporter.getStats();
    agent.answerNextLLMObsPayloads([{ status: 400 }, { status: 400 }]);
    await runOne('rejected-run');
    await runOne('rejected-again');
    const after = exporter.getStats();
    expect(after.spansDroppedByReason.agentRejected - before.spansDroppedByReason.agentRejected).toBe(2);
    expect(after.spansHandedOver).toBe(before.spansHandedOver + 2);
    expect(named('rejected-run')).toEqual([]);
    const lines = logger.at('error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('rejected a batch of 1 LLM Observability spans');
    expect(lines[0]).toContain('HTTP 400');
  });
});
