import { AISpanType, DefaultAITracing, propagateAttributes } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { OtelExporter } from '../src/otel-exporter';
import type { OtelExporterOptions } from '../src/otel-exporter-options';
import { OtlpReceiver } from './otlp-receiver';

// Attribute names: OpenTelemetry semantic conventions (`user.id`, `session.id`), GenAI registry
// (`gen_ai.conversation.id`, `gen_ai.prompt.name`, `gen_ai.evaluation.*`) and the GenAI event
// `gen_ai.evaluation.result` (open-telemetry/semantic-conventions-genai, model/gen-ai/events.yaml).

const receivers: OtlpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function setup(options: OtelExporterOptions = {}, sampling: 'always' | 'never' = 'always') {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  const exporter = new OtelExporter({
    endpoint: await receiver.startHttp(),
    scheduledDelayMs: 20,
    environment: 'staging',
    serviceVersion: '1.0.0',
    ...options,
  });
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'support',
    exporters: [exporter],
    logger,
    sampling: { type: sampling },
  });
  return { receiver, exporter, tracing, logger };
}

describe('OtelExporter: users, sessions, tags, environment, release and prompts', () => {
  it('sends the scoped context as attributes on every span', async () => {
    const { receiver, tracing } = await setup();
    await propagateAttributes(
      { userId: 'user-7', sessionId: 'chat-42', tags: ['beta'], environment: 'prod-eu', release: 'v2.0.1' },
      async () => {
        const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' });
        await Promise.resolve();
        root
          .createChildSpan({
            type: AISpanType.LLM_GENERATION,
            name: 'answer',
            attributes: {
              model: 'gpt-4o',
              prompt: {
                name: 'support-answer',
                version: 3,
                id: 'prm_1',
                template: 'Answer {{q}}',
                variables: { q: 'x' },
              },
            },
          })
          .end();
        root.end();
      },
    );
    await tracing.flush();
    expect(receiver.spans).toHaveLength(2);
    for (const span of receiver.spans) {
      expect(span.attributes).toMatchObject({
        'user.id': 'user-7',
        'session.id': 'chat-42',
        'gen_ai.conversation.id': 'chat-42',
        'aitracing.tags': ['beta'],
        'aitracing.environment': 'prod-eu',
        'aitracing.release': 'v2.0.1',
      });
      // The process's own environment and version stay on the resource.
      expect(span.resource['deployment.environment.name']).toBe('staging');
      expect(span.resource['service.version']).toBe('1.0.0');
    }
    const answer = receiver.spans.find((span) => span.name === 'chat gpt-4o');
    expect(answer?.attributes).toMatchObject({
      'gen_ai.prompt.name': 'support-answer',
      'aitracing.prompt.version': 3,
      'aitracing.prompt.id': 'prm_1',
      'aitracing.prompt.template': 'Answer {{q}}',
      'aitracing.prompt.variables': '{"q":"x"}',
    });
    expect(answer?.attributes['aitracing.prompt']).toBeUndefined();
  });

  it('leaves the prompt template and variables out without content capture', async () => {
    const { receiver, tracing } = await setup({ captureContent: false });
    tracing
      .startSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'answer',
        attributes: {
          model: 'gpt-4o',
          prompt: { name: 'p', template: 'secret {{x}}', variables: { x: 'pii' } },
        },
      })
      .end();
    await tracing.flush();
    const attributes = receiver.spans[0]?.attributes ?? {};
    expect(attributes['gen_ai.prompt.name']).toBe('p');
    expect(JSON.stringify(attributes)).not.toContain('pii');
  });
});

describe('OtelExporter: scores as gen_ai.evaluation.result', () => {
  it('sends each score as an evaluation event on a span under the scored span', async () => {
    const { receiver, exporter, tracing } = await setup();
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' });
    const generation = root.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'answer' });
    generation.end();
    root.end();
    generation.score({ name: 'relevance', value: 0.75, comment: 'on topic', source: 'evaluator' });
    tracing.score({ traceId: root.traceId, name: 'thumbs_up', value: true, source: 'user-feedback' });
    tracing.score({ traceId: root.traceId, spanId: root.id, name: 'verdict', value: 'pass' });
    await tracing.flush();
    const byName = new Map(
      receiver.evaluations.map((event) => [event.attributes['gen_ai.evaluation.name'], event]),
    );
    expect(byName.get('relevance')).toMatchObject({
      traceId: root.traceId,
      parentSpanId: generation.id,
      attributes: {
        'gen_ai.evaluation.name': 'relevance',
        'gen_ai.evaluation.score.value': 0.75,
        'gen_ai.evaluation.explanation': 'on topic',
      },
    });
    expect(byName.get('thumbs_up')).toMatchObject({
      traceId: root.traceId,
      parentSpanId: '',
      attributes: { 'gen_ai.evaluation.score.value': 1, 'gen_ai.evaluation.score.label': 'true' },
    });
    expect(byName.get('verdict')).toMatchObject({
      parentSpanId: root.id,
      attributes: { 'gen_ai.evaluation.score.label': 'pass' },
    });
    const carrier = receiver.spans.find((span) => span.name === 'evaluation relevance');
    expect(carrier?.attributes).toMatchObject({
      'aitracing.score.source': 'evaluator',
      'aitracing.span.type': 'score',
    });
    expect(exporter.getStats()).toMatchObject({ accepted: 5, exported: 5 });
  });

  it('delivers a score for a sampled-out trace', async () => {
    const { receiver, tracing } = await setup({}, 'never');
    const span = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'never-recorded' });
    span.end();
    span.score({ name: 'feedback', value: false });
    await tracing.flush();
    expect(receiver.spans.map((received) => received.name)).toEqual(['evaluation feedback']);
    // Core scores the trace for a span of a sampled-out trace (its spans share one object).
    expect(receiver.evaluations[0]).toMatchObject({ traceId: span.traceId, parentSpanId: '' });
  });

  it('retries a score the collector answers 500 to and delivers it once', async () => {
    const { receiver, exporter, tracing } = await setup();
    receiver.script.push({ kind: 'status', status: 500, headers: { 'retry-after': '0' } });
    tracing.score({ traceId: 'a'.repeat(32), name: 'quality', value: 2, id: 'b'.repeat(32) });
    await tracing.flush();
    expect(receiver.attempts).toBe(2);
    expect(receiver.evaluations).toHaveLength(1);
    expect(exporter.getStats()).toMatchObject({ exported: 1, retries: 1 });
  });

  it('drops a score the collector answers 400 to, counted and logged once', async () => {
    const { receiver, exporter, tracing, logger } = await setup();
    receiver.script.push({ kind: 'status', status: 400 });
    tracing.score({ traceId: 'a'.repeat(32), name: 'quality', value: 2 });
    await tracing.flush();
    expect(receiver.evaluations).toHaveLength(0);
    expect(exporter.getStats().dropped.rejected).toBe(1);
    expect(logger.at('error').filter((line) => line.includes('rejected a batch'))).toHaveLength(1);
  });
});
