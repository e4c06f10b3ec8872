import type { ResourceAttributeValue } from '../otlp-metrics-options';
import type { StoredSeries } from './metric-store';
import { CUMULATIVE, isIntegerValue, type MetricsRequestData, metricsToEncode } from './metrics-request';

type JsonAnyValue = Record<string, unknown>;

/** A double per the protobuf JSON mapping: non-finite values as the strings `NaN`, `Infinity`, `-Infinity`. */
function jsonDouble(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** Epoch ms (integer or with a fraction) as decimal nanoseconds, exact. */
function unixNanos(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const nanos = Math.round((epochMs - whole) * 1_000_000);
  return (BigInt(whole) * 1_000_000n + BigInt(nanos)).toString();
}

function anyValue(value: string | number | boolean): JsonAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  // int64 is a decimal string in OTLP/JSON.
  return isIntegerValue(value) ? { intValue: String(value) } : { doubleValue: jsonDouble(value) };
}

function attribute(key: string, value: ResourceAttributeValue): { key: string; value: JsonAnyValue } {
  if (Array.isArray(value)) {
    const values = (value as ReadonlyArray<string | number | boolean | null | undefined>).map((entry) =>
      entry === null || entry === undefined ? {} : anyValue(entry),
    );
    return { key, value: { arrayValue: { values } } };
  }
  return { key, value: anyValue(value as string | number | boolean) };
}

function labels(series: StoredSeries): Array<{ key: string; value: JsonAnyValue }> {
  const out: Array<{ key: string; value: JsonAnyValue }> = [];
  for (const key in series.labels) out.push({ key, value: { stringValue: series.labels[key]! } });
  return out;
}

/**
 * Encode one OTLP `ExportMetricsServiceRequest` as OTLP/JSON: lowerCamelCase
 * field names, 64-bit integers (timestamps, counts, bucket counts, int
 * attributes) as decimal strings, enums as integers. The same content as
 * the protobuf encoding.
 */
export function encodeMetricsJson(data: MetricsRequestData): string {
  const start = unixNanos(data.startMs);
  const time = unixNanos(data.timeMs);
  const metrics = metricsToEncode(data.store).map(({ name, definition, series }) => {
    const head = { name, description: definition.help, unit: definition.unit };
    if (definition.type === 'counter') {
      return {
        ...head,
        sum: {
          dataPoints: series.map((entry) => ({
            attributes: labels(entry),
            startTimeUnixNano: start,
            timeUnixNano: time,
            asDouble: jsonDouble(entry.value),
          })),
          aggregationTemporality: CUMULATIVE,
          isMonotonic: true,
        },
      };
    }
    const bounds = definition.buckets ?? [];
    return {
      ...head,
      histogram: {
        dataPoints: series.map((entry) => ({
          attributes: labels(entry),
          startTimeUnixNano: start,
          timeUnixNano: time,
          count: String(entry.count),
          sum: jsonDouble(entry.value),
          bucketCounts: Array.from({ length: bounds.length + 1 }, (_, index) =>
            String(entry.bucketCounts?.[index] ?? 0),
          ),
          explicitBounds: [...bounds],
          ...(entry.count > 0 ? { min: jsonDouble(entry.min), max: jsonDouble(entry.max) } : {}),
        })),
        aggregationTemporality: CUMULATIVE,
      },
    };
  });
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: data.resource.map(([key, value]) => attribute(key, value)) },
        scopeMetrics: [{ scope: { name: data.scopeName, version: data.scopeVersion }, metrics }],
      },
    ],
  });
}
