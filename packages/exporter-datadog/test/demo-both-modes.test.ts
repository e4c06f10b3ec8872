import { get } from 'node:http';
import { DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter } from '../src/index';
import { DEMO_AGENT_TREE, DEMO_WORKFLOW_TREE, runDemoAgent, runDemoWorkflow } from './demo-trace';
import { FakeDatadogAgent } from './fake-datadog-agent';
import { apmTree, llmobsTree, sorted, tagOf } from './wire-tree';

// The demo as a user runs it: configured by environment variables only, with
// dd-trace's defaults (remote configuration and telemetry on) against the agent.
let agent: FakeDatadogAgent;
let tracing: DefaultAITracing;
let exporter: DatadogExporter;
const logger = new RecordingLogger();

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  Object.assign(process.env, {
    DD_AGENT_HOST: '127.0.0.1',
    DD_TRACE_AGENT_PORT: String(agent.port),
    DD_LLMOBS_ML_APP: 'aitracing-demo',
    DD_SERVICE: 'aitracing-demo',
    DD_ENV: 'demo',
    DD_VERSION: '1.2.3',
    AITRACING_DATADOG_MODE: 'both',
  });
  exporter = new DatadogExporter();
  tracing = new DefaultAITracing({
    serviceName: 'ignored-when-dd-service-is-set',
    exporters: [exporter],
    logger,
  });
  await runDemoAgent(tracing);
  await runDemoWorkflow(tracing);
  // An HTTP call of the application: dd-trace must not trace it.
  await new Promise<void>((resolve) => {
    get(`${agent.url}/info`, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
  });
  await tracing.flush();
  await agent.waitFor(
    () => agent.llmobsSpans.length >= 16 && agent.apmSpans.length >= 16,
    10_000,
    'the demo in both products',
  );
});

afterAll(async () => {
  await tracing.shutdown();
  await agent.close();
});

describe('the demo with the Datadog environment variables (mode both)', () => {
  it('produces a correct LLM Observability tree', () => {
    expect(agent.violations).toEqual([]);
    expect(sorted(llmobsTree(agent.llmobsSpans))).toEqual(
      sorted([...DEMO_AGENT_TREE, ...DEMO_WORKFLOW_TREE]),
    );
    for (const span of agent.llmobsSpans) {
      expect(tagOf(span.tags, 'ml_app')).toBe('aitracing-demo');
      expect(tagOf(span.tags, 'service')).toBe('aitracing-demo');
      expect(tagOf(span.tags, 'env')).toBe('demo');
      expect(tagOf(span.tags, 'version')).toBe('1.2.3');
    }
  });

  it('produces a correct APM trace from the same spans, kept by the agent', () => {
    expect(sorted(apmTree(agent.apmSpans))).toEqual(sorted([...DEMO_AGENT_TREE, ...DEMO_WORKFLOW_TREE]));
    const apmIds = new Set(agent.apmSpans.map((span) => span.span_id.toString()));
    for (const span of agent.llmobsSpans) expect(apmIds.has(span.span_id)).toBe(true);
    for (const span of agent.apmSpans) {
      expect(span.service).toBe('aitracing-demo');
      expect(span.meta.env).toBe('demo');
      expect(span.metrics._sampling_priority_v1).toBe(1);
    }
    expect(agent.apmSpans.find((span) => span.resource === 'lookup-order')?.error).toBe(1);
  });

  it("traces none of the application's own HTTP calls", () => {
    expect(agent.apmSpans.filter((span) => !span.name.startsWith('aitracing.'))).toEqual([]);
  });

  it('reaches only the agent endpoints dd-trace uses', () => {
    const paths = new Set(agent.requests.map((request) => request.path));
    for (const path of paths) {
      expect([
        '/v0.4/traces',
        '/evp_proxy/v2/api/v2/llmobs',
        '/info',
        '/v0.7/config',
        '/telemetry/proxy/api/v2/apmtelemetry',
      ]).toContain(path);
    }
    expect(exporter.getStats()).toMatchObject({ spansHandedOver: 16, spansDropped: 0, requestsRejected: 0 });
    expect(logger.at('error')).toEqual([]);
  });
});
