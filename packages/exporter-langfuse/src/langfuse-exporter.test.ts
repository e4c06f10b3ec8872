import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { failOnUnhandledRejection, stoppedAfterEach } from '@aitracing/test-support';
import { describe, expect, it } from 'vitest';
import { runDemoTrace } from '../../exporter-otel/test/demo-trace';
import { FakeLangfuse, readObservation, readTraces } from '../test/fake-langfuse';
import { LangfuseExporter } from './langfuse-exporter';
import type { LangfuseExporterOptions } from './langfuse-exporter-options';

failOnUnhandledRejection();
const fakes = stoppedAfterEach<FakeLangfuse>();

async function setup(options: LangfuseExporterOptions = {}) {
  const fake = new FakeLangfuse();
  fakes.push(fake);
  const baseUrl = await fake.start();
  const logger = new RecordingLogger();
  const exporter = new LangfuseExporter({
    publicKey: fake.publicKey,
    secretKey: fake.secretKey,
    baseUrl,
    environment: 'staging',
    release: 'v1.4.2',
    flushInterval: 0.02,
    exportTimeoutMs: 2_000,
    ...options,
  });
  const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter], logger });
  return { fake, exporter, tracing, logger, baseUrl };
}

describe('LangfuseExporter', () => {
  it('produces a Langfuse trace of the demo: same ids, native observation types, usage, levels and trace fields', async () => {
    const { fake, tracing } = await setup();
    const ids = runDemoTrace(tracing);
    await tracing.flush();
    expect(fake.rejections).toEqual([]);
    const observations = new Map(fake.spans.map((span) => [span.spanId, readObservation(span)]));
    // The streamed chunk is folded into its generation by core: no event observation.
    expect(observations.size).toBe(8);
    expect([...observations.values()].some((observation) => observation.type === 'event')).toBe(false);

    const agent = observations.get(ids.agent)!;
    expect(agent).toMatchObject({
      traceId: ids.traceId,
      parentObservationId: undefined,
      type: 'agent',
      input: 'Where is my order?',
      output: 'Your order is in transit.',
      environment: 'staging',
      release: 'v1.4.2',
      metadata: { sessionId: 'session-42', userId: 'user-7', tier: 'gold' },
    });
    const plan = observations.get(ids.plan)!;
    expect(plan.name).toBe('plan');
    expect(plan).toMatchObject({
      parentObservationId: ids.agent,
      type: 'generation',
      model: 'gpt-4o',
      modelParameters: { temperature: 0.2, maxOutputTokens: 256, topP: 0.9, stopSequences: ['END'] },
      // 120 input tokens of which 100 read from the cache: Langfuse prices each key and sums them.
      usageDetails: { input: 20, output: 12, total: 132, input_cached_tokens: 100 },
      inputUsage: 120,
      outputUsage: 12,
      input: [
        { role: 'system', content: 'You are a support agent.' },
        { role: 'user', content: 'Where is my order?' },
      ],
      output: 'Let me check.',
    });
    // Time to first token: the first chunk's instant, between the generation's start and end.
    const firstChunk = Date.parse(plan.completionStartTime!);
    expect(firstChunk).toBeGreaterThanOrEqual(
      Math.floor(Number(BigInt(plan.startTimeUnixNano) / 1_000_000n)),
    );
    expect(firstChunk).toBeLessThanOrEqual(Math.ceil(Number(BigInt(plan.endTimeUnixNano) / 1_000_000n)));
    expect(observations.get(ids.failedTool)).toMatchObject({
      type: 'tool',
      level: 'ERROR',
      statusMessage: 'upstream timeout',
      input: { orderId: 'A-1' },
    });
    expect(observations.get(ids.retriedTool)).toMatchObject({
      type: 'tool',
      level: 'DEFAULT',
      output: { status: 'shipped' },
    });
    expect(observations.get(ids.mcpTool)).toMatchObject({ type: 'tool', output: 'in transit' });
    expect(observations.get(ids.answer)).toMatchObject({
      type: 'generation',
      usageDetails: { input: 200, output: 8, total: 208 },
      inputUsage: 200,
    });
    const workflowSpans = [...observations.values()].filter(
      (observation) => observation.traceId === ids.workflowTraceId,
    );
    expect(workflowSpans.map((observation) => observation.type).sort()).toEqual(['chain', 'span']);

    const trace = readTraces(fake.spans).get(ids.traceId)!;
    expect(trace).toEqual({
      id: ids.traceId,
      name: 'support-agent',
      userId: 'user-7',
      sessionId: 'session-42',
      tags: undefined,
      input: 'Where is my order?',
      output: 'Your order is in transit.',
      metadata: { tier: 'gold' },
    });
  });

  it('maps every span type to its observation type, with tags and cost when present', async () => {
    const { fake, tracing } = await setup();
    const root = tracing.startSpan({
      type: AISpanType.GENERIC,
      name: 'every-type',
      metadata: { tags: ['beta', 'eu'], userId: 'u-1' },
    });
    const expected: Record<string, string> = {};
    for (const type of Object.values(AISpanType)) {
      if (type === AISpanType.LLM_CHUNK) continue;
      const child = root.createChildSpan({ type, name: `child-${type}` });
      child.end(
        type === AISpanType.LLM_GENERATION
          ? {
              attributes: {
                model: 'claude-sonnet-4',
                cost: { input: 0.01, output: 0.02, total: 0.03, currency: 'USD' },
              } as never,
            }
          : undefined,
      );
    }
    root.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'child-llm_chunk' });
    root.end();
    Object.assign(expected, {
      agent_run: 'agent',
      llm_generation: 'generation',
      tool_call: 'tool',
      mcp_tool_call: 'tool',
      workflow_run: 'chain',
      llm_chunk: 'event',
    });
    await tracing.flush();
    for (const span of fake.spans) {
      const observation = readObservation(span);
      const type = String(span.attributes['aitracing.span.type']);
      if (span.name === 'every-type') continue;
      expect([span.name, observation.type]).toEqual([`child-${type}`, expected[type] ?? 'span']);
    }
    const generation = fake.spans
      .map(readObservation)
      .find((observation) => observation.type === 'generation');
    expect(generation).toMatchObject({
      model: 'claude-sonnet-4',
      costDetails: { input: 0.01, output: 0.02, total: 0.03 },
    });
    expect(readTraces(fake.spans).get(root.traceId)).toMatchObject({
      name: 'every-type',
      tags: ['beta', 'eu'],
      userId: 'u-1',
    });
  });

  it('takes time to first token from completionStartTime over chunk events, and reports cache writes', async () => {
    const { fake, tracing } = await setup();
    const generation = tracing.startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'stream',
      attributes: { model: 'claude-sonnet-4', streaming: true },
    });
    const firstContent = generation.startTime + 40;
    generation.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
    generation.end({
      attributes: {
        completionStartTime: firstContent,
        usage: { promptTokens: 900, completionTokens: 10, promptCacheWriteTokens: 800 },
      },
    });
    await tracing.flush();
    const observation = fake.spans.map(readObservation).find((candidate) => candidate.type === 'generation');
    expect(observation?.completionStartTime).toBe(new Date(firstContent).toISOString());
    expect(observation?.usageDetails).toMatchObject({ input: 100, input_cache_creation: 800 });
    expect(observation?.inputUsage).toBe(900);
  });

  it('creates scores through the Langfuse score API (addScoreToTrace)', async () => {
    const { fake, exporter, tracing } = await setup();
    const span = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    span.end();
    await exporter.addScoreToTrace({
      traceId: span.traceId,
      spanId: span.id,
      score: 0.9,
      reason: 'answered the question',
      scorerName: 'helpfulness',
      metadata: { judge: 'gpt-4o' },
    });
    expect(fake.scores).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        traceId: span.traceId,
        observationId: span.id,
        name: 'helpfulness',
        value: 0.9,
        dataType: 'NUMERIC',
        comment: 'answered the question',
        metadata: { judge: 'gpt-4o' },
        environment: 'staging',
      },
    ]);
    await tracing.shutdown();
  });

  it('warns once and stays off without keys, never breaking the app', async () => {
    const saved = { pk: process.env.LANGFUSE_PUBLIC_KEY, sk: process.env.LANGFUSE_SECRET_KEY };
    delete process.env.LANGFUSE_PUBLIC_KEY;
    delete process.env.LANGFUSE_SECRET_KEY;
    try {
      const logger = new RecordingLogger();
      const exporter = new LangfuseExporter({ baseUrl: 'http://127.0.0.1:9' });
      const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger });
      expect(exporter.isEnabled).toBe(false);
      for (let i = 0; i < 3; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' }).end();
      await exporter.addScoreToTrace({ traceId: 'a'.repeat(32), score: 1, scorerName: 's' });
      await tracing.shutdown();
      expect(logger.at('warn').filter((line) => line.includes('langfuse exporter is disabled'))).toHaveLength(
        1,
      );
    } finally {
      if (saved.pk !== undefined) process.env.LANGFUSE_PUBLIC_KEY = saved.pk;
      if (saved.sk !== undefined) process.env.LANGFUSE_SECRET_KEY = saved.sk;
    }
  });
});

describe('LangfuseExporter under faults', () => {
  it('drops a batch Langfuse answers 401 to, logs it once without the keys, and does not retry', async () => {
    const { fake, exporter, tracing, logger } = await setup({ secretKey: 'sk-wrong-never-logged' });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'a' }).end();
    await tracing.flush();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'b' }).end();
    await tracing.flush();
    expect(fake.otlpAttempts).toBe(0);
    expect(fake.rejections).toEqual(['401 /api/public/otel/v1/traces', '401 /api/public/otel/v1/traces']);
    expect(exporter.getStats()?.dropped.rejected).toBe(2);
    const errors = logger.at('error');
    expect(errors.filter((line) => line.includes('rejected a batch'))).toHaveLength(1);
    expect(JSON.stringify(logger.lines)).not.toContain('sk-wrong-never-logged');
  });

  it('waits out a 429 Retry-After and loses nothing after 5xx errors', async () => {
    const { fake, exporter, tracing } = await setup();
    fake.script.push(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'status', status: 500 },
    );
    const started = Date.now();
    for (let i = 0; i < 4; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: `s${i}` }).end();
    await tracing.flush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.spans.map((span) => span.name).sort()).toEqual(['s0', 's1', 's2', 's3']);
    expect(exporter.getStats()).toMatchObject({ exported: 4, dropped: { rejected: 0, retriesExhausted: 0 } });
  });

  it('gives up on a hanging server within its budget, and the app never waits on it', async () => {
    const { fake, exporter, tracing } = await setup({ exportTimeoutMs: 300, maxRetryDurationMs: 700 });
    for (let i = 0; i < 10; i++) fake.script.push({ kind: 'hang' });
    // Ending a span is synchronous: the app goes on while the server hangs.
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'stuck' }).end();
    expect(exporter.getStats()?.dropped.retriesExhausted).toBe(0);
    await tracing.flush();
    expect(exporter.getStats()?.dropped.retriesExhausted).toBe(1);
  });

  it('drains pending batches at shutdown within the timeout and counts what it had to drop', async () => {
    const { fake, exporter, tracing } = await setup({ flushInterval: 60 });
    for (let i = 0; i < 20; i++) fake.script.push({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: `p${i}` }).end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Core hands each exporter the time left of its own shutdown timeout; the exporter's shutdown
    // promise settles right after (without the timeout, retries would go on for the default 60 s
    // and the test timeout catches it).
    await tracing.shutdown(500);
    await exporter.shutdown();
    expect(exporter.getStats()?.dropped.shutdown).toBe(3);
  });
});
