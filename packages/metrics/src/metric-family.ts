import type { AIMetricName, MetricLabels } from './ai-metric-definitions';

/** One labelled series of a metric. */
export interface MetricSeries {
  readonly labels: MetricLabels;
  /** Counter value, or the histogram's sum */
  readonly value: number;
  /** Histogram only: observations per bucket upper bound (cumulative), and their count */
  readonly buckets?: ReadonlyArray<{ readonly le: number; readonly count: number }>;
  readonly count?: number;
}

/** A metric with all its series. */
export interface MetricFamily {
  readonly name: AIMetricName;
  readonly type: 'counter' | 'histogram';
  readonly help: string;
  readonly series: readonly MetricSeries[];
}
