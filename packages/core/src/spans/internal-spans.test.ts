import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType, InternalSpans } from '../types/span-type';

function setup(includeInternalSpans = false) {
  const exporter = new InMemoryExporter();
  // Chunks stay spans here: what is tested is re-parenting through hidden spans, not the chunk fold.
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters: [exporter],
    includeInternalSpans,
    streamChunks: 'spans',
  });
  return { exporter, tracing };
}

// agent (root) → workflow (internal via policy) → step (internal) → llm (visible) → chunk (visible)
function runNestedWorkflow(tracing: DefaultAITracing) {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'agent',
    attributes: { agentId: 'a' },
  });
  const workflow = agent.createChildSpan({
    type: AISpanType.WORKFLOW_RUN,
    name: 'internal-workflow',
    attributes: { workflowId: 'w' },
    tracingPolicy: { internal: InternalSpans.WORKFLOW },
  });
  const step = workflow.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'internal-step' });
  const llm = step.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
  llm.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
  llm.end();
  step.end();
  workflow.end();
  agent.end();
  return { agent, workflow, step, llm };
}

describe('internal spans', () => {
  it('hides internal spans and re-parents their visible children to the nearest visible ancestor', async () => {
    const { exporter, tracing } = setup();
    const { agent, workflow, step, llm } = runNestedWorkflow(tracing);
    expect(workflow.isInternal).toBe(true);
    expect(step.isInternal).toBe(true);
    expect(llm.isInternal).toBe(false);
    await tracing.flush();
    const names = exporter.getFinishedSpans().map((span) => span.name);
    expect(names).toEqual(['chunk', 'llm', 'agent']);
    const trace = exporter.getTraces()[0]!;
    expect(trace.roots).toHaveLength(1);
    const llmNode = trace.roots[0]!.children[0]!;
    expect(llmNode.span.name).toBe('llm');
    expect(llmNode.span.parentSpanId).toBe(agent.id);
    expect(llmNode.children[0]?.span.parentSpanId).toBe(llm.id);
  });

  it('never sends span_started or span_updated for hidden spans', async () => {
    const { exporter, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
      tracingPolicy: { internal: InternalSpans.TOOL },
    });
    const tool = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'hidden-tool' });
    tool.update({ input: 'x' });
    tool.end();
    root.end();
    await tracing.flush();
    expect(
      exporter.events.some((event) => 'exportedSpan' in event && event.exportedSpan.name === 'hidden-tool'),
    ).toBe(false);
  });

  it('exports internal spans with their real parents when includeInternalSpans is on', async () => {
    const { exporter, tracing } = setup(true);
    const { workflow, step } = runNestedWorkflow(tracing);
    await tracing.flush();
    const byName = new Map(exporter.getFinishedSpans().map((span) => [span.name, span]));
    expect(byName.size).toBe(5);
    expect(byName.get('internal-step')?.parentSpanId).toBe(workflow.id);
    expect(byName.get('llm')?.parentSpanId).toBe(step.id);
  });

  it('children inherit the policy of their parent unless they pass their own', () => {
    const { tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.WORKFLOW_RUN,
      name: 'wf',
      attributes: { workflowId: 'w' },
      tracingPolicy: { internal: InternalSpans.ALL },
    });
    const inherited = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' });
    const overridden = root.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: 'tool-visible',
      tracingPolicy: { internal: InternalSpans.NONE },
    });
    const generic = root.createChildSpan({ type: AISpanType.GENERIC, name: 'generic' });
    expect(inherited.isInternal).toBe(true);
    expect(overridden.isInternal).toBe(false);
    expect(generic.isInternal).toBe(false);
  });

  it('always exports the root of a trace, even when its type is internal, so no trace is orphaned', async () => {
    const { exporter, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.WORKFLOW_RUN,
      name: 'wf-root',
      attributes: { workflowId: 'w' },
      tracingPolicy: { internal: InternalSpans.WORKFLOW },
    });
    root.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'hidden-step' }).end();
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
    root.end();
    await tracing.flush();
    const trace = exporter.getTraces()[0]!;
    expect(trace.roots.map((node) => node.span.name)).toEqual(['wf-root']);
    expect(trace.roots[0]!.children.map((node) => node.span.name)).toEqual(['tool']);
  });
});
