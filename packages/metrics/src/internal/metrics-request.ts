import { AI_METRICS, type AIMetricDefinition, type AIMetricName } from '../ai-metric-definitions';
import type { ResourceAttributeValue } from '../otlp-metrics-options';
import type { MetricStore, StoredSeries } from './metric-store';

/** Everything one `ExportMetricsServiceRequest` carries, before encoding. */
export interface MetricsRequestData {
  readonly resource: ReadonlyArray<readonly [string, ResourceAttributeValue]>;
  readonly scopeName: string;
  readonly scopeVersion: string;
  /** Epoch ms the cumulative series start counting from */
  readonly startMs: number;
  /** Epoch ms of this collection */
  readonly timeMs: number;
  readonly store: MetricStore;
}

/** A metric that has at least one series, with its definition. */
export interface MetricToEncode {
  readonly name: AIMetricName;
  readonly definition: AIMetricDefinition;
  readonly series: readonly StoredSeries[];
}

/** OTLP `AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE`. */
export const CUMULATIVE = 2;

/** Every metric of `AI_METRICS` that recorded something, in definition order. */
export function metricsToEncode(store: MetricStore): MetricToEncode[] {
  const out: MetricToEncode[] = [];
  for (const name of Object.keys(AI_METRICS) as AIMetricName[]) {
    const series = [...store.series(name)];
    if (series.length > 0) out.push({ name, definition: AI_METRICS[name], series });
  }
  return out;
}

/** An attribute number's OTLP kind: safe integers go as `intValue` (as OpenTelemetry JS does for integers), others as `doubleValue`. */
export function isIntegerValue(value: number): boolean {
  return Number.isSafeInteger(value);
}
