import { AI_METRICS, type AIMetricName, type MetricLabels } from '../ai-metric-definitions';

/** The running totals of one labelled series. */
export interface StoredSeries {
  readonly labels: MetricLabels;
  /** Counter value, or the histogram's sum */
  value: number;
  /** Histogram only: observations */
  count: number;
  /**
   * Histogram only: observations per bucket, not cumulative, one more than
   * the bounds (the last counts values above the highest bound), as OTLP
   * sends them.
   */
  bucketCounts: number[] | undefined;
  /** Histogram only: smallest and largest observation */
  min: number;
  max: number;
}

function seriesKey(labels: MetricLabels): string {
  return JSON.stringify(labels);
}

/**
 * Cumulative totals per metric and label set, in memory, as the AI metrics
 * record them: counters add, histograms count into their explicit buckets
 * (a value lands in the first bucket whose upper bound is `>=` it, as
 * Prometheus and OpenTelemetry do). Series keep the order they first
 * appeared in. Bounded by the observer's label cap.
 */
export class MetricStore {
  readonly #series = new Map<AIMetricName, Map<string, StoredSeries>>();

  /** Add `value` to the counter series `name{labels}`. */
  add(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#seriesOf(name, labels).value += value;
  }

  /** Record `value` in the histogram series `name{labels}`. */
  record(name: AIMetricName, value: number, labels: MetricLabels): void {
    const series = this.#seriesOf(name, labels);
    const bounds = AI_METRICS[name].buckets ?? [];
    series.value += value;
    series.count++;
    if (value < series.min) series.min = value;
    if (value > series.max) series.max = value;
    series.bucketCounts ??= new Array<number>(bounds.length + 1).fill(0);
    let index = 0;
    while (index < bounds.length && value > bounds[index]!) index++;
    series.bucketCounts[index]!++;
  }

  /** The series of `name`, in the order they first appeared (live objects: read, do not keep). */
  series(name: AIMetricName): Iterable<StoredSeries> {
    return this.#series.get(name)?.values() ?? [];
  }

  /** Whether anything was recorded since the start (or the last `clear()`). */
  get empty(): boolean {
    return this.#series.size === 0;
  }

  /** Forget every series. */
  clear(): void {
    this.#series.clear();
  }

  #seriesOf(name: AIMetricName, labels: MetricLabels): StoredSeries {
    let family = this.#series.get(name);
    if (family === undefined) {
      family = new Map();
      this.#series.set(name, family);
    }
    const key = seriesKey(labels);
    let series = family.get(key);
    if (series === undefined) {
      series = {
        labels,
        value: 0,
        count: 0,
        bucketCounts: undefined,
        min: Number.POSITIVE_INFINITY,
        max: Number.NEGATIVE_INFINITY,
      };
      family.set(key, series);
    }
    return series;
  }
}
