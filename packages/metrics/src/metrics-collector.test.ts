import { AISpanType, DefaultAITracing } from '@aitracing/core';
// @ts-expect-error: the parser ships no type declarations.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { AIMetricsCollector } from './metrics-collector';
import { startPrometheusServer } from './prometheus-endpoint';

interface ParsedFamily {
  name: string;
  type: string;
  metrics: Array<{
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }>;
}
const parse = parsePrometheusTextFormat as (text: string) => ParsedFamily[];

/** A demo-like trace with fixed timestamps so durations are exact. */
function runTrace(tracing: DefaultAITracing) {
  const realNow = performance.now.bind(performance);
  let clock = 0;
  performance.now = () => clock;
  try {
    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    clock = 100;
    const plan = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      attributes: { model: 'gpt-4o', provider: 'openai', streaming: true },
    });
    clock = 400; // first chunk 300 ms after the generation started
    plan.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: 'Hi' });
    clock = 500;
    plan.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: ' there' });
    clock = 1_300; // 1.2 s generation
    plan.end({
      attributes: {
        usage: { promptTokens: 1000, completionTokens: 200, promptCacheHitTokens: 400, reasoningTokens: 50 },
      },
    });
    const tool = agent.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: 'lookup',
      attributes: { toolId: 'lookup-order' },
    });
    clock = 1_400;
    tool.error({ error: new Error('timeout') });
    agent
      .createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup', attributes: { toolId: 'lookup-order' } })
      .end();
    agent
      .createChildSpan({
        type: AISpanType.MCP_TOOL_CALL,
        name: 'track',
        attributes: { toolId: 'track', mcpServer: 'm' },
      })
      .end();
    const answer = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'answer',
      attributes: { model: 'gpt-4o', provider: 'openai' },
    });
    clock = 1_450; // 50 ms
    answer.end({ attributes: { usage: { promptTokens: 500, completionTokens: 100 } } });
    clock = 1_500;
    agent.end();
  } finally {
    performance.now = realNow;
  }
}

async function collect(configure?: (collector: AIMetricsCollector) => void) {
  const collector = new AIMetricsCollector();
  configure?.(collector);
  const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [collector] });
  runTrace(tracing);
  await tracing.flush();
  return collector;
}

describe('AIMetricsCollector', () => {
  it('counts requests, tokens by type, cost, tool calls and errors of a demo-like trace exactly', async () => {
    const collector = await collect();
    const families = new Map(collector.getSnapshot().map((family) => [family.name, family]));
    const llm = { service: 'support', model: 'gpt-4o', provider: 'openai' };
    expect(families.get('ai_llm_requests_total')?.series).toEqual([
      { labels: { ...llm, status: 'ok' }, value: 2 },
    ]);
    expect(families.get('ai_llm_tokens_total')?.series).toEqual([
      { labels: { ...llm, type: 'input' }, value: 1500 },
      { labels: { ...llm, type: 'output' }, value: 300 },
      { labels: { ...llm, type: 'cached' }, value: 400 },
      { labels: { ...llm, type: 'reasoning' }, value: 50 },
    ]);
    // gpt-4o: (600 × 2.5 + 400 × 1.25 + 200 × 10) + (500 × 2.5 + 100 × 10), per 1M tokens
    expect(families.get('ai_llm_cost_usd_total')?.series[0]?.value).toBeCloseTo(0.00625, 10);
    expect(families.get('ai_tool_calls_total')?.series).toEqual([
      {
        labels: { service: 'support', tool: 'lookup-order', span_type: 'tool_call', status: 'error' },
        value: 1,
      },
      {
        labels: { service: 'support', tool: 'lookup-order', span_type: 'tool_call', status: 'ok' },
        value: 1,
      },
      { labels: { service: 'support', tool: 'track', span_type: 'mcp_tool_call', status: 'ok' }, value: 1 },
    ]);
    expect(families.get('ai_errors_total')?.series).toEqual([
      { labels: { service: 'support', span_type: 'tool_call' }, value: 1 },
    ]);
  });

  it('fills duration and time-to-first-token histogram buckets exactly', async () => {
    const collector = await collect();
    const families = new Map(collector.getSnapshot().map((family) => [family.name, family]));
    const duration = families.get('ai_llm_duration_seconds')?.series[0];
    expect(duration?.count).toBe(2);
    expect(duration?.value).toBeCloseTo(1.25, 10);
    expect(duration?.buckets?.map((bucket) => [bucket.le, bucket.count])).toEqual([
      [0.1, 1],
      [0.25, 1],
      [0.5, 1],
      [1, 1],
      [2.5, 2],
      [5, 2],
      [10, 2],
      [30, 2],
      [60, 2],
      [120, 2],
    ]);
    const ttft = families.get('ai_llm_time_to_first_token_seconds')?.series;
    expect(ttft).toHaveLength(1);
    expect(ttft?.[0]?.count).toBe(1);
    expect(ttft?.[0]?.value).toBeCloseTo(0.3, 10);
    expect(ttft?.[0]?.buckets?.find((bucket) => bucket.le === 0.25)?.count).toBe(0);
    expect(ttft?.[0]?.buckets?.find((bucket) => bucket.le === 0.5)?.count).toBe(1);
  });

  it('takes time to first token from completionStartTime and counts cache writes', async () => {
    const collector = new AIMetricsCollector();
    const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [collector] });
    const stream = tracing.startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'stream',
      attributes: { model: 'claude-sonnet-4', provider: 'anthropic', streaming: true },
    });
    stream.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
    stream.end({
      attributes: {
        completionStartTime: stream.startTime + 700,
        usage: { promptTokens: 900, completionTokens: 10, promptCacheWriteTokens: 800 },
      },
    });
    await tracing.shutdown();
    const families = new Map(collector.getSnapshot().map((family) => [family.name, family]));
    expect(families.get('ai_llm_time_to_first_token_seconds')?.series[0]?.value).toBeCloseTo(0.7, 6);
    expect(families.get('ai_llm_tokens_total')?.series).toContainEqual({
      labels: { service: 'support', model: 'claude-sonnet-4', provider: 'anthropic', type: 'cache_write' },
      value: 800,
    });
  });

  it('writes Prometheus text that a real Prometheus text parser reads back', async () => {
    const collector = await collect();
    const parsed = new Map(parse(collector.toPrometheus()).map((family) => [family.name, family]));
    expect(parsed.get('ai_llm_requests_total')).toMatchObject({
      type: 'COUNTER',
      metrics: [
        { labels: { service: 'support', model: 'gpt-4o', provider: 'openai', status: 'ok' }, value: '2' },
      ],
    });
    // This parser folds labelled histograms into one bucket map; that it reads every line is the check.
    const histogram = parsed.get('ai_llm_duration_seconds')!;
    expect(histogram.type).toBe('HISTOGRAM');
    expect(histogram.metrics[0]?.buckets).toMatchObject({ '0.1': '1', '2.5': '2', '+Inf': '2' });
    // Our seven families and the three GenAI client histograms of the OpenTelemetry conventions.
    expect(parsed.size).toBe(10);
    expect(parsed.get('gen_ai_client_operation_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(parsed.get('gen_ai_client_operation_time_to_first_chunk_seconds')?.type).toBe('HISTOGRAM');
    expect(parsed.get('gen_ai_client_token_usage')?.type).toBe('HISTOGRAM');
    expect(collector.toPrometheus()).toContain(
      'gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o",gen_ai_response_model="gpt-4o",gen_ai_token_type="input"} 1500',
    );
    expect(collector.toPrometheus()).toContain(
      'ai_llm_duration_seconds_count{service="support",model="gpt-4o",provider="openai",status="ok"} 2',
    );
  });

  it('records the GenAI client histograms with their convention attributes', async () => {
    const collector = await collect();
    const families = new Map(collector.getSnapshot().map((family) => [family.name, family]));
    const labels = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
    };
    const tokens = families.get('gen_ai.client.token.usage')?.series ?? [];
    expect(tokens.map((series) => [series.labels, series.count, series.value])).toEqual([
      [{ ...labels, 'gen_ai.token.type': 'input' }, 2, 1500],
      [{ ...labels, 'gen_ai.token.type': 'output' }, 2, 300],
    ]);
    const duration = families.get('gen_ai.client.operation.duration')?.series ?? [];
    expect(duration).toHaveLength(1);
    expect(duration[0]?.labels).toEqual(labels);
    expect(duration[0]?.value).toBeCloseTo(1.25, 10);
    // Only the streamed generation has a first chunk.
    const firstChunk = families.get('gen_ai.client.operation.time_to_first_chunk')?.series ?? [];
    expect(firstChunk.map((series) => series.count)).toEqual([1]);
    expect(firstChunk[0]?.value).toBeCloseTo(0.3, 10);
  });

  it('labels a failed generation with error.type', async () => {
    const collector = new AIMetricsCollector();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [collector] });
    tracing
      .startSpan({ type: AISpanType.LLM_GENERATION, name: 'gen', attributes: { model: 'm', provider: 'p' } })
      .error({ error: new TypeError('boom') });
    await tracing.shutdown();
    const duration = collector
      .getSnapshot()
      .find((family) => family.name === 'gen_ai.client.operation.duration');
    expect(duration?.series[0]?.labels['error.type']).toBe('TypeError');
  });

  it('keeps label cardinality capped under 10k distinct model names', async () => {
    const collector = new AIMetricsCollector({ maxLabelValues: 50 });
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [collector] });
    for (let i = 0; i < 10_000; i++) {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'gen',
          attributes: { model: `model-${i}`, provider: 'p' },
        })
        .end({ attributes: { usage: { promptTokens: 1 } } });
    }
    await tracing.flush();
    const requests = collector.getSnapshot().find((family) => family.name === 'ai_llm_requests_total')!;
    expect(requests.series).toHaveLength(51);
    expect(requests.series.find((series) => series.labels.model === 'other')?.value).toBe(9_950);
    expect(requests.series.reduce((sum, series) => sum + series.value, 0)).toBe(10_000);
    // The GenAI histograms share the cap: request and response model draw on the same 50 values.
    const duration = collector
      .getSnapshot()
      .find((family) => family.name === 'gen_ai.client.operation.duration')!;
    expect(duration.series).toHaveLength(51);
    expect(duration.series.reduce((sum, series) => sum + (series.count ?? 0), 0)).toBe(10_000);
  });

  it('serves the metrics on a standalone endpoint', async () => {
    const collector = await collect();
    const server = await startPrometheusServer(collector, { port: 0 });
    try {
      const response = await fetch(server.url);
      expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      expect(await response.text()).toContain('ai_llm_requests_total{service="support"');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
