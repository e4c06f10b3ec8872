import { AISpanType, AITracingEventType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeDatadogAgent } from '../test/fake-datadog-agent';
import { createFakeTracer } from '../test/fake-tracer';
import { apmTree, llmobsTree, sorted } from '../test/wire-tree';
import { DatadogExporter } from './datadog-exporter';
import type { DatadogExporterOptions } from './datadog-exporter-options';

// LLM Observability span events are delivered by the exporter itself: to this agent.
let agent: FakeDatadogAgent;
beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
});
afterAll(async () => {
  await agent.close();
});

function setup(options: DatadogExporterOptions, tracer = createFakeTracer()) {
  const logger = new RecordingLogger();
  const exporter = new DatadogExporter({ tracer, agentUrl: agent.url, ...options });
  const tracing = new DefaultAITracing({ serviceName: 'unit-app', exporters: [exporter], logger });
  return { logger, exporter, tracing, tracer };
}

// Three exported spans per trace: the chunk folds into its generation (core).
async function runSmallTrace(tracing: DefaultAITracing): Promise<void> {
  const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'root', attributes: { agentId: 'a' } });
  const llm = root.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'llm',
    attributes: { model: 'm' },
  });
  llm.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: 'x' });
  llm.end({ output: 'xy' });
  root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).error({ error: new Error('nope') });
  root.end();
  await tracing.flush();
}

const savedApiKey = process.env.DD_API_KEY;
afterEach(() => {
  if (savedApiKey === undefined) delete process.env.DD_API_KEY;
  else process.env.DD_API_KEY = savedApiKey;
});

describe('DatadogExporter', () => {
  it('wants ended spans and scores, and only ended spans in mode apm (no place for scores)', () => {
    expect(new DatadogExporter({ tracer: createFakeTracer() }).eventTypes).toEqual([
      AITracingEventType.SPAN_ENDED,
      AITracingEventType.SCORE_ADDED,
    ]);
    expect(new DatadogExporter({ tracer: createFakeTracer(), mode: 'apm' }).eventTypes).toEqual([
      AITracingEventType.SPAN_ENDED,
    ]);
  });

  it('initialises dd-trace with auto-instrumentation and startup logs off, and its options', () => {
    const startupLogs = process.env.DD_TRACE_STARTUP_LOGS;
    delete process.env.DD_TRACE_STARTUP_LOGS;
    const { tracer } = setup({
      mlApp: 'ml',
      env: 'e',
      version: 'v',
      site: 'datadoghq.eu',
      agentUrl: 'http://h:1',
    });
    if (startupLogs !== undefined) process.env.DD_TRACE_STARTUP_LOGS = startupLogs;
    expect(tracer.initCalls).toHaveLength(1);
    expect(tracer.initCalls[0]).toMatchObject({
      plugins: false,
      startupLogs: false,
      service: 'unit-app',
      env: 'e',
      version: 'v',
      site: 'datadoghq.eu',
      url: 'http://h:1',
    });
    // dd-trace's LLM Observability SDK is not used: the exporter delivers span events itself.
    expect(tracer.initCalls[0]).not.toHaveProperty('llmobs');
    const ddLogger = tracer.initCalls[0]?.logger as { warn?: unknown } | undefined;
    expect(typeof ddLogger?.warn).toBe('function');
  });

  it('leaves LLM Observability out of the init options in APM mode', () => {
    const { tracer } = setup({ mode: 'apm', service: 'svc' });
    expect(tracer.initCalls[0]).toMatchObject({ service: 'svc' });
    expect(tracer.initCalls[0]).not.toHaveProperty('llmobs');
  });

  it('hands the API key to dd-trace through DD_API_KEY, without logging it', () => {
    delete process.env.DD_API_KEY;
    const { logger } = setup({ agentless: true, apiKey: 'top-secret-key' });
    expect(process.env.DD_API_KEY).toBe('top-secret-key');
    expect(JSON.stringify(logger.lines)).not.toContain('top-secret-key');
  });

  it('reuses a tracer the application initialised', () => {
    const tracer = createFakeTracer({ initialised: true });
    const { logger } = setup({}, tracer);
    expect(tracer.initCalls).toEqual([]);
    expect(logger.at('info')).toContain(
      'Datadog exporter: reusing the dd-trace tracer the application initialised',
    );
  });

  it('delivers LLM Observability span events itself, one tree per trace, and no APM spans in mode llmobs', async () => {
    const { tracing, tracer, exporter } = setup({ mlApp: 'unit-ml' });
    const received = agent.llmobsSpans.length;
    await runSmallTrace(tracing);
    const spans = agent.llmobsSpans.slice(received);
    expect(agent.violations).toEqual([]);
    expect(sorted(llmobsTree(spans))).toEqual(
      sorted([
        ['root', undefined],
        ['llm', 'root'],
        ['tool', 'root'],
      ]),
    );
    expect(spans.find((span) => span.name === 'llm')?.meta.metadata).toMatchObject({ stream_chunks: 1 });
    expect(spans.find((span) => span.name === 'tool')).toMatchObject({
      status: 'error',
      meta: { 'error.message': 'nope' },
    });
    expect(spans.every((span) => span.tags.includes('ml_app:unit-ml'))).toBe(true);
    expect(tracer.spans).toEqual([]);
    expect(exporter.getStats()).toMatchObject({
      spansHandedOver: 3,
      spansDelivered: 3,
      // The chunk reached the exporter folded into its generation, not as an event span to attach.
      eventSpansAttached: 0,
      tracesCompleted: 1,
    });
  });

  it('delivers APM spans itself in modes apm and both, never through dd-trace spans', async () => {
    const before = agent.apmSpans.length;
    const both = setup({ mode: 'both' });
    await runSmallTrace(both.tracing);
    const apm = setup({ mode: 'apm' });
    await runSmallTrace(apm.tracing);
    expect(both.tracer.spans).toEqual([]);
    expect(apm.tracer.spans).toEqual([]);
    expect(agent.violations).toEqual([]);
    const spans = agent.apmSpans.slice(before);
    expect(spans.map((span) => span.name).sort()).toEqual(
      [
        'aitracing.agent_run',
        'aitracing.llm_generation',
        'aitracing.tool_call',
        'aitracing.agent_run',
        'aitracing.llm_generation',
        'aitracing.tool_call',
      ].sort(),
    );
    expect(sorted(apmTree(spans))).toEqual(
      sorted([
        ['root', undefined],
        ['llm', 'root'],
        ['tool', 'root'],
        ['root', undefined],
        ['llm', 'root'],
        ['tool', 'root'],
      ]),
    );
    expect(apm.exporter.getStats()).toMatchObject({ spansHandedOver: 3, spansDelivered: 3, spansDropped: 0 });
    expect(apm.exporter.getStats().llmobs).toBeUndefined();
    expect(both.exporter.getStats().apm).toMatchObject({ spansDelivered: 3, spansPending: 0 });
    expect(both.exporter.getStats().llmobs).toMatchObject({ spansDelivered: 3, spansPending: 0 });
  });

  it('warns once and disables itself in agentless mode without an API key', async () => {
    delete process.env.DD_API_KEY;
    const { tracing, tracer, logger, exporter } = setup({ agentless: true });
    await runSmallTrace(tracing);
    await runSmallTrace(tracing);
    expect(tracer.initCalls).toEqual([]);
    expect(tracer.spans).toEqual([]);
    expect(logger.at('warn')).toHaveLength(1);
    expect(logger.at('warn')[0]).toContain('agentless mode needs an API key');
    expect(exporter.getStats()).toMatchObject({ spansReceived: 6, spansDropped: 6 });
    await tracing.shutdown();
  });

  it('needs no LLM Observability SDK in dd-trace, and links both views by id in mode both', async () => {
    const llmobsOnly = setup({}, createFakeTracer({ withoutLLMObs: true }));
    await runSmallTrace(llmobsOnly.tracing);
    expect(llmobsOnly.exporter.getStats()).toMatchObject({ spansDelivered: 3, spansDropped: 0 });
    const both = setup({ mode: 'both' }, createFakeTracer({ withoutLLMObs: true }));
    const received = agent.llmobsSpans.length;
    const receivedApm = agent.apmSpans.length;
    await runSmallTrace(both.tracing);
    const apm = agent.apmSpans.slice(receivedApm);
    const llmobs = agent.llmobsSpans.slice(received);
    expect(apm.map((span) => span.resource).sort()).toEqual(['llm', 'root', 'tool']);
    const apmIds = apm.map((span) => span.span_id.toString());
    expect(llmobs.map((span) => span.span_id).sort()).toEqual([...apmIds].sort());
    for (const span of apm) {
      const twin = llmobs.find((candidate) => candidate.span_id === span.span_id.toString());
      // The LLM Observability trace id is the full 128 bits; APM carries the lower 64 and `_dd.p.tid`.
      expect(twin?.trace_id).toBe(`${span.meta['_dd.p.tid']}${span.trace_id.toString(16).padStart(16, '0')}`);
    }
  });

  it('attaches a late child to its parent and drops an event that ends after its parent', async () => {
    const { tracing, tracer, exporter, logger } = setup({});
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'root',
      attributes: { agentId: 'a' },
    });
    const llm = root.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
    const tool = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'late-tool' });
    llm.end();
    root.end();
    await tracing.flush();
    tool.end();
    llm.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'late-chunk', output: 'x' });
    await tracing.flush();
    expect(tracer.spans).toEqual([]);
    const spans = agent.llmobsSpans.filter((span) =>
      span.tags.includes(`aitracing.trace_id:${root.traceId}`),
    );
    expect(sorted(llmobsTree(spans))).toEqual(
      sorted([
        ['root', undefined],
        ['llm', 'root'],
        ['late-tool', 'root'],
      ]),
    );
    expect(exporter.getStats()).toMatchObject({ spansReceived: 4, lateSpans: 2, spansDropped: 1 });
    expect(logger.at('warn')).toEqual([
      'Datadog exporter: dropped an event span that ended after its parent',
    ]);
  });

  it('never throws into the application when dd-trace throws everywhere, and still delivers', async () => {
    const { tracing, exporter, logger } = setup({ mode: 'both' }, createFakeTracer({ throwing: true }));
    await runSmallTrace(tracing);
    await runSmallTrace(tracing);
    // dd-trace only supplies configuration: its spans are not on the delivery path.
    expect(exporter.getStats()).toMatchObject({ spansHandedOver: 6, spansDelivered: 6, spansDropped: 0 });
    expect(exporter.getStats().apm).toMatchObject({ spansDelivered: 6 });
    expect(logger.at('error')).toEqual([]);
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });

  it('shuts down once, emitting held traces, and drops later spans', async () => {
    const { tracing, exporter } = setup({});
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'unfinished',
      attributes: { agentId: 'a' },
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'finished-child' }).end();
    await tracing.flush();
    expect(exporter.getStats().heldTraces).toBe(1);
    const first = exporter.shutdown();
    expect(exporter.shutdown()).toBe(first);
    await first;
    const spans = agent.llmobsSpans.filter((span) =>
      span.tags.includes(`aitracing.trace_id:${root.traceId}`),
    );
    expect(sorted(llmobsTree(spans))).toEqual(
      sorted([
        ['incomplete trace', undefined],
        ['finished-child', 'incomplete trace'],
      ]),
    );
    const late: ExportedAISpan = {
      id: '00000000000000ff',
      traceId: '000000000000000000000000000000ff',
      name: 'late',
      type: AISpanType.GENERIC,
      startTime: 1,
      endTime: 2,
      isEvent: false,
      isRootSpan: true,
    };
    await exporter.exportEvent({ type: AITracingEventType.SPAN_ENDED, exportedSpan: late });
    expect(exporter.getStats()).toMatchObject({ tracesIncomplete: 1, spansDropped: 1 });
    await expect(exporter.flush()).resolves.toBeUndefined();
  });

  it("settles flush within the caller's time left", async () => {
    // Without the caller's 20 ms the flush would wait 10 minutes for the retry: the test timeout catches that.
    const { tracing, exporter } = setup({ flushTimeoutMs: 600_000 });
    await runSmallTrace(tracing);
    const handedOver = exporter.getStats().spansHandedOver;
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'more',
      attributes: { agentId: 'a' },
    });
    root.end();
    await vi.waitFor(() => expect(exporter.getStats().spansHandedOver).toBeGreaterThan(handedOver), {
      timeout: 10_000,
    });
    // An agent that never answers keeps the flush waiting: only the caller's time left ends it.
    agent.answerNextLLMObsPayloads([{ status: 503, headers: { 'retry-after': '600' } }]);
    await expect(exporter.flush(20)).resolves.toBeUndefined();
  });
});
