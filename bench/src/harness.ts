import { performance } from 'node:perf_hooks';
import { turnGate } from './turn-gate';

/**
 * What a round's duration is measured with. `cpu`: the CPU time of this
 * process (user + system, every thread, so GC helper threads count), which
 * on a shared machine does not include the time other processes held the
 * cores. `wall`: elapsed time.
 */
export type Clock = 'cpu' | 'wall';

/** Milliseconds on the given clock, from an arbitrary origin. */
export function readClock(clock: Clock): number {
  if (clock === 'wall') return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}

/** A unit of timed work: runs `iterations` iterations, each of `unitsPerIteration` units. */
export interface TimedCase {
  readonly name: string;
  run(iterations: number): void | Promise<void>;
}

/** Rounds and their lengths. */
export interface TimingOptions {
  /** Units of work (e.g. spans) in one iteration. */
  readonly unitsPerIteration: number;
  /** Target duration of one round; iterations are calibrated per case to reach it. */
  readonly roundMs: number;
  /** Measured rounds (at least 5 for a meaningful median and spread). */
  readonly rounds: number;
  /** Rounds run first and thrown away (JIT warm-up, caches, pools). */
  readonly warmupRounds: number;
  /** Upper bound of iterations per round (smoke mode keeps it tiny). */
  readonly maxIterations?: number;
  /** @defaultValue `'cpu'` */
  readonly clock?: Clock;
}

/** Median and spread of one case's samples. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median, min, max and count of samples. */
export function summarize(values: readonly number[]): Summary {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    samples: values.length,
  };
}

// Grow the iteration count until one round lasts about `roundMs`, so that
// timer resolution and per-round overhead (flush, await) stay negligible.
async function calibrate(timed: TimedCase, options: TimingOptions): Promise<number> {
  const cap = options.maxIterations ?? 1e7;
  let iterations = 1;
  for (;;) {
    // Calibration aims at a wall-clock round length, whatever clock measures it.
    const start = performance.now();
    await timed.run(iterations);
    const elapsed = performance.now() - start;
    if (elapsed >= options.roundMs / 4 || iterations >= cap) {
      const scaled = Math.round((iterations * options.roundMs) / Math.max(elapsed, 0.001));
      return Math.max(1, Math.min(cap, scaled));
    }
    iterations = Math.min(cap, iterations * 4);
  }
}

/**
 * Runs cases interleaved (A B C A B C ...), after warm-up rounds, each round
 * in this process's turn when several processes take turns, and returns
 * each case's nanoseconds per unit. No full GC is forced between runs: it
 * shrinks the young generation and makes the next run pay for regrowing it
 * (measured: +35% on every contender, and far noisier). Young garbage left by
 * one case costs the next nothing (a scavenge costs what survives, not what
 * died). Absolute numbers on a shared machine are noise; ratios between cases
 * of one run hold.
 */
export async function timeInterleaved(
  cases: readonly TimedCase[],
  options: TimingOptions,
): Promise<Map<string, Summary>> {
  const samples = new Map<string, number[]>(cases.map((timed) => [timed.name, []]));
  const iterations = new Map<string, number>();
  const clock = options.clock ?? 'cpu';
  // Each calibration and each round is one turn (see turn-gate.ts): other
  // processes of the scenario wait while this one runs.
  const gate = turnGate();
  for (const timed of cases) {
    await gate.begin();
    iterations.set(timed.name, await calibrate(timed, options));
    gate.end();
  }
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    for (const timed of cases) {
      const count = iterations.get(timed.name)!;
      await gate.begin();
      const start = readClock(clock);
      await timed.run(count);
      const elapsedNs = (readClock(clock) - start) * 1e6;
      gate.end();
      if (round >= options.warmupRounds) {
        samples.get(timed.name)!.push(elapsedNs / (count * options.unitsPerIteration));
      }
    }
  }
  return new Map([...samples].map(([name, values]) => [name, summarize(values)]));
}
