import { performance } from 'node:perf_hooks';

/** One contender in a scenario: runs `iterations` units of work. */
export interface Contender {
  readonly name: string;
  /** Runs the work `iterations` times; may be async (e.g. to flush). */
  run(iterations: number): void | Promise<void>;
}

/** Median and spread of one contender, in nanoseconds per unit. */
export interface Result {
  readonly name: string;
  readonly medianNs: number;
  readonly minNs: number;
  readonly maxNs: number;
}

export interface ScenarioOptions {
  /** Units of work (e.g. spans) in one iteration. */
  readonly unitsPerIteration: number;
  /** Target duration of one round; iterations are calibrated per contender to reach it. */
  readonly roundMs: number;
  readonly rounds: number;
  readonly warmupRounds: number;
}

// Grow the iteration count until one round lasts about `roundMs`, so that
// timer resolution and per-round overhead (flush, await) stay negligible.
async function calibrate(contender: Contender, roundMs: number): Promise<number> {
  let iterations = 1;
  for (;;) {
    const start = performance.now();
    await contender.run(iterations);
    const elapsed = performance.now() - start;
    if (elapsed >= roundMs / 4 || iterations >= 1e7) {
      return Math.max(1, Math.round((iterations * roundMs) / Math.max(elapsed, 0.001)));
    }
    iterations *= 4;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Run contenders interleaved (A B A B ...), after warm-up rounds, and report
 * the median and spread of ns per unit. Absolute numbers on a shared machine
 * are noise; ratios between contenders of one run hold.
 */
export async function runScenario(
  contenders: readonly Contender[],
  options: ScenarioOptions,
): Promise<Result[]> {
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  const iterations = new Map<string, number>();
  for (const contender of contenders)
    iterations.set(contender.name, await calibrate(contender, options.roundMs));
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    for (const contender of contenders) {
      const count = iterations.get(contender.name)!;
      globalThis.gc?.();
      const start = performance.now();
      await contender.run(count);
      const elapsedNs = (performance.now() - start) * 1e6;
      if (round >= options.warmupRounds) {
        samples.get(contender.name)!.push(elapsedNs / (count * options.unitsPerIteration));
      }
    }
  }
  return contenders.map((contender) => {
    const values = samples.get(contender.name)!;
    return {
      name: contender.name,
      medianNs: median(values),
      minNs: Math.min(...values),
      maxNs: Math.max(...values),
    };
  });
}

/** Print results as an aligned table with the ratio to the first contender. */
export function printResults(title: string, results: readonly Result[]): void {
  const baseline = results[0]?.medianNs ?? 1;
  console.log(`\n${title}`);
  console.log(
    `${'contender'.padEnd(44)}${'ns/span (median)'.padStart(18)}${'spread'.padStart(22)}${'ratio'.padStart(9)}`,
  );
  for (const result of results) {
    const spread = `${result.minNs.toFixed(0)}–${result.maxNs.toFixed(0)}`;
    const perSecond = result.medianNs > 0 ? Math.round(1e9 / result.medianNs).toLocaleString('en-US') : '∞';
    console.log(
      `${result.name.padEnd(44)}${result.medianNs.toFixed(1).padStart(18)}${spread.padStart(22)}${(result.medianNs / baseline).toFixed(2).padStart(9)}x${perSecond.padStart(16)}/s`,
    );
  }
}
