import { AISpanType, AITracingConfigError, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAgentTrace } from '../test/ai-trace';
import { metricsByName, OtlpMetricsReceiver } from '../test/otlp-metrics-receiver';
import { decodeMetricsProtobuf } from '../test/otlp-proto';
import { OtlpMetricsExporter } from './otlp-metrics-exporter';

const receivers: OtlpMetricsReceiver[] = [];
const tracings: DefaultAITracing[] = [];
afterEach(async () => {
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown(1_000)));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function startReceiver(): Promise<{ receiver: OtlpMetricsReceiver; url: string }> {
  const receiver = new OtlpMetricsReceiver();
  receivers.push(receiver);
  const base = await receiver.start();
  return { receiver, url: `${base}/v1/metrics` };
}

function track(exporter: OtlpMetricsExporter, logger = new RecordingLogger()): DefaultAITracing {
  const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter], logger });
  tracings.push(tracing);
  return tracing;
}

function oneGeneration(tracing: DefaultAITracing, promptTokens: number): void {
  tracing
    .startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'g',
      attributes: { model: 'gpt-4o', provider: 'openai' },
    })
    .end({ attributes: { usage: { promptTokens, completionTokens: 1 } } });
}

function pointValue(
  metric: ReturnType<typeof metricsByName> extends Map<string, infer M> ? M : never,
  labels: Record<string, string>,
) {
  return metric.points.find((point) =>
    Object.entries(labels).every(([key, value]) => point.labels[key] === value),
  )?.value;
}

describe.each(['http/protobuf', 'http/json'] as const)('OtlpMetricsExporter over %s', (protocol) => {
  it('pushes the AI metrics of a trace to /v1/metrics: values, labels, units, cumulative temporality', async () => {
    const { receiver, url } = await startReceiver();
    const exporter = new OtlpMetricsExporter(
      { url, protocol, serviceVersion: '1.2.3', environment: 'prod' },
      {},
    );
    const tracing = track(exporter);
    runAgentTrace(tracing);
    await tracing.shutdown();

    expect(receiver.received).toHaveLength(1);
    const { metrics, resource, path, headers } = receiver.last;
    expect(path).toBe('/v1/metrics');
    expect(headers['content-type']).toBe(
      protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
    );
    expect(resource).toMatchObject({
      'service.name': 'support',
      'service.version': '1.2.3',
      'deployment.environment.name': 'prod',
    });
    const requests = metrics.get('ai_llm_requests_total')!;
    expect(requests).toMatchObject({ unit: '{request}', kind: 'sum', monotonic: true, temporality: 2 });
    expect(requests.points).toEqual([
      { labels: { service: 'support', model: 'gpt-4o', provider: 'openai', status: 'ok' }, value: 2 },
    ]);
    const tokens = metrics.get('ai_llm_tokens_total')!.points;
    expect(Object.fromEntries(tokens.map((point) => [point.labels.type, point.value]))).toEqual({
      input: 320,
      output: 20,
      cached: 100,
    });
    const tools = metrics.get('ai_tool_calls_total')!.points;
    expect(tools.map((point) => [point.labels.tool, point.labels.status, point.value]).sort()).toEqual([
      ['carrier.status', 'ok', 1],
      ['lookup-order', 'error', 1],
      ['lookup-order', 'ok', 1],
    ]);
    const duration = metrics.get('ai_llm_duration_seconds')!;
    expect(duration).toMatchObject({ unit: 's', kind: 'histogram', temporality: 2 });
    expect(duration.points[0]).toMatchObject({
      count: 2,
      explicitBounds: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    });
    expect(duration.points[0]!.bucketCounts!.reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(metrics.get('ai_llm_time_to_first_token_seconds')?.points).toHaveLength(1);
    expect(pointValue(metrics.get('ai_errors_total')!, { span_type: AISpanType.TOOL_CALL })).toBe(1);
    expect(exporter.getStats()).toEqual({ pushes: 1, failedPushes: 0, retries: 0 });
  });

  it('pushes cumulative totals: each push carries everything counted so far', async () => {
    const { receiver, url } = await startReceiver();
    const exporter = new OtlpMetricsExporter({ url, protocol }, {});
    const tracing = track(exporter);
    oneGeneration(tracing, 100);
    await tracing.flush();
    oneGeneration(tracing, 50);
    await tracing.flush();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received.map((request) => request.metrics.get('ai_llm_tokens_total')!);
    expect(pointValue(first!, { type: 'input' })).toBe(100);
    expect(pointValue(second!, { type: 'input' })).toBe(150);
    expect(receiver.received[1]!.metrics.get('ai_llm_duration_seconds')!.points[0]!.count).toBe(2);
  });
});

describe('OtlpMetricsExporter delivery', () => {
  it('retries a push answered 500 and delivers it once the receiver recovers', async () => {
    const { receiver, url } = await startReceiver();
    receiver.script.push({ status: 500 });
    const exporter = new OtlpMetricsExporter({ url }, {});
    const tracing = track(exporter);
    oneGeneration(tracing, 7);
    await tracing.flush();
    expect(receiver.attempts).toBe(2);
    expect(pointValue(receiver.last.metrics.get('ai_llm_tokens_total')!, { type: 'input' })).toBe(7);
    expect(exporter.getStats()).toEqual({ pushes: 1, failedPushes: 0, retries: 1 });
  });

  it('counts a push that fails for good, logs it once, and the next push carries its values', async () => {
    const { receiver, url } = await startReceiver();
    receiver.script.push({ status: 400 }, { status: 400 });
    const logger = new RecordingLogger();
    const exporter = new OtlpMetricsExporter({ url, exportIntervalMs: 100 }, {});
    const tracing = track(exporter, logger);
    oneGeneration(tracing, 11);
    await vi.waitFor(() => expect(receiver.received.length).toBeGreaterThan(0), {
      timeout: 30_000,
      interval: 20,
    });
    expect(pointValue(receiver.received[0]!.metrics.get('ai_llm_tokens_total')!, { type: 'input' })).toBe(11);
    expect(exporter.getStats()).toMatchObject({ failedPushes: 2, retries: 0 });
    const errors = logger.lines.filter(
      (line) => line.level === 'error' && line.message.includes('otlp metrics'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('failedPushes');
  });

  it('gives up a retryable failure when the next push is due, which then delivers the same totals', async () => {
    const { receiver, url } = await startReceiver();
    // Retry-After past the interval: waiting would overlap the next push.
    receiver.script.push({ status: 503, headers: { 'retry-after': '120' } });
    const exporter = new OtlpMetricsExporter({ url, exportIntervalMs: 100 }, {});
    const tracing = track(exporter);
    oneGeneration(tracing, 13);
    await vi.waitFor(() => expect(receiver.received.length).toBeGreaterThan(0), {
      timeout: 30_000,
      interval: 20,
    });
    expect(pointValue(receiver.received[0]!.metrics.get('ai_llm_tokens_total')!, { type: 'input' })).toBe(13);
    expect(exporter.getStats()).toMatchObject({ failedPushes: 1, retries: 0 });
  });

  it('sends gzip and the headers of the options over those of the env', async () => {
    const { receiver, url } = await startReceiver();
    const exporter = new OtlpMetricsExporter(
      { url, compression: 'gzip', headers: { 'x-api-key': 'from-options' } },
      {
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=generic,x-tenant=acme',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-team=ai%20ops',
      },
    );
    const tracing = track(exporter);
    oneGeneration(tracing, 1);
    await tracing.shutdown();
    const { headers } = receiver.last;
    expect(headers).toMatchObject({
      'content-encoding': 'gzip',
      'x-api-key': 'from-options',
      'x-tenant': 'acme',
      'x-team': 'ai ops',
    });
    expect(headers['user-agent']).toMatch(/^@aitracing\/metrics\//);
  });

  it('pushes the last values on shutdown, once, and nothing after', async () => {
    const { receiver, url } = await startReceiver();
    const exporter = new OtlpMetricsExporter({ url }, {});
    const tracing = track(exporter);
    oneGeneration(tracing, 5);
    await tracing.shutdown();
    const again = exporter.shutdown();
    expect(exporter.shutdown()).toBe(again);
    await again;
    await exporter.flush();
    oneGeneration(tracing, 5);
    await exporter.flush();
    expect(receiver.received).toHaveLength(1);
    expect(pointValue(receiver.last.metrics.get('ai_llm_tokens_total')!, { type: 'input' })).toBe(5);
  });

  it('sends nothing while nothing was recorded', async () => {
    const { receiver, url } = await startReceiver();
    const tracing = track(new OtlpMetricsExporter({ url }, {}));
    await tracing.flush();
    await tracing.shutdown();
    expect(receiver.attempts).toBe(0);
  });

  it('hands the encoded request to a transport hook and retries what it classifies retryable', async () => {
    const bodies: Array<{ body: Uint8Array | string; contentType: string }> = [];
    const exporter = new OtlpMetricsExporter(
      {
        transport: async (body, contentType) => {
          bodies.push({ body, contentType });
          return bodies.length === 1
            ? { status: 'retryable', error: new Error('unavailable') }
            : { status: 'success' };
        },
      },
      {},
    );
    const tracing = track(exporter);
    oneGeneration(tracing, 3);
    await tracing.shutdown();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.contentType).toBe('application/x-protobuf');
    const metrics = metricsByName(decodeMetricsProtobuf(bodies[1]!.body as Uint8Array));
    expect(pointValue(metrics.get('ai_llm_tokens_total')!, { type: 'input' })).toBe(3);
    expect(exporter.getStats()).toEqual({ pushes: 1, failedPushes: 0, retries: 1 });
  });
});

describe('OtlpMetricsExporter options', () => {
  it.each([
    [{ url: 'localhost:4318' }, 'url'],
    [{ protocol: 'grpc' }, 'protocol'],
    [{ compression: 'brotli' }, 'compression'],
    [{ exportIntervalMs: 0 }, 'exportIntervalMs'],
    [{ exportTimeoutMs: 1.5 }, 'exportTimeoutMs'],
    [{ maxLabelValues: -1 }, 'maxLabelValues'],
    [{ headers: { authorization: 42 } }, 'headers.authorization'],
    [{ transport: 'grpc' }, 'transport'],
  ])('throws AITracingConfigError for %j naming the field', (options, field) => {
    let thrown: unknown;
    try {
      void new OtlpMetricsExporter(options as never, {}).shutdown();
    } catch (error) {
      thrown = error;
    }
    expect(AITracingConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as AITracingConfigError).field).toBe(field);
  });

  it('warns about bad env values once, falls back to the next source, and still delivers', async () => {
    const { receiver, url } = await startReceiver();
    const logger = new RecordingLogger();
    const exporter = new OtlpMetricsExporter(
      {},
      {
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'localhost:4318',
        OTEL_EXPORTER_OTLP_ENDPOINT: url.replace('/v1/metrics', ''),
        OTEL_METRIC_EXPORT_INTERVAL: 'soon',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20secret-key',
      },
    );
    const tracing = track(exporter, logger);
    oneGeneration(tracing, 2);
    await tracing.shutdown();
    expect(receiver.last.path).toBe('/v1/metrics');
    expect(receiver.last.headers['content-type']).toBe('application/x-protobuf');
    const warnings = logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings.some((message) => message.includes('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'))).toBe(true);
    expect(warnings.some((message) => message.includes('OTEL_METRIC_EXPORT_INTERVAL'))).toBe(true);
    expect(warnings.some((message) => message.includes('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL'))).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain('secret-key');
  });

  it('caps label values: past maxLabelValues, new models count as `other`', async () => {
    const { receiver, url } = await startReceiver();
    const exporter = new OtlpMetricsExporter({ url, maxLabelValues: 2 }, {});
    const tracing = track(exporter);
    for (const model of ['a', 'b', 'c', 'd']) runAgentTrace(tracing, model);
    await tracing.shutdown();
    const models = receiver.last.metrics
      .get('ai_llm_requests_total')!
      .points.map((point) => point.labels.model);
    expect(models).toEqual(['a', 'b', 'other']);
  });
});
