import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

/** A full garbage collection: `global.gc` under `--expose-gc`, else enabled at run time. */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    exposed();
    return;
  }
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/** Samples `heapUsed` on a timer and keeps the peak (and an optional series). */
export class HeapSampler {
  #timer: NodeJS.Timeout | undefined;
  #peak = 0;
  #baseline = 0;

  /** Start sampling every `intervalMs`; the first sample is the baseline. */
  start(intervalMs = 50): this {
    this.#baseline = process.memoryUsage().heapUsed;
    this.#peak = this.#baseline;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
    return this;
  }

  /** Take one sample now; returns heapUsed in bytes. */
  sample(): number {
    const used = process.memoryUsage().heapUsed;
    if (used > this.#peak) this.#peak = used;
    return used;
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.sample();
  }

  /** Highest heapUsed seen, in MB. */
  get peakMb(): number {
    return this.#peak / MB;
  }

  /** Highest heapUsed seen above the first sample, in MB. */
  get growthMb(): number {
    return (this.#peak - this.#baseline) / MB;
  }
}
