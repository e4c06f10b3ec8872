import type { TimingOptions } from './harness';

/** Sizes of one run of the suite: full (the figures we publish) or smoke (CI: does everything still run?). */
export interface RunMode {
  readonly name: 'full' | 'smoke';
  /**
   * Processes per contender (scenarios split by contender) or per part
   * (the others): medians and spreads are over processes.
   */
  readonly processes: number;
  /**
   * Whether scenarios that can be split run each contender in a process of
   * its own (full), or all contenders in one (smoke: it only checks that
   * everything runs, and stays fast).
   */
  readonly splitByContender: boolean;
  /** Timing of per-span scenarios (1, 2, 4, 5). */
  readonly timing: Omit<TimingOptions, 'unitsPerIteration'>;
  /** Live spans held per contender in scenario 3. */
  readonly heapSpans: number;
  /** Rounds of scenario 3 (interleaved, median reported). */
  readonly heapRounds: number;
  /** Traces pushed through each exporter's queue in scenario 5. */
  readonly throughputTraces: number;
  /** Spans ended against a dead backend in scenario 6. */
  readonly deadBackendSpans: number;
  /** Timeout given to each pipeline's `shutdown()` in scenario 6. */
  readonly deadBackendShutdownMs: number;
}

/** The published figures: 3 processes per contender, 5 measured rounds in each. */
export const FULL_MODE: RunMode = {
  name: 'full',
  processes: 3,
  splitByContender: true,
  timing: { roundMs: 120, rounds: 5, warmupRounds: 2 },
  heapSpans: 100_000,
  heapRounds: 3,
  throughputTraces: 4_000,
  deadBackendSpans: 100_000,
  deadBackendShutdownMs: 3_000,
};

/** A few iterations of everything, no assertion on time: for the test command. */
export const SMOKE_MODE: RunMode = {
  name: 'smoke',
  processes: 1,
  splitByContender: false,
  timing: { roundMs: 5, rounds: 1, warmupRounds: 0, maxIterations: 8 },
  heapSpans: 1_000,
  heapRounds: 1,
  throughputTraces: 100,
  deadBackendSpans: 5_000,
  deadBackendShutdownMs: 500,
};
