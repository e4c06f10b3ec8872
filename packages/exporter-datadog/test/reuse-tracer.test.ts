import './dd-env';
import { createRequire } from 'node:module';
import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DatadogExporter } from '../src/index';
import { FakeDatadogAgent } from './fake-datadog-agent';
import { llmobsTree, sorted, tagOf } from './wire-tree';

interface AppTracer {
  init(options: Record<string, unknown>): unknown;
  readonly llmobs: {
    readonly enabled: boolean;
    trace<T>(options: { kind: string; name: string }, fn: () => T): T;
  };
}

let agent: FakeDatadogAgent;
let ddTracer: AppTracer;

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  // The application owns dd-trace: initialised before the exporter, without LLM Observability.
  ddTracer = createRequire(import.meta.url)('dd-trace') as AppTracer;
  ddTracer.init({ service: 'host-app', env: 'prod', url: agent.url, plugins: false, flushInterval: 100 });
});

afterAll(async () => {
  await agent.close();
});

describe('DatadogExporter with a tracer the application initialised', () => {
  it('reuses it as it is, its service, env and agent URL tagging and routing the exporter ml_app', async () => {
    const logger = new RecordingLogger();
    const exporter = new DatadogExporter({ tracer: ddTracer, mlApp: 'support-bot', env: 'ignored' });
    const tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [exporter], logger });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'hosted-agent',
      attributes: { agentId: 'a' },
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'hosted-tool' }).end();
    root.end();
    await tracing.flush();
    await agent.waitFor(() => agent.llmobsSpans.length >= 2, 10_000, 'LLM Observability spans');

    // The exporter delivers LLM Observability spans itself: the application's dd-trace is left as it is.
    expect(ddTracer.llmobs.enabled).toBe(false);
    expect(agent.violations).toEqual([]);
    expect(sorted(llmobsTree(agent.llmobsSpans))).toEqual(
      sorted([
        ['hosted-agent', undefined],
        ['hosted-tool', 'hosted-agent'],
      ]),
    );
    for (const span of agent.llmobsSpans) {
      expect(tagOf(span.tags, 'service')).toBe('host-app');
      expect(tagOf(span.tags, 'env')).toBe('prod');
      expect(tagOf(span.tags, 'ml_app')).toBe('support-bot');
    }
    expect(logger.at('warn')).toEqual([
      'Datadog exporter: dd-trace was already initialised, so these options do not apply: %s env',
    ]);
    await tracing.shutdown();
  });

  it("never nests an emitted trace under the application's active span", async () => {
    const exporter = new DatadogExporter({ tracer: ddTracer, mode: 'both', mlApp: 'support-bot' });
    const tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [exporter] });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'detached-agent',
      attributes: { agentId: 'a' },
    });
    // The span ends, and core delivers it, while an application LLM Observability span is active.
    ddTracer.llmobs.trace({ kind: 'workflow', name: 'app-workflow' }, () => root.end());
    await vi.waitFor(() => expect(exporter.getStats().spansHandedOver).toBe(1), { timeout: 10_000 });
    await tracing.flush();
    await agent.waitFor(
      () =>
        agent.apmSpans.some((span) => span.resource === 'detached-agent') &&
        agent.llmobsSpans.some((span) => span.name === 'detached-agent'),
      10_000,
      'the detached agent',
    );
    expect(agent.llmobsSpans.find((span) => span.name === 'detached-agent')?.parent_id).toBe('undefined');
    expect(agent.apmSpans.find((span) => span.resource === 'detached-agent')?.parent_id).toBe(0n);
    await tracing.shutdown();
  });
});
