import { ProtobufWriter } from '@aitracing/core/exporter-kit';
import type { ResourceAttributeValue } from '../otlp-metrics-options';
import type { StoredSeries } from './metric-store';
import { CUMULATIVE, isIntegerValue, type MetricsRequestData, metricsToEncode } from './metrics-request';

// Field numbers of opentelemetry/proto/{collector/metrics,metrics,common,resource}/v1/*.proto.
const REQUEST_RESOURCE_METRICS = 1;
const RESOURCE_METRICS_RESOURCE = 1;
const RESOURCE_METRICS_SCOPE_METRICS = 2;
const RESOURCE_ATTRIBUTES = 1;
const SCOPE_METRICS_SCOPE = 1;
const SCOPE_METRICS_METRICS = 2;
const SCOPE_NAME = 1;
const SCOPE_VERSION = 2;
const METRIC_NAME = 1;
const METRIC_DESCRIPTION = 2;
const METRIC_UNIT = 3;
const METRIC_SUM = 7;
const METRIC_HISTOGRAM = 9;
const DATA_POINTS = 1;
const AGGREGATION_TEMPORALITY = 2;
const SUM_IS_MONOTONIC = 3;
const POINT_START_TIME = 2;
const POINT_TIME = 3;
const NUMBER_AS_DOUBLE = 4;
const NUMBER_ATTRIBUTES = 7;
const HISTOGRAM_COUNT = 4;
const HISTOGRAM_SUM = 5;
const HISTOGRAM_BUCKET_COUNTS = 6;
const HISTOGRAM_EXPLICIT_BOUNDS = 7;
const HISTOGRAM_ATTRIBUTES = 9;
const HISTOGRAM_MIN = 11;
const HISTOGRAM_MAX = 12;
const KEY_VALUE_KEY = 1;
const KEY_VALUE_VALUE = 2;
const ANY_STRING = 1;
const ANY_BOOL = 2;
const ANY_INT = 3;
const ANY_DOUBLE = 4;
const ANY_ARRAY = 5;
const ARRAY_VALUES = 1;

const WIRE_FIXED64 = 1;
const TWO_POW_32 = 0x1_0000_0000;

function writeAnyValueFields(writer: ProtobufWriter, value: string | number | boolean): void {
  if (typeof value === 'string') writer.writeStringField(ANY_STRING, value);
  else if (typeof value === 'boolean') writer.writeBoolField(ANY_BOOL, value);
  else if (isIntegerValue(value)) writer.writeVarintField(ANY_INT, value);
  else writer.writeDoubleField(ANY_DOUBLE, value);
}

function writeAttribute(
  writer: ProtobufWriter,
  field: number,
  key: string,
  value: ResourceAttributeValue,
): void {
  const attribute = writer.startMessage(field);
  writer.writeStringField(KEY_VALUE_KEY, key);
  const any = writer.startMessage(KEY_VALUE_VALUE);
  if (Array.isArray(value)) {
    const array = writer.startMessage(ANY_ARRAY);
    for (const entry of value as ReadonlyArray<string | number | boolean | null | undefined>) {
      const element = writer.startMessage(ARRAY_VALUES);
      // null and undefined elements stay as empty AnyValues, keeping positions.
      if (entry !== null && entry !== undefined) writeAnyValueFields(writer, entry);
      writer.endMessage(element);
    }
    writer.endMessage(array);
  } else {
    writeAnyValueFields(writer, value as string | number | boolean);
  }
  writer.endMessage(any);
  writer.endMessage(attribute);
}

function writeFixed64Count(writer: ProtobufWriter, count: number): void {
  writer.writeFixed64(count >>> 0, Math.floor(count / TWO_POW_32) >>> 0);
}

function writeLabels(writer: ProtobufWriter, field: number, series: StoredSeries): void {
  for (const key in series.labels) writeAttribute(writer, field, key, series.labels[key]!);
}

function writeSumPoint(writer: ProtobufWriter, series: StoredSeries, data: MetricsRequestData): void {
  const point = writer.startMessage(DATA_POINTS);
  writer.writeUnixNanosField(POINT_START_TIME, data.startMs);
  writer.writeUnixNanosField(POINT_TIME, data.timeMs);
  writer.writeDoubleField(NUMBER_AS_DOUBLE, series.value);
  writeLabels(writer, NUMBER_ATTRIBUTES, series);
  writer.endMessage(point);
}

function writeHistogramPoint(
  writer: ProtobufWriter,
  series: StoredSeries,
  bounds: readonly number[],
  data: MetricsRequestData,
): void {
  const point = writer.startMessage(DATA_POINTS);
  writer.writeUnixNanosField(POINT_START_TIME, data.startMs);
  writer.writeUnixNanosField(POINT_TIME, data.timeMs);
  writer.writeTag(HISTOGRAM_COUNT, WIRE_FIXED64);
  writeFixed64Count(writer, series.count);
  writer.writeDoubleField(HISTOGRAM_SUM, series.value);
  // Repeated scalars are packed in proto3: one length-delimited field.
  const buckets = writer.startMessage(HISTOGRAM_BUCKET_COUNTS);
  for (let index = 0; index <= bounds.length; index++)
    writeFixed64Count(writer, series.bucketCounts?.[index] ?? 0);
  writer.endMessage(buckets);
  if (bounds.length > 0) {
    const explicitBounds = writer.startMessage(HISTOGRAM_EXPLICIT_BOUNDS);
    for (const bound of bounds) writer.writeDouble(bound);
    writer.endMessage(explicitBounds);
  }
  writeLabels(writer, HISTOGRAM_ATTRIBUTES, series);
  if (series.count > 0) {
    writer.writeDoubleField(HISTOGRAM_MIN, series.min);
    writer.writeDoubleField(HISTOGRAM_MAX, series.max);
  }
  writer.endMessage(point);
}

/**
 * Encode one OTLP `ExportMetricsServiceRequest` as protobuf: one resource,
 * one scope, every metric that recorded something — counters as monotonic
 * cumulative sums of doubles, histograms as cumulative explicit-bucket
 * histograms with count, sum, min and max. Generic over `AI_METRICS`.
 */
export function encodeMetricsProtobuf(
  data: MetricsRequestData,
  writer = new ProtobufWriter(4096),
): Uint8Array {
  writer.reset();
  const resourceMetrics = writer.startMessage(REQUEST_RESOURCE_METRICS);
  const resource = writer.startMessage(RESOURCE_METRICS_RESOURCE);
  for (const [key, value] of data.resource) writeAttribute(writer, RESOURCE_ATTRIBUTES, key, value);
  writer.endMessage(resource);
  const scopeMetrics = writer.startMessage(RESOURCE_METRICS_SCOPE_METRICS);
  const scope = writer.startMessage(SCOPE_METRICS_SCOPE);
  writer.writeStringField(SCOPE_NAME, data.scopeName);
  writer.writeStringField(SCOPE_VERSION, data.scopeVersion);
  writer.endMessage(scope);
  for (const { name, definition, series } of metricsToEncode(data.store)) {
    const metric = writer.startMessage(SCOPE_METRICS_METRICS);
    writer.writeStringField(METRIC_NAME, name);
    writer.writeStringField(METRIC_DESCRIPTION, definition.help);
    writer.writeStringField(METRIC_UNIT, definition.unit);
    if (definition.type === 'counter') {
      const sum = writer.startMessage(METRIC_SUM);
      for (const entry of series) writeSumPoint(writer, entry, data);
      writer.writeVarintField(AGGREGATION_TEMPORALITY, CUMULATIVE);
      writer.writeBoolField(SUM_IS_MONOTONIC, true);
      writer.endMessage(sum);
    } else {
      const histogram = writer.startMessage(METRIC_HISTOGRAM);
      const bounds = definition.buckets ?? [];
      for (const entry of series) writeHistogramPoint(writer, entry, bounds, data);
      writer.writeVarintField(AGGREGATION_TEMPORALITY, CUMULATIVE);
      writer.endMessage(histogram);
    }
    writer.endMessage(metric);
  }
  writer.endMessage(scopeMetrics);
  writer.endMessage(resourceMetrics);
  return writer.finish();
}
