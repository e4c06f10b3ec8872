import { createRequire } from 'node:module';
import { DefaultAITracing } from '@aitracing/core';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoTrace } from '../test/demo-trace';
import { OtlpReceiver } from '../test/otlp-receiver';
import { OtelMetricsExporter } from './otel-metrics-exporter';

const receivers: OtlpReceiver[] = [];
const grpcServers: grpc.Server[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
  for (const server of grpcServers.splice(0)) server.forceShutdown();
});

// The official opentelemetry-proto definitions (see test/otlp-receiver.ts).
interface ProtoType {
  decode(buffer: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
const metricsV1 = (
  createRequire(import.meta.url)('otlp-transformer-protos/build/src/generated/root.js') as {
    opentelemetry: { proto: { collector: { metrics: { v1: Record<string, ProtoType> } } } };
  }
).opentelemetry.proto.collector.metrics.v1;

/** A loopback OTLP/gRPC metrics receiver: the MetricsService/Export method, decoding with the official protos. */
async function startGrpcMetricsReceiver(): Promise<{
  url: string;
  requests: Array<{ request: Record<string, unknown>; metadata: Record<string, unknown> }>;
  failures: number[];
}> {
  const requests: Array<{ request: Record<string, unknown>; metadata: Record<string, unknown> }> = [];
  const failures: number[] = [];
  const server = new grpc.Server();
  const RequestType = metricsV1.ExportMetricsServiceRequest!;
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: (value: Buffer) => value,
        requestDeserialize: (buffer: Buffer) => buffer,
        responseSerialize: () => Buffer.alloc(0),
        responseDeserialize: (buffer: Buffer) => buffer,
      },
    },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const code = failures.shift();
        if (code !== undefined) {
          callback({ code, details: 'scripted failure' }, null);
          return;
        }
        requests.push({
          request: RequestType.toObject(RequestType.decode(call.request), { longs: String, defaults: false }),
          metadata: call.metadata.getMap(),
        });
        callback(null, {});
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  grpcServers.push(server);
  return { url: `http://127.0.0.1:${port}`, requests, failures };
}

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

describe('OtelMetricsExporter over grpc', () => {
  it('pushes the AI metrics with @grpc/grpc-js, headers as metadata, retrying UNAVAILABLE', async () => {
    const receiver = await startGrpcMetricsReceiver();
    receiver.failures.push(grpc.status.UNAVAILABLE);
    const exporter = new OtelMetricsExporter(
      { endpoint: receiver.url, protocol: 'grpc', headers: { 'x-api-key': 'k' } },
      {},
    );
    const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter] });
    runDemoTrace(tracing);
    await tracing.shutdown();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.metadata['x-api-key']).toBe('k');
    const metrics = metricsByName(receiver.requests[0]!.request);
    const requests = metrics.get('ai_llm_requests_total')!;
    expect(
      requests.points.map((point) => [label(point, 'model'), Number(point.asDouble ?? point.asInt)]),
    ).toEqual([['gpt-4o', 2]]);
    expect(Number(metrics.get('ai_llm_duration_seconds')!.points[0]?.count)).toBe(2);
    expect(exporter.getStats()).toEqual({ pushes: 1, failedPushes: 0, retries: 1 });
  });
});

describe('OtelMetricsExporter delivery', () => {
  it('recovers from a 500: the push is retried and the receiver gets the values', async () => {
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const endpoint = await receiver.startHttp();
    receiver.script.push({ kind: 'status', status: 500 });
    const exporter = new OtelMetricsExporter({ endpoint }, {});
    const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter] });
    runDemoTrace(tracing);
    await tracing.shutdown();
    expect(receiver.metricRequests).toHaveLength(1);
    const tokens = metricsByName(receiver.metricRequests[0]!).get('ai_llm_tokens_total')!.points;
    expect(tokens.find((point) => label(point, 'type') === 'input')?.asDouble).toBe(320);
    expect(exporter.getStats()).toEqual({ pushes: 1, failedPushes: 0, retries: 1 });
  });

  it('sends to OTEL_EXPORTER_OTLP_METRICS_ENDPOINT over the generic endpoint', async () => {
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const base = await receiver.startHttp();
    const exporter = new OtelMetricsExporter(
      { protocol: 'http/json' },
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${base}/v1/metrics`,
      },
    );
    const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter] });
    runDemoTrace(tracing);
    await tracing.shutdown();
    expect(receiver.metricRequests).toHaveLength(1);
    expect(exporter.getStats().pushes).toBe(1);
  });
});
