import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { decodeMetricsJson, decodeMetricsProtobuf } from '../../test/otlp-proto';
import { AI_METRICS, type AIMetricName, type MetricLabels } from '../ai-metric-definitions';
import type { ResourceAttributeValue } from '../otlp-metrics-options';
import { MetricStore } from './metric-store';
import type { MetricsRequestData } from './metrics-request';
import { encodeMetricsJson } from './otlp-metrics-json';
import { encodeMetricsProtobuf } from './otlp-metrics-protobuf';

class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

type Observation = readonly [name: AIMetricName, value: number, labels: MetricLabels];

/**
 * Values for every metric AI_METRICS defines, whatever they are: counters with
 * integer and fractional increments, histograms with values below, on and
 * between bounds and above the highest, several label sets (unicode, `other`).
 */
function observations(): Observation[] {
  const out: Observation[] = [];
  for (const [name, definition] of Object.entries(AI_METRICS) as Array<
    [AIMetricName, (typeof AI_METRICS)[AIMetricName]]
  >) {
    const labelSets = [0, 1, 2].map((set) =>
      Object.fromEntries(
        definition.labels.map((label, index) => [
          label,
          set === 2 ? 'other' : set === 1 ? `modèle-${index}-🚀` : `${label}-${index}`,
        ]),
      ),
    );
    if (definition.type === 'counter') {
      out.push([name, 1, labelSets[0]!], [name, 2.5, labelSets[1]!], [name, 320, labelSets[0]!]);
      out.push([name, 0.000_123, labelSets[2]!]);
    } else {
      const bounds = definition.buckets ?? [];
      const values = [0, bounds[0]!, (bounds[0]! + bounds[1]!) / 2, bounds.at(-1)!, bounds.at(-1)! * 3];
      for (const value of values) out.push([name, value, labelSets[0]!]);
      out.push([name, bounds[2]!, labelSets[1]!]);
    }
  }
  return out;
}

const RESOURCE: ReadonlyArray<readonly [string, ResourceAttributeValue]> = [
  ['service.name', 'support'],
  ['service.version', '1.2.3'],
  ['deployment.environment.name', 'production'],
  ['host.cores', 2],
  ['sampling.ratio', 0.25],
  ['canary', true],
  ['regions', ['eu-west-1', 'us-east-1']],
];

function ourRequest(list: readonly Observation[]): MetricsRequestData {
  const store = new MetricStore();
  for (const [name, value, labels] of list) {
    if (AI_METRICS[name].type === 'counter') store.add(name, value, labels);
    else store.record(name, value, labels);
  }
  return {
    resource: RESOURCE,
    scopeName: '@aitracing/metrics',
    scopeVersion: '0.0.0',
    startMs: 1_700_000_000_000,
    timeMs: 1_700_000_060_123,
    store,
  };
}

async function officialBytes(list: readonly Observation[]): Promise<Uint8Array> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes(
      Object.fromEntries(RESOURCE.map(([key, value]) => [key, value as string])),
    ),
    readers: [reader],
  });
  const meter = provider.getMeter('@aitracing/metrics', '0.0.0');
  const instruments = new Map<
    AIMetricName,
    { add?(v: number, l: MetricLabels): void; record?(v: number, l: MetricLabels): void }
  >();
  for (const [name, definition] of Object.entries(AI_METRICS) as Array<
    [AIMetricName, (typeof AI_METRICS)[AIMetricName]]
  >) {
    instruments.set(
      name,
      definition.type === 'counter'
        ? meter.createCounter(name, { description: definition.help, unit: definition.unit })
        : meter.createHistogram(name, {
            description: definition.help,
            unit: definition.unit,
            advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
          }),
    );
  }
  for (const [name, value, labels] of list) {
    const instrument = instruments.get(name)!;
    if (AI_METRICS[name].type === 'counter') instrument.add!(value, labels);
    else instrument.record!(value, labels);
  }
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
}

type Json = Record<string, unknown>;

/** The request without timestamps, data points in a stable order. */
function withoutTimestamps(request: Json): Json {
  const copy = JSON.parse(JSON.stringify(request)) as Json;
  for (const resourceMetrics of copy.resourceMetrics as Json[]) {
    // The SDK writes proto3's default 0 explicitly; a receiver cannot tell it from an absent field.
    const resource = resourceMetrics.resource as Json;
    if (resource.droppedAttributesCount === 0) delete resource.droppedAttributesCount;
    for (const scopeMetrics of resourceMetrics.scopeMetrics as Json[]) {
      for (const metric of scopeMetrics.metrics as Json[]) {
        const data = (metric.sum ?? metric.histogram) as { dataPoints: Json[] };
        for (const point of data.dataPoints) {
          delete point.startTimeUnixNano;
          delete point.timeUnixNano;
        }
        data.dataPoints.sort((a, b) =>
          JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)),
        );
      }
    }
  }
  return copy;
}

describe('OTLP metrics encoding', () => {
  it('decodes with the official opentelemetry-proto definitions to the request the OpenTelemetry SDK sends for the same values', async () => {
    const list = observations();
    const ours = decodeMetricsProtobuf(encodeMetricsProtobuf(ourRequest(list)));
    const official = decodeMetricsProtobuf(await officialBytes(list));
    expect(withoutTimestamps(ours)).toEqual(withoutTimestamps(official));
    // Every metric AI_METRICS defines is there (no per-metric code).
    const metrics = (((ours.resourceMetrics as Json[])[0]!.scopeMetrics as Json[])[0]!.metrics as Json[]).map(
      (metric) => metric.name,
    );
    expect(metrics).toEqual(Object.keys(AI_METRICS));
  });

  it('writes cumulative monotonic sums, cumulative histograms with per-bucket counts, and exact timestamps', () => {
    const store = new MetricStore();
    const bounds = AI_METRICS.ai_llm_duration_seconds.buckets!;
    store.add('ai_llm_requests_total', 2, { model: 'gpt-4o' });
    for (const value of [0.05, 0.1, 0.7, 500])
      store.record('ai_llm_duration_seconds', value, { model: 'gpt-4o' });
    const data = { ...ourRequest([]), store };
    const request = decodeMetricsProtobuf(encodeMetricsProtobuf(data));
    const metrics = ((request.resourceMetrics as Json[])[0]!.scopeMetrics as Json[])[0]!.metrics as Json[];
    expect(metrics[0]).toEqual({
      name: 'ai_llm_requests_total',
      description: AI_METRICS.ai_llm_requests_total.help,
      unit: '{request}',
      sum: {
        dataPoints: [
          {
            attributes: [{ key: 'model', value: { stringValue: 'gpt-4o' } }],
            startTimeUnixNano: '1700000000000000000',
            timeUnixNano: '1700000060123000000',
            asDouble: 2,
          },
        ],
        aggregationTemporality: 2,
        isMonotonic: true,
      },
    });
    const point = ((metrics[1]!.histogram as Json).dataPoints as Json[])[0]!;
    expect(point).toMatchObject({ count: '4', sum: 500.85, min: 0.05, max: 500, explicitBounds: bounds });
    // 0.05 and 0.1 (on the bound) in the first bucket, 0.7 in (0.5, 1], 500 above 120.
    expect(point.bucketCounts).toEqual(['2', '0', '0', '1', '0', '0', '0', '0', '0', '0', '1']);
    expect((metrics[1]!.histogram as Json).aggregationTemporality).toBe(2);
  });

  it('writes OTLP/JSON: camelCase fields, 64-bit integers as decimal strings, enums as integers, the same content as protobuf', () => {
    const data = ourRequest(observations());
    const text = encodeMetricsJson(data);
    const json = JSON.parse(text) as Json;
    const resource = ((json.resourceMetrics as Json[])[0]!.resource as { attributes: Json[] }).attributes;
    expect(resource).toContainEqual({ key: 'host.cores', value: { intValue: '2' } });
    expect(resource).toContainEqual({ key: 'sampling.ratio', value: { doubleValue: 0.25 } });
    expect(resource).toContainEqual({ key: 'canary', value: { boolValue: true } });
    expect(resource).toContainEqual({
      key: 'regions',
      value: { arrayValue: { values: [{ stringValue: 'eu-west-1' }, { stringValue: 'us-east-1' }] } },
    });
    const metrics = ((json.resourceMetrics as Json[])[0]!.scopeMetrics as Json[])[0]!.metrics as Json[];
    for (const metric of metrics) {
      const data = (metric.sum ?? metric.histogram) as Json;
      expect(data.aggregationTemporality).toBe(2);
      for (const point of data.dataPoints as Json[]) {
        expect(point.startTimeUnixNano).toBe('1700000000000000000');
        expect(point.timeUnixNano).toBe('1700000060123000000');
        if (metric.sum !== undefined) {
          expect(typeof point.asDouble).toBe('number');
        } else {
          expect(point.count).toMatch(/^\d+$/);
          for (const count of point.bucketCounts as unknown[]) expect(count).toMatch(/^\d+$/);
          expect(typeof point.sum).toBe('number');
        }
      }
    }
    expect(decodeMetricsJson(text)).toEqual(decodeMetricsProtobuf(encodeMetricsProtobuf(data)));
  });

  it('sends nothing for a metric that recorded nothing', () => {
    const store = new MetricStore();
    store.add('ai_errors_total', 1, { service: 's', span_type: 'tool_call' });
    const request = decodeMetricsProtobuf(encodeMetricsProtobuf({ ...ourRequest([]), store }));
    const metrics = ((request.resourceMetrics as Json[])[0]!.scopeMetrics as Json[])[0]!.metrics as Json[];
    expect(metrics.map((metric) => metric.name)).toEqual(['ai_errors_total']);
  });
});
