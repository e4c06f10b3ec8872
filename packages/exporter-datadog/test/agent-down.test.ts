import './dd-env';
import { DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { freePort } from '@aitracing/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { DatadogExporter } from '../src/index';
import { DEMO_AGENT_TREE, runDemoAgent } from './demo-trace';
import { FakeDatadogAgent } from './fake-datadog-agent';
import { apmTree, llmobsTree, sorted } from './wire-tree';

let agent: FakeDatadogAgent | undefined;

afterAll(async () => {
  await agent?.close();
});

describe('DatadogExporter when the agent is down at first', () => {
  it('loses nothing on either channel once the agent is back, and never throws', async () => {
    const port = await freePort();
    const logger = new RecordingLogger();
    const exporter = new DatadogExporter({
      mode: 'both',
      mlApp: 'support-bot',
      agentUrl: `http://127.0.0.1:${port}`,
      flushTimeoutMs: 300,
    });
    const tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [exporter], logger });

    await runDemoAgent(tracing);
    await tracing.flush();
    expect(exporter.getStats().requestsFailed).toBeGreaterThan(0);
    expect(exporter.getStats().spansHandedOver).toBe(6);

    // Both queues retry refused connections with a backoff from 1 s, within maxRetryDurationMs.
    await new Promise((resolve) => setTimeout(resolve, 500));
    agent = await FakeDatadogAgent.start(port);
    const started = agent;
    await started.waitFor(
      () => started.llmobsSpans.length >= 6 && started.apmSpans.length >= 6,
      15_000,
      'the retried payloads',
    );

    expect(started.violations).toEqual([]);
    expect(sorted(llmobsTree(started.llmobsSpans))).toEqual(sorted(DEMO_AGENT_TREE));
    expect(sorted(apmTree(started.apmSpans))).toEqual(sorted(DEMO_AGENT_TREE));
    await tracing.shutdown();
    expect(exporter.getStats()).toMatchObject({ spansDropped: 0, requestsRejected: 0 });
    expect(exporter.getStats().requestsSucceeded).toBeGreaterThanOrEqual(2);
    expect(logger.at('error')).toEqual([]);
  });
});
