import { describe, expect, it } from 'vitest';
import { runWithSpan } from '../context/async-context';
import { clearAITracingRegistry, registerAITracing } from '../registry/default-registry';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { type AITracingEvent, AITracingEventType, type AITracingExporter } from '../types/exporter';
import { AISpanType } from '../types/span-type';
import { score } from './score';

function setup(sampling: 'always' | 'never' = 'always') {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters: [exporter],
    logger,
    sampling: { type: sampling },
  });
  return { exporter, tracing, logger };
}

describe('scores', () => {
  it('delivers a span’s score with its ids, user and session, and every default filled', async () => {
    const { exporter, tracing } = setup();
    const span = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'run',
      userId: 'u1',
      sessionId: 's1',
    });
    span.end();
    span.score({ name: 'helpfulness', value: 0.8, comment: 'good', source: 'evaluator' });
    await tracing.flush();
    const [scored] = exporter.getScores();
    expect(scored).toMatchObject({
      traceId: span.traceId,
      spanId: span.id,
      name: 'helpfulness',
      value: 0.8,
      dataType: 'numeric',
      comment: 'good',
      source: 'evaluator',
      userId: 'u1',
      sessionId: 's1',
    });
    expect(scored?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(scored?.timestamp).toBeGreaterThan(0);
    expect(Object.isFrozen(scored)).toBe(true);
  });

  it('reaches the exporter for a sampled-out trace and after the trace was flushed', async () => {
    const sampledOut = setup('never');
    const span = sampledOut.tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'not recorded' });
    const traceId = span.traceId;
    span.end();
    span.score({ name: 'thumbs', value: true, source: 'user-feedback' });
    await sampledOut.tracing.flush();
    expect(sampledOut.exporter.getFinishedSpans()).toHaveLength(0);
    expect(sampledOut.exporter.getScores()).toMatchObject([
      { traceId, name: 'thumbs', value: true, dataType: 'boolean' },
    ]);

    const { exporter, tracing } = setup();
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'flushed' });
    root.end();
    await tracing.flush();
    tracing.score({ traceId: root.traceId, name: 'quality', value: 'good', id: 'fixed-id' });
    await tracing.flush();
    expect(exporter.getScores()).toMatchObject([
      { id: 'fixed-id', traceId: root.traceId, name: 'quality', value: 'good', dataType: 'categorical' },
    ]);
  });

  it('drops invalid scores with one warning and never throws', async () => {
    const { exporter, tracing, logger } = setup();
    const traceId = 'a'.repeat(32);
    tracing.score({ traceId, name: '', value: 1 });
    tracing.score({ traceId, name: 'nan', value: Number.NaN });
    tracing.score({ traceId: 'not-a-trace', name: 'x', value: 1 });
    tracing.score({ traceId, name: 'object', value: {} as never });
    tracing.score(null as never);
    tracing.score({ traceId, name: 'kept', value: 1, spanId: 'bad span id' });
    await tracing.flush();
    expect(exporter.getScores().map((kept) => [kept.name, 'spanId' in kept])).toEqual([['kept', false]]);
    expect(logger.at('warn').filter((line) => line.includes('score dropped'))).toHaveLength(1);
  });

  it('redacts and limits comment and metadata like span data', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [exporter],
      serialization: { maxStringLength: 64 },
    });
    tracing.score({
      traceId: 'b'.repeat(32),
      name: 'review',
      value: 1,
      comment: 'c'.repeat(1_000),
      metadata: { apiKey: 'sk-secret', note: 'n'.repeat(1_000) },
    });
    await tracing.flush();
    const [scored] = exporter.getScores();
    expect(scored?.comment?.length).toBeLessThan(200);
    expect(JSON.stringify(scored?.metadata)).not.toContain('sk-secret');
    expect(String(scored?.metadata?.note).length).toBeLessThan(200);
  });

  it('reaches only exporters that list score_added in eventTypes', async () => {
    const seen: AITracingEvent[] = [];
    const legacy: AITracingExporter = {
      name: 'legacy',
      exportEvent: async (event) => {
        seen.push(event);
      },
      shutdown: async () => {},
    };
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [legacy] });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
    span.end();
    span.score({ name: 'n', value: 1 });
    await tracing.flush();
    expect(seen.map((event) => event.type)).toEqual([
      AITracingEventType.SPAN_STARTED,
      AITracingEventType.SPAN_ENDED,
    ]);
  });

  it('routes the top-level score() to the current span’s instance, else the registry’s default', async () => {
    clearAITracingRegistry();
    const registered = setup();
    const other = setup();
    registerAITracing('main', registered.tracing, true);
    try {
      const span = other.tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
      runWithSpan(span, () => score({ traceId: span.traceId, name: 'via-current', value: 1 }));
      score({ traceId: 'c'.repeat(32), name: 'via-default', value: 2 });
      span.end();
      await Promise.all([registered.tracing.flush(), other.tracing.flush()]);
      expect(other.exporter.getScores().map((s) => s.name)).toEqual(['via-current']);
      expect(registered.exporter.getScores().map((s) => s.name)).toEqual(['via-default']);
    } finally {
      clearAITracingRegistry();
    }
  });
});
