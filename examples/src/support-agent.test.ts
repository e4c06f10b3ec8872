import { DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { describe, expect, it } from 'vitest';
import { formatTrace } from './print-trace';
import { runSupportAgent } from './support-agent';

describe('the demo support agent', () => {
  it('produces one complete trace: plan, tool, streamed answer, with token usage and no secret', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    const answer = await runSupportAgent(tracing, 'Where is my order 1234?');
    await tracing.shutdown();

    expect(answer).toBe('Your order 1234 has shipped with DHL.');
    const traces = exporter.getTraces();
    expect(traces).toHaveLength(1);
    const root = traces[0]!.roots[0]!;
    expect(traces[0]!.roots).toHaveLength(1);
    expect(root.children.map((node) => node.span.name)).toEqual(['plan', 'lookup-order', 'answer']);
    expect(root.children[2]!.children).toHaveLength(7);
    expect(root.children[0]!.span.attributes).toMatchObject({
      model: 'gpt-4o-mini',
      usage: { promptTokens: 186, completionTokens: 8, totalTokens: 194 },
      finishReason: 'tool_calls',
    });
    expect(root.span.metadata).toEqual({ userId: 'user-42', apiKey: '[REDACTED]' });
    expect(JSON.stringify(exporter.events)).not.toContain('sk-demo-never-exported');

    const printed = formatTrace(traces[0]!).map((line) => line.replace(/ \d+\.\dms/, ''));
    expect(printed.slice(1, 5)).toEqual([
      '  agent_run "support-agent"',
      '    llm_generation "plan" (model=gpt-4o-mini, tokens=194)',
      '    tool_call "lookup-order"',
      '    llm_generation "answer" (model=gpt-4o-mini, tokens=204)',
    ]);
  });
});
