import { AISpanType, DefaultAITracing, propagateAttributes } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { AIMetricsCollector } from './metrics-collector';

function generation(tracing: DefaultAITracing, promptTokens: number, costTotal: number) {
  tracing
    .startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'answer',
      attributes: {
        model: 'gpt-4o',
        provider: 'openai',
        usage: { promptTokens, completionTokens: 10 },
        cost: { total: costTotal, currency: 'USD' },
      },
    })
    .end();
}

function series(collector: AIMetricsCollector, name: string) {
  return collector.getSnapshot().find((family) => family.name === name)?.series ?? [];
}

describe('AIMetricsCollector per user and per session', () => {
  it('adds up tokens and cost per user and per session when asked, from propagateAttributes', async () => {
    const collector = new AIMetricsCollector({ labels: { user: true, session: true } });
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [collector],
      costEstimation: false,
    });
    propagateAttributes({ userId: 'alice', sessionId: 'chat-1' }, () => {
      generation(tracing, 100, 0.5);
      generation(tracing, 50, 0.25);
    });
    propagateAttributes({ userId: 'bob', sessionId: 'chat-2' }, () => generation(tracing, 7, 0.125));
    await tracing.flush();
    expect(series(collector, 'ai_user_llm_tokens_total')).toEqual(
      expect.arrayContaining([
        { labels: { service: 'svc', user: 'alice', type: 'input' }, value: 150 },
        { labels: { service: 'svc', user: 'alice', type: 'output' }, value: 20 },
        { labels: { service: 'svc', user: 'bob', type: 'input' }, value: 7 },
      ]),
    );
    expect(series(collector, 'ai_user_llm_cost_usd_total')).toEqual(
      expect.arrayContaining([
        { labels: { service: 'svc', user: 'alice' }, value: 0.75 },
        { labels: { service: 'svc', user: 'bob' }, value: 0.125 },
      ]),
    );
    expect(series(collector, 'ai_session_llm_cost_usd_total')).toEqual(
      expect.arrayContaining([{ labels: { service: 'svc', session: 'chat-1' }, value: 0.75 }]),
    );
    expect(collector.toPrometheus()).toContain('ai_user_llm_cost_usd_total{service="svc",user="alice"} 0.75');
  });

  it('keeps the first maxLabelValues users and counts the rest as other', async () => {
    const collector = new AIMetricsCollector({ labels: { user: true }, maxLabelValues: 2 });
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [collector],
      costEstimation: false,
    });
    for (const user of ['u1', 'u2', 'u3', 'u4'])
      propagateAttributes({ userId: user }, () => generation(tracing, 1, 1));
    await tracing.flush();
    const cost = series(collector, 'ai_user_llm_cost_usd_total');
    expect(cost.map((entry) => [entry.labels.user, entry.value])).toEqual([
      ['u1', 1],
      ['u2', 1],
      ['other', 2],
    ]);
    expect(series(collector, 'ai_session_llm_cost_usd_total')).toEqual([]);
  });

  it('records nothing per user unless asked, and leaves the opt-in metrics out of the output', async () => {
    const collector = new AIMetricsCollector();
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [collector],
      costEstimation: false,
    });
    propagateAttributes({ userId: 'alice', sessionId: 's' }, () => generation(tracing, 1, 1));
    await tracing.flush();
    const text = collector.toPrometheus();
    expect(text).toContain('ai_llm_cost_usd_total');
    expect(text).not.toContain('ai_user_');
    expect(text).not.toContain('ai_session_');
  });

  it('rejects invalid labels options at construction', () => {
    expect(() => new AIMetricsCollector({ labels: { email: true } as never })).toThrow(/labels/);
  });
});
