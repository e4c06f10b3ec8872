import { createRequire } from 'node:module';
import { AISpanType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import { freePort } from '@aitracing/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter, type DatadogExporterOptions } from '../src/index';
import { FakeDatadogAgent } from './fake-datadog-agent';
import { createFakeTracer } from './fake-tracer';

// The exporter's own APM writer against a loopback agent that decodes the MessagePack payloads.
// dd-trace is a stand-in here (it only supplies configuration): the spans never go through it.

let agent: FakeDatadogAgent;
beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
});
afterAll(async () => {
  await agent.close();
});

function setup(options: DatadogExporterOptions = {}, agentUrl = agent.url) {
  const logger = new RecordingLogger();
  const memory = new InMemoryExporter();
  const exporter = new DatadogExporter({
    mode: 'apm',
    service: 'wire-svc',
    tracer: createFakeTracer(),
    agentUrl,
    ...options,
  });
  // Chunks kept as events of their generation (not only counted): they become APM span events.
  const tracing = new DefaultAITracing({
    serviceName: 'wire-app',
    exporters: [memory, exporter],
    logger,
    streamChunks: 'events',
  });
  return { logger, memory, exporter, tracing };
}

/** A root agent run with an LLM call (one chunk) and a failing tool call; returns its trace id. */
function runTrace(tracing: DefaultAITracing, remote?: { traceId: string; parentSpanId: string }): string {
  const root = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'wire-agent',
    attributes: { agentId: 'wire' },
    ...remote,
  });
  const llm = root.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'wire-llm',
    attributes: {
      model: 'gpt-4o-mini',
      provider: 'openai',
      usage: { promptTokens: 12, completionTokens: 3 },
    },
  });
  llm.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: 'he' });
  llm.end({ output: 'hello' });
  root
    .createChildSpan({ type: AISpanType.TOOL_CALL, name: 'wire-tool' })
    .error({ error: new TypeError('boom') });
  root.end();
  return root.traceId;
}

const ofTrace = (traceId: string) =>
  agent.apmSpans.filter((span) => span.meta['aitracing.trace_id'] === traceId);
const traceRequests = () => agent.requests.filter((request) => request.path === '/v0.4/traces');

describe('the APM writer on the wire', () => {
  it('sends ids, parent ids, exact times, meta and metrics in MessagePack, with the trace count header', async () => {
    const { tracing, memory, exporter } = setup();
    const first = runTrace(tracing);
    const second = runTrace(tracing);
    await tracing.flush();
    await agent.waitFor(() => ofTrace(first).length === 3 && ofTrace(second).length === 3);

    expect(agent.violations).toEqual([]);
    // Both traces went in one request: two trace chunks, and the header says so.
    expect(agent.apmHeaders.at(-1)?.['x-datadog-trace-count']).toBe('2');
    expect(agent.apmHeaders.at(-1)?.['datadog-meta-lang']).toBe('nodejs');
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    expect(agent.apmHeaders.at(-1)?.['datadog-meta-tracer-version']).toBe(version);
    const ours = new Map<string, ExportedAISpan>(memory.getFinishedSpans().map((span) => [span.id, span]));
    for (const span of ofTrace(first)) {
      const source = ours.get(span.meta['aitracing.span_id'] ?? '') as ExportedAISpan;
      expect(span.span_id).toBe(BigInt(`0x${source.id}`));
      expect(span.trace_id).toBe(BigInt(`0x${first.slice(16)}`));
      expect(span.meta['_dd.p.tid']).toBe(first.slice(0, 16));
      expect(span.parent_id).toBe(
        source.parentSpanId === undefined ? 0n : BigInt(`0x${source.parentSpanId}`),
      );
      const whole = Math.floor(source.startTime);
      const start = BigInt(whole) * 1_000_000n + BigInt(Math.round((source.startTime - whole) * 1e6));
      expect(span.start).toBe(start);
      const end = source.endTime as number;
      const endWhole = Math.floor(end);
      const endNs = BigInt(endWhole) * 1_000_000n + BigInt(Math.round((end - endWhole) * 1e6));
      expect(span.duration).toBe(endNs - start);
      expect(span.service).toBe('wire-svc');
      expect(span.metrics._sampling_priority_v1).toBe(1);
    }
    const llm = ofTrace(first).find((span) => span.resource === 'wire-llm');
    expect(llm).toMatchObject({ name: 'aitracing.llm_generation', type: 'llm', error: 0 });
    expect(llm?.meta).toMatchObject({ 'gen_ai.request.model': 'gpt-4o-mini', 'aitracing.output': 'hello' });
    expect(llm?.metrics).toMatchObject({ 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3 });
    expect(JSON.parse(llm?.meta.events ?? '[]')).toHaveLength(1);
    const tool = ofTrace(first).find((span) => span.resource === 'wire-tool');
    expect(tool).toMatchObject({ error: 1, meta: { 'error.type': 'TypeError', 'error.message': 'boom' } });
    // The chunks arrived folded into their generation (core), not as event spans to attach.
    expect(exporter.getStats()).toMatchObject({ spansDelivered: 6, spansDropped: 0, eventSpansAttached: 0 });
    await tracing.shutdown();
  });

  it('makes a root that continues a remote trace a child of the remote span', async () => {
    const { tracing } = setup();
    const traceId = runTrace(tracing, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
    await tracing.flush();
    await agent.waitFor(() => ofTrace(traceId).length === 3);
    const root = ofTrace(traceId).find((span) => span.resource === 'wire-agent');
    expect(root?.parent_id).toBe(0x00f067aa0ba902b7n);
    expect(root?.trace_id).toBe(0xa3ce929d0e0e4736n);
    expect(root?.meta['_dd.p.tid']).toBe('4bf92f3577b34da6');
    await tracing.shutdown();
  });
});

describe('the APM writer under faults', () => {
  it('retries a payload answered 500 and delivers it once', async () => {
    const { tracing, exporter, logger } = setup();
    const before = traceRequests().length;
    agent.answerNextApmPayloads([{ status: 500 }]);
    const traceId = runTrace(tracing);
    await tracing.flush();
    await agent.waitFor(() => ofTrace(traceId).length === 3);

    expect(
      traceRequests()
        .slice(before)
        .map((request) => request.status),
    ).toEqual([500, 200]);
    expect(ofTrace(traceId)).toHaveLength(3);
    expect(exporter.getStats()).toMatchObject({ spansDelivered: 3, spansDropped: 0, requestsRejected: 1 });
    expect(exporter.getStats().apm?.retries).toBe(1);
    expect(logger.at('error')).toEqual([]);
    await tracing.shutdown();
  });

  it('waits as long as a 429 answer says in Retry-After, then delivers', async () => {
    const { tracing, exporter } = setup();
    const before = traceRequests().length;
    agent.answerNextApmPayloads([{ status: 429, headers: { 'retry-after': '2' } }]);
    const traceId = runTrace(tracing);
    await tracing.flush();
    await agent.waitFor(() => ofTrace(traceId).length === 3);

    const [limited, delivered] = traceRequests().slice(before);
    expect(limited?.status).toBe(429);
    expect(delivered?.status).toBe(200);
    // The default backoff would retry after about 1 s.
    expect((delivered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(exporter.getStats()).toMatchObject({ spansDelivered: 3, spansDropped: 0 });
    await tracing.shutdown();
  });

  it('keeps the spans while the agent refuses connections and delivers them once it is up', async () => {
    const port = await freePort();
    const { tracing, exporter } = setup({ flushTimeoutMs: 300 }, `http://127.0.0.1:${port}`);
    const traceId = runTrace(tracing);
    await tracing.flush();
    expect(exporter.getStats().requestsFailed).toBeGreaterThan(0);
    expect(exporter.getStats().spansUnconfirmed).toBe(3);

    const late = await FakeDatadogAgent.start(port);
    try {
      await late.waitFor(
        () => late.apmSpans.filter((span) => span.meta['aitracing.trace_id'] === traceId).length === 3,
        15_000,
        'the retried payload',
      );
      await tracing.shutdown();
      expect(late.violations).toEqual([]);
      expect(exporter.getStats()).toMatchObject({ spansDelivered: 3, spansDropped: 0, spansUnconfirmed: 0 });
    } finally {
      await late.close();
    }
  });

  it('drops a payload answered 400, counts it and logs once', async () => {
    const { tracing, exporter, logger } = setup();
    agent.answerNextApmPayloads([{ status: 400 }, { status: 400 }]);
    runTrace(tracing);
    await tracing.flush();
    runTrace(tracing);
    await tracing.flush();

    expect(exporter.getStats()).toMatchObject({ spansDelivered: 0, spansDropped: 6 });
    expect(exporter.getStats().spansDroppedByReason.agentRejected).toBe(6);
    expect(logger.at('error')).toHaveLength(1);
    expect(logger.at('error')[0]).toContain('rejected a batch of 3 APM spans');
    expect(logger.at('error')[0]).toContain('HTTP 400');
    await tracing.shutdown();
  });
});
