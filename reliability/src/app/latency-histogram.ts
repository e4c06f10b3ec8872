// Buckets grow by 2 %: percentiles are exact to within 2 % at any scale, in fixed memory.
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const SMALLEST_NS = 10;

/** Nanosecond latencies in logarithmic buckets: fixed memory however long the run. */
export class LatencyHistogram {
  readonly #buckets = new Map<number, number>();
  #count = 0;
  #max = 0;
  #sum = 0;

  /** Record one latency in nanoseconds. */
  record(ns: number): void {
    const value = Math.max(ns, SMALLEST_NS);
    const bucket = Math.floor(Math.log(value / SMALLEST_NS) / LOG_GROWTH);
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1);
    this.#count++;
    this.#sum += ns;
    if (ns > this.#max) this.#max = ns;
  }

  get count(): number {
    return this.#count;
  }

  get maxNs(): number {
    return this.#max;
  }

  get meanNs(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  /** The latency below which `fraction` (0–1) of the recorded values lie (upper edge of its bucket). */
  percentileNs(fraction: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.ceil(fraction * this.#count);
    let seen = 0;
    for (const bucket of [...this.#buckets.keys()].sort((a, b) => a - b)) {
      seen += this.#buckets.get(bucket) ?? 0;
      if (seen >= rank) return Math.min(SMALLEST_NS * GROWTH ** (bucket + 1), this.#max);
    }
    return this.#max;
  }
}
