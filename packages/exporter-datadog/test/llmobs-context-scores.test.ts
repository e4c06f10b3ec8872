import './dd-env';
import { AISpanType, DefaultAITracing, propagateAttributes } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter, ROOT_TRACE_TAG } from '../src/index';
import { type AgentLLMObsSpan, FakeDatadogAgent } from './fake-datadog-agent';
import { tagOf } from './wire-tree';

// Field names from dd-trace's LLM Observability SDK (packages/dd-trace/src/llmobs): span tags and
// `session_id` (span_processor.js), `meta.input.prompt` (tagger.js `tagPrompt`), evaluation metrics
// (sdk.js `submitEvaluation`, writers/evaluations.js, constants/writers.js: EVP subdomain `api`,
// `/api/intake/llm-obs/v2/eval-metric`).

let agent: FakeDatadogAgent;
let exporter: DatadogExporter;
let tracing: DefaultAITracing;
const logger = new RecordingLogger();

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  process.env.DD_TRACE_AGENT_URL = agent.url;
  process.env.DD_ENV = 'test';
  exporter = new DatadogExporter({ mlApp: 'support-bot' });
  tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [exporter], logger });
});

afterAll(async () => {
  await tracing.shutdown();
  await agent.close();
});

function wireSpan(name: string): AgentLLMObsSpan {
  const span = agent.llmobsSpans.find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no LLM Observability span ${name}`);
  return span;
}

describe('DatadogExporter: users, sessions, tags and prompts in LLM Observability', () => {
  it('tags every span with the scoped user, session, tags, env and version', async () => {
    await propagateAttributes(
      {
        userId: 'user-7',
        sessionId: 'chat-42',
        tags: ['beta', 'tier:gold'],
        environment: 'prod',
        release: 'v2',
      },
      async () => {
        const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'ctx-agent' });
        await Promise.resolve();
        root
          .createChildSpan({
            type: AISpanType.LLM_GENERATION,
            name: 'ctx-answer',
            attributes: {
              model: 'gpt-4o',
              provider: 'openai',
              prompt: {
                name: 'support-answer',
                version: 3,
                template: 'Answer {{q}}',
                variables: { q: 'where?' },
              },
            },
            input: [{ role: 'user', content: 'where?' }],
          })
          .end({ output: 'here' });
        root.end();
      },
    );
    await tracing.flush();
    await agent.waitFor(
      () => agent.llmobsSpans.some((span) => span.name === 'ctx-agent'),
      10_000,
      'ctx spans',
    );
    expect(agent.violations).toEqual([]);
    for (const name of ['ctx-agent', 'ctx-answer']) {
      const span = wireSpan(name);
      expect(span.session_id).toBe('chat-42');
      expect(tagOf(span.tags, 'session_id')).toBe('chat-42');
      expect(tagOf(span.tags, 'user_id')).toBe('user-7');
      expect(tagOf(span.tags, 'beta')).toBe('true');
      expect(tagOf(span.tags, 'tier')).toBe('gold');
      expect(tagOf(span.tags, 'env')).toBe('prod');
      expect(tagOf(span.tags, 'version')).toBe('v2');
    }
    const answer = wireSpan('ctx-answer');
    expect(answer.meta.input?.prompt).toEqual({
      id: 'support-answer',
      version: '3',
      template: 'Answer {{q}}',
      variables: { q: 'where?' },
      _dd_context_variable_keys: ['context'],
      _dd_query_variable_keys: ['question'],
    });
    expect(answer.meta.input?.messages).toEqual([{ role: 'user', content: 'where?' }]);
    expect(tagOf(answer.tags, 'prompt_tracking_instrumentation_method')).toBe('annotated');
    // Only the root that started the trace carries the tag trace-level scores join on.
    expect(tagOf(wireSpan('ctx-agent').tags, ROOT_TRACE_TAG)).toBe(wireSpan('ctx-agent').trace_id);
    expect(tagOf(answer.tags, ROOT_TRACE_TAG)).toBeUndefined();
  });
});

describe('DatadogExporter: scores as LLM Observability evaluations', () => {
  it('sends span and trace scores as evaluation metrics joined to their span', async () => {
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'scored-agent' });
    const generation = root.createChildSpan({ type: AISpanType.LLM_GENERATION, name: 'scored-answer' });
    generation.end();
    root.end();
    generation.score({
      name: 'helpfulness',
      value: 0.8,
      comment: 'clear',
      source: 'evaluator',
      id: 'a'.repeat(32),
    });
    tracing.score({ traceId: root.traceId, name: 'thumbs_up', value: true, source: 'user-feedback' });
    tracing.score({ traceId: root.traceId, spanId: root.id, name: 'topic', value: 'billing' });
    await tracing.flush();
    await agent.waitFor(() => agent.evaluations.length >= 3, 10_000, '3 evaluations');
    expect(agent.violations).toEqual([]);
    const byLabel = new Map(agent.evaluations.map((metric) => [metric.label, metric]));
    const answer = wireSpan('scored-answer');
    expect(byLabel.get('helpfulness')).toMatchObject({
      event_kind: 'evaluation',
      join_on: { span: { span_id: answer.span_id, trace_id: answer.trace_id } },
      metric_type: 'score',
      score_value: 0.8,
      reasoning: 'clear',
      ml_app: 'support-bot',
    });
    expect(byLabel.get('helpfulness')?.tags).toEqual(
      expect.arrayContaining([
        'ml_app:support-bot',
        'score_source:evaluator',
        `aitracing.score_id:${'a'.repeat(32)}`,
      ]),
    );
    expect(byLabel.get('thumbs_up')).toMatchObject({
      join_on: { tag: { key: ROOT_TRACE_TAG, value: wireSpan('scored-agent').trace_id } },
      metric_type: 'boolean',
      boolean_value: true,
    });
    expect(byLabel.get('topic')).toMatchObject({
      join_on: { span: { span_id: wireSpan('scored-agent').span_id } },
      metric_type: 'categorical',
      categorical_value: 'billing',
    });
    expect(exporter.getStats().evaluations).toMatchObject({ received: 3, delivered: 3, dropped: 0 });
  });

  it('retries an evaluation payload the intake answers 500 to and delivers it once', async () => {
    const before = agent.evaluations.length;
    agent.answerNextEvaluationPayloads([{ status: 500, headers: { 'retry-after': '0' } }]);
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'retried' });
    span.end();
    span.score({ name: 'retried_quality', value: 1 });
    await tracing.flush();
    await agent.waitFor(() => agent.evaluations.length > before, 10_000, 'the retried evaluation');
    expect(agent.evaluations.filter((metric) => metric.label === 'retried_quality')).toHaveLength(1);
    expect(exporter.getStats().evaluations.retries).toBeGreaterThanOrEqual(1);
  });

  it('drops an evaluation payload the intake answers 400 to, counted and logged once', async () => {
    agent.answerNextEvaluationPayloads([{ status: 400 }]);
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'refused' });
    span.end();
    span.score({ name: 'refused_quality', value: 1 });
    await tracing.flush();
    expect(agent.evaluations.some((metric) => metric.label === 'refused_quality')).toBe(false);
    expect(exporter.getStats().evaluations.droppedByReason.agentRejected).toBe(1);
    const lines = logger.at('error').filter((line) => line.includes('LLM Observability evaluation'));
    expect(lines).toHaveLength(1);
  });

  it('delivers a score for a sampled-out trace', async () => {
    const sampledOut = new DefaultAITracing({
      serviceName: 'support-app',
      exporters: [new DatadogExporter({ mlApp: 'support-bot' })],
      sampling: { type: 'never' },
      logger: new RecordingLogger(),
    });
    const span = sampledOut.startSpan({ type: AISpanType.AGENT_RUN, name: 'never-recorded' });
    span.end();
    span.score({ name: 'unsampled_feedback', value: false });
    await sampledOut.flush();
    await agent.waitFor(
      () => agent.evaluations.some((metric) => metric.label === 'unsampled_feedback'),
      10_000,
      'the sampled-out trace score',
    );
    expect(agent.llmobsSpans.some((candidate) => candidate.name === 'never-recorded')).toBe(false);
    await sampledOut.shutdown();
  });
});
