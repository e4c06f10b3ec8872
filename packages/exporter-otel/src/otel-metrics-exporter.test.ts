import { DefaultAITracing } from '@aitracing/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoTrace } from '../test/demo-trace';
import { OtlpReceiver } from '../test/otlp-receiver';
import { OtelMetricsExporter } from './otel-metrics-exporter';

const receivers: OtlpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

interface DataPoint {
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
  asDouble?: number;
  asInt?: string | number;
  count?: string | number;
  sum?: number;
  bucketCounts?: Array<string | number>;
  explicitBounds?: number[];
}

function metricsByName(
  request: Record<string, unknown>,
): Map<string, { unit?: string; points: DataPoint[] }> {
  const out = new Map<string, { unit?: string; points: DataPoint[] }>();
  for (const resourceMetrics of (request.resourceMetrics ?? []) as Array<Record<string, unknown>>) {
    for (const scopeMetrics of (resourceMetrics.scopeMetrics ?? []) as Array<Record<string, unknown>>) {
      for (const metric of (scopeMetrics.metrics ?? []) as Array<Record<string, unknown>>) {
        const data = (metric.sum ?? metric.histogram) as { dataPoints?: DataPoint[] } | undefined;
        out.set(String(metric.name), {
          unit: metric.unit as string | undefined,
          points: data?.dataPoints ?? [],
        });
      }
    }
  }
  return out;
}

function label(point: DataPoint, key: string): unknown {
  return point.attributes?.find((attribute) => attribute.key === key)?.value.stringValue;
}

describe.each(['http/protobuf', 'http/json'] as const)('OtelMetricsExporter over %s', (protocol) => {
  it('pushes the AI metrics of a demo trace as OTLP metrics to /v1/metrics', async () => {
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const endpoint = await receiver.startHttp();
    const exporter = new OtelMetricsExporter({ endpoint, protocol, exportIntervalMs: 60_000 }, {});
    const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter] });
    runDemoTrace(tracing);
    await tracing.flush();
    await tracing.shutdown();
    expect(receiver.metricRequests.length).toBeGreaterThan(0);
    const metrics = metricsByName(receiver.metricRequests[0]!);
    const requests = metrics.get('ai_llm_requests_total')!;
    expect(requests.unit).toBe('{request}');
    expect(
      requests.points.map((point) => [label(point, 'model'), Number(point.asDouble ?? point.asInt)]),
    ).toEqual([['gpt-4o', 2]]);
    const tokens = metrics.get('ai_llm_tokens_total')!.points;
    const byType = Object.fromEntries(
      tokens.map((point) => [label(point, 'type'), Number(point.asDouble ?? point.asInt)]),
    );
    expect(byType).toEqual({ input: 320, output: 20, cached: 100 });
    const tools = metrics.get('ai_tool_calls_total')!.points;
    expect(tools.map((point) => [label(point, 'tool'), label(point, 'status')]).sort()).toEqual([
      ['carrier.status', 'ok'],
      ['lookup-order', 'error'],
      ['lookup-order', 'ok'],
    ]);
    const duration = metrics.get('ai_llm_duration_seconds')!;
    expect(duration.unit).toBe('s');
    expect(Number(duration.points[0]?.count)).toBe(2);
    expect(duration.points[0]?.explicitBounds).toEqual([0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]);
    expect(metrics.get('ai_llm_time_to_first_token_seconds')?.points).toHaveLength(1);
    expect(metrics.get('ai_llm_cost_usd_total')?.points[0]?.asDouble).toBeGreaterThan(0);
    expect(
      Number(
        metrics.get('ai_errors_total')?.points[0]?.asDouble ??
          metrics.get('ai_errors_total')?.points[0]?.asInt,
      ),
    ).toBe(1);
    // The GenAI client histograms of the OpenTelemetry conventions, under their dotted names.
    const tokenUsage = metrics.get('gen_ai.client.token.usage')!;
    expect(tokenUsage.unit).toBe('{token}');
    expect(
      tokenUsage.points
        .map((point) => [
          label(point, 'gen_ai.token.type'),
          label(point, 'gen_ai.provider.name'),
          label(point, 'gen_ai.request.model'),
          Number(point.sum),
        ])
        .sort(),
    ).toEqual([
      ['input', 'openai', 'gpt-4o', 320],
      ['output', 'openai', 'gpt-4o', 20],
    ]);
    const operationDuration = metrics.get('gen_ai.client.operation.duration')!;
    expect(operationDuration.unit).toBe('s');
    expect(label(operationDuration.points[0]!, 'gen_ai.operation.name')).toBe('chat');
    expect(Number(operationDuration.points[0]?.count)).toBe(2);
    expect(metrics.get('gen_ai.client.operation.time_to_first_chunk')?.points).toHaveLength(1);
  });
});
