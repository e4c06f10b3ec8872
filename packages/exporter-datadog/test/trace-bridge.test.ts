import './dd-env';
import { createRequire } from 'node:module';
import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter, DatadogTraceBridge } from '../src/index';
import { FakeDatadogAgent } from './fake-datadog-agent';

// The application traces its requests with dd-trace; the AI trace must land inside the request's APM trace.

interface AppSpan {
  context(): { toTraceId(hex?: boolean): string; toSpanId(hex?: boolean): string };
}
interface AppTracer {
  init(options: Record<string, unknown>): unknown;
  trace<T>(name: string, fn: (span: AppSpan) => T): T;
}

let agent: FakeDatadogAgent;
let ddTracer: AppTracer;

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  ddTracer = createRequire(import.meta.url)('dd-trace') as AppTracer;
  ddTracer.init({ service: 'web-app', url: agent.url, plugins: false, flushInterval: 100 });
});

afterAll(async () => {
  await agent.close();
});

function setup() {
  const exporter = new DatadogExporter({ tracer: ddTracer, mode: 'both', mlApp: 'support' });
  const tracing = new DefaultAITracing({
    serviceName: 'web-app',
    exporters: [exporter],
    bridge: new DatadogTraceBridge({ tracer: ddTracer }),
    logger: new RecordingLogger(),
  });
  return tracing;
}

function runAgent(tracing: DefaultAITracing): string {
  const root = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'bridged-agent',
    attributes: { agentId: 'a' },
  });
  root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'bridged-tool' }).end();
  root.end();
  return root.traceId;
}

describe('DatadogTraceBridge', () => {
  it("makes a root AI span started inside the app's dd-trace request span its child, in the same APM trace", async () => {
    const tracing = setup();
    let request: { traceId: string; spanId: string } | undefined;
    let aiTraceId = '';
    ddTracer.trace('web.request', (span) => {
      request = { traceId: span.context().toTraceId(true), spanId: span.context().toSpanId(true) };
      aiTraceId = runAgent(tracing);
    });
    await tracing.flush();
    await agent.waitFor(
      () => agent.apmSpans.some((span) => span.resource === 'bridged-agent'),
      10_000,
      'the bridged APM spans',
    );
    const root = agent.apmSpans.find((span) => span.resource === 'bridged-agent');
    expect(request).toBeDefined();
    // One trace: the AI trace id is the request's, and the agent span's parent is the request span.
    expect(aiTraceId).toBe(request?.traceId);
    expect(root?.trace_id).toBe(BigInt(`0x${request?.traceId.slice(16)}`));
    expect(root?.parent_id).toBe(BigInt(`0x${request?.spanId}`));
    const tool = agent.apmSpans.find((span) => span.resource === 'bridged-tool');
    expect(tool?.parent_id).toBe(root?.span_id);
    await tracing.shutdown();
  });

  it('starts a trace of its own outside any dd-trace span', async () => {
    const tracing = setup();
    const traceId = runAgent(tracing);
    await tracing.flush();
    await agent.waitFor(
      () => agent.apmSpans.filter((span) => span.resource === 'bridged-agent').length >= 2,
      10_000,
      'the second agent span',
    );
    const roots = agent.apmSpans.filter((span) => span.resource === 'bridged-agent');
    const own = roots.find((span) => span.trace_id === BigInt(`0x${traceId.slice(16)}`));
    expect(own?.parent_id).toBe(0n);
    await tracing.shutdown();
  });
});
