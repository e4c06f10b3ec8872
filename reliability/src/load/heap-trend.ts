const MB = 1024 * 1024;

/** Heap samples taken after a full GC, and what they say about growth. */
export class HeapTrend {
  readonly samples: Array<{ atMs: number; heapMb: number }> = [];

  add(atMs: number, heapUsedBytes: number): void {
    this.samples.push({ atMs, heapMb: heapUsedBytes / MB });
  }

  /** Mean of the last third of the samples minus the mean of the first third, in MB. */
  get growthMb(): number {
    const third = Math.floor(this.samples.length / 3);
    if (third === 0) return 0;
    const mean = (items: Array<{ heapMb: number }>) =>
      items.reduce((sum, item) => sum + item.heapMb, 0) / items.length;
    return mean(this.samples.slice(-third)) - mean(this.samples.slice(0, third));
  }

  /** Least-squares slope, in MB per minute. */
  get slopeMbPerMinute(): number {
    const n = this.samples.length;
    if (n < 2) return 0;
    const meanX = this.samples.reduce((sum, s) => sum + s.atMs, 0) / n;
    const meanY = this.samples.reduce((sum, s) => sum + s.heapMb, 0) / n;
    let numerator = 0;
    let denominator = 0;
    for (const { atMs, heapMb } of this.samples) {
      numerator += (atMs - meanX) * (heapMb - meanY);
      denominator += (atMs - meanX) ** 2;
    }
    return denominator === 0 ? 0 : (numerator / denominator) * 60_000;
  }

  get firstMb(): number {
    return this.samples[0]?.heapMb ?? 0;
  }

  get lastMb(): number {
    return this.samples.at(-1)?.heapMb ?? 0;
  }

  get maxMb(): number {
    return Math.max(0, ...this.samples.map((sample) => sample.heapMb));
  }
}
