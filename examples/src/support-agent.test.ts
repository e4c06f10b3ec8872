import { Writable } from 'node:stream';
import { DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter, type SpanTreeNode } from '@aitracing/core/testing';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { describe, expect, it } from 'vitest';
import { runSupportAgent } from './support-agent';

const describeNode = (node: SpanTreeNode) => `${node.span.type} ${node.span.name}`;

describe('the demo support agent', () => {
  it('traces a streamed plan, a failed and retried tool call, an MCP call and a final answer', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    const answer = await runSupportAgent(tracing, 'Where is my order 1234?');
    await tracing.shutdown();

    expect(answer).toBe(
      'Your order 1234 shipped with DHL. The parcel is at the Leipzig hub and should arrive on Thursday.',
    );
    const traces = exporter.getTraces();
    expect(traces).toHaveLength(1);
    expect(traces[0]!.roots).toHaveLength(1);
    const root = traces[0]!.roots[0]!;
    expect(describeNode(root)).toBe('agent_run support-agent');
    expect(root.children.map(describeNode)).toEqual([
      'llm_generation plan',
      'tool_call lookup-order',
      'tool_call lookup-order',
      'mcp_tool_call track_parcel',
      'llm_generation answer',
    ]);
    const [plan, failedAttempt, retry, mcp, final] = root.children.map((node) => node);

    // The 14 streamed chunks are folded into the plan by core: a count and the first chunk's instant.
    expect(plan!.children).toHaveLength(0);
    const planAttributes = plan!.span.attributes as Record<string, unknown>;
    expect(planAttributes.chunkCount).toBe(14);
    expect(planAttributes.completionStartTime).toBeGreaterThanOrEqual(plan!.span.startTime);
    expect(planAttributes.completionStartTime).toBeLessThanOrEqual(plan!.span.endTime!);
    expect(failedAttempt!.span).toMatchObject({
      attributes: { toolId: 'lookup-order', success: false },
      metadata: { attempt: 1 },
      errorInfo: { name: 'ToolTimeoutError', message: 'order service did not answer within 80ms' },
    });
    expect(retry!.span).toMatchObject({ attributes: { success: true }, metadata: { attempt: 2 } });
    expect(retry!.span.errorInfo).toBeUndefined();
    expect(mcp!.span.attributes).toMatchObject({
      toolId: 'track_parcel',
      mcpServer: 'carrier-mcp',
      success: true,
    });

    expect(plan!.span.attributes).toMatchObject({
      model: 'gpt-4o-mini',
      provider: 'openai',
      streaming: true,
      usage: { promptTokens: 441, completionTokens: 17, totalTokens: 458 },
      finishReason: 'tool_calls',
    });
    expect(final!.span.attributes).toMatchObject({
      usage: { promptTokens: 503, completionTokens: 25, totalTokens: 528 },
      finishReason: 'stop',
    });
  });

  it('never exports the API key it was given', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    await runSupportAgent(tracing, 'Where is my order 1234?');
    await tracing.shutdown();

    expect(exporter.getTraces()[0]!.roots[0]!.span.metadata).toEqual({
      userId: 'user-42',
      apiKey: '[REDACTED]',
    });
    expect(JSON.stringify(exporter.events)).not.toContain('sk-demo-never-exported');
  });

  it('prints a readable tree with token counts and the failed tool call marked', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    const tracing = new DefaultAITracing({
      serviceName: 'demo',
      exporters: [new ConsoleExporter({ stream, color: false })],
    });
    await runSupportAgent(tracing, 'Where is my order 1234?');
    await tracing.shutdown();

    const printed = chunks.join('');
    expect(printed).toContain('agent_run support-agent');
    expect(printed).toContain('tokens 441 prompt + 17 completion = 458');
    expect(printed).toMatch(
      /├─ ✗ tool_call lookup-order .*\n│ +error ToolTimeoutError: order service did not answer/,
    );
    expect(printed).toContain('streamed · 14 chunks · first token');
    expect(printed).toContain('totals 6 spans · 2 LLM calls');
    expect(printed).toContain('tokens 944 prompt + 42 completion = 986 · cost $0.00017 · 1 error');
  });
});
