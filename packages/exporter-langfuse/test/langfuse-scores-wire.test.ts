import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LangfuseExporter } from '../src/langfuse-exporter';
import type { LangfuseExporterOptions } from '../src/langfuse-exporter-options';
import { FakeLangfuse } from './fake-langfuse';

// Score bodies follow Langfuse's public API CreateScoreRequest (POST /api/public/scores): id (upsert
// key), traceId, observationId, name, value (number; 1/0 for BOOLEAN; string for CATEGORICAL),
// dataType, comment, metadata, environment. The fake answers 400 to a body Langfuse would refuse.

const fakes: FakeLangfuse[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function setup(options: LangfuseExporterOptions = {}, sampling: 'always' | 'never' = 'always') {
  const fake = new FakeLangfuse();
  fakes.push(fake);
  const logger = new RecordingLogger();
  const exporter = new LangfuseExporter({
    publicKey: fake.publicKey,
    secretKey: fake.secretKey,
    baseUrl: await fake.start(),
    environment: 'staging',
    flushInterval: 0.02,
    ...options,
  });
  const tracing = new DefaultAITracing({
    serviceName: 'support',
    exporters: [exporter],
    logger,
    sampling: { type: sampling },
  });
  return { fake, exporter, tracing, logger };
}

describe('LangfuseExporter scores on the wire', () => {
  it('sends numeric, boolean and categorical scores for a trace or one observation', async () => {
    const { fake, exporter, tracing } = await setup();
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' });
    const generation = root.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'answer' });
    generation.end();
    root.end();
    generation.score({
      name: 'helpfulness',
      value: 0.8,
      comment: 'clear',
      source: 'evaluator',
      id: 'a'.repeat(32),
    });
    tracing.score({
      traceId: root.traceId,
      name: 'thumbs-up',
      value: true,
      source: 'user-feedback',
      id: 'b'.repeat(32),
    });
    tracing.score({
      traceId: root.traceId,
      name: 'topic',
      value: 'billing',
      id: 'c'.repeat(32),
      environment: 'prod-eu',
    });
    await tracing.flush();
    expect(fake.rejections).toEqual([]);
    expect(fake.scores).toEqual([
      {
        id: 'a'.repeat(32),
        traceId: root.traceId,
        observationId: generation.id,
        name: 'helpfulness',
        value: 0.8,
        dataType: 'NUMERIC',
        comment: 'clear',
        metadata: { source: 'evaluator' },
        environment: 'staging',
      },
      {
        id: 'b'.repeat(32),
        traceId: root.traceId,
        name: 'thumbs-up',
        value: 1,
        dataType: 'BOOLEAN',
        metadata: { source: 'user-feedback' },
        environment: 'staging',
      },
      {
        id: 'c'.repeat(32),
        traceId: root.traceId,
        name: 'topic',
        value: 'billing',
        dataType: 'CATEGORICAL',
        environment: 'prod-eu',
      },
    ]);
    expect(exporter.getStats()?.scores).toMatchObject({ accepted: 3, exported: 3 });
  });

  it('delivers a score for a sampled-out trace and for one flushed long ago', async () => {
    const sampledOut = await setup({}, 'never');
    const span = sampledOut.tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'not-recorded' });
    span.end();
    await sampledOut.tracing.flush();
    span.score({ name: 'resolved', value: false });
    await sampledOut.tracing.flush();
    expect(sampledOut.fake.spans).toEqual([]);
    // Core scores the trace for a span of a sampled-out trace (its spans share one object).
    expect(sampledOut.fake.scores).toMatchObject([{ traceId: span.traceId, name: 'resolved', value: 0 }]);
    expect(sampledOut.fake.scores[0]?.observationId).toBeUndefined();
  });

  it('retries a score Langfuse answers 500 to and stores it once', async () => {
    const { fake, exporter, tracing, logger } = await setup();
    fake.scoreScript.push({ kind: 'status', status: 500, headers: { 'retry-after': '0' } });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
    span.end();
    span.score({ name: 'quality', value: 3 });
    await tracing.flush();
    expect(fake.scoreAttempts).toBe(2);
    expect(fake.scores).toHaveLength(1);
    expect(exporter.getStats()?.scores).toMatchObject({ accepted: 1, exported: 1, retries: 1 });
    expect(logger.at('error')).toEqual([]);
  });

  it('drops a score Langfuse answers 400 to, counts it, logs it once and keeps the keys out', async () => {
    const { fake, exporter, tracing, logger } = await setup({ secretKey: 'sk-lf-test' });
    fake.scoreScript.push({ kind: 'status', status: 400 }, { kind: 'status', status: 400 });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
    span.end();
    span.score({ name: 'quality', value: 1 });
    span.score({ name: 'quality', value: 2 });
    await tracing.flush();
    expect(fake.scoreAttempts).toBe(2);
    expect(fake.scores).toEqual([]);
    expect(exporter.getStats()?.scores.dropped.rejected).toBe(2);
    const lines = logger.at('error').filter((line) => line.includes('rejected a score'));
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(logger.lines)).not.toContain('sk-lf-test');
  });

  it('counts scores still undelivered at shutdown', async () => {
    const { fake, exporter, tracing } = await setup();
    fake.scoreScript.push({ kind: 'hang' });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
    span.end();
    span.score({ name: 'quality', value: 1 });
    await tracing.shutdown(300);
    expect(exporter.getStats()?.scores.dropped.shutdown).toBe(1);
  });
});
