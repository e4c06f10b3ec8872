import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FakeDatadogAgent } from '../../packages/exporter-datadog/test/fake-datadog-agent';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportAgent } from './support-agent';

const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });

describe('the demo with the Datadog env variables set', () => {
  it('produces an LLM Observability tree and an APM trace at the (fake) agent', async () => {
    const agent = await FakeDatadogAgent.start();
    const saved = { ...process.env };
    Object.assign(process.env, {
      DD_AGENT_HOST: '127.0.0.1',
      DD_TRACE_AGENT_PORT: String(agent.port),
      DD_LLMOBS_ML_APP: 'aitracing-demo',
      DD_SERVICE: 'aitracing-demo',
      DD_ENV: 'demo',
      AITRACING_DATADOG_MODE: 'both',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    });
    try {
      const observability = createObservability(process.env, quiet);
      await runSupportAgent(observability, 'Where is my order 1234?');
      await runOrderWorkflow(observability, DEMO_ORDER);
      await observability.shutdown();
      expect(agent.violations).toEqual([]);
      const kinds = new Set(agent.llmobsSpans.map((span) => span.meta['span.kind']));
      expect([...kinds].sort()).toEqual(['agent', 'llm', 'task', 'tool', 'workflow']);
      expect(agent.llmobsSpans.some((span) => span.status === 'error')).toBe(true);
      expect(agent.apmSpans.length).toBeGreaterThan(10);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await agent.close();
    }
  });
});
