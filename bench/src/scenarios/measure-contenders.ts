import { isAvailable, type MaybeContender, reasonOf, type TracerContender } from '../contenders/contender';
import { type TimedCase, timeInterleaved } from '../harness';
import type { ContenderResult } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { nextTurn, TRACES_PER_TURN } from '../workload/trace-shape';

/** What one timed scenario asks of each contender. */
export interface Workload {
  /** One iteration of work (e.g. one trace). */
  readonly iteration: (contender: TracerContender) => void;
  /** Spans per iteration (the unit the time is divided by). */
  readonly spansPerIteration: number;
  /** Spans each iteration should deliver to the exporter (0 when sampled out). */
  readonly exportedPerIteration: number;
  /** Iterations between two yields to the event loop. @defaultValue `TRACES_PER_TURN` */
  readonly iterationsPerTurn?: number;
}

/** Results of a timed scenario, with what went wrong. */
export interface Measured {
  readonly results: ContenderResult[];
  readonly notes: string[];
  readonly errors: string[];
}

interface CaseState {
  failure: string | undefined;
  mismatch: string | undefined;
}

/**
 * Times every available contender on the workload, interleaved, yielding to
 * the event loop every few iterations and draining the exporter at the end
 * of each run (delivery is part of the cost). A contender that throws is
 * reported as unavailable (an error when it is ours); an exporter that did
 * not receive every span is noted (an error when it is ours).
 */
export async function measureContenders(
  contenders: readonly MaybeContender[],
  workload: Workload,
  mode: RunMode,
): Promise<Measured> {
  const perTurn = workload.iterationsPerTurn ?? TRACES_PER_TURN;
  const states = new Map<string, CaseState>();
  const cases: TimedCase[] = [];
  for (const contender of contenders) {
    if (!isAvailable(contender)) continue;
    const state: CaseState = { failure: undefined, mismatch: undefined };
    states.set(contender.name, state);
    cases.push({
      name: contender.name,
      async run(iterations) {
        if (state.failure !== undefined) return;
        try {
          for (let index = 1; index <= iterations; index++) {
            workload.iteration(contender);
            if (index % perTurn === 0) await nextTurn();
          }
          const received = await contender.drain();
          const expected = iterations * workload.exportedPerIteration;
          if (received !== expected && state.mismatch === undefined) {
            state.mismatch = `${contender.name}: exporter received ${received} spans, expected ${expected}`;
          }
        } catch (error) {
          state.failure = `threw: ${reasonOf(error)}`;
        }
      },
    });
  }
  const summaries = await timeInterleaved(cases, {
    ...mode.timing,
    unitsPerIteration: workload.spansPerIteration,
  });
  const notes: string[] = [];
  const errors: string[] = [];
  const results = contenders.map((contender): ContenderResult => {
    if (!isAvailable(contender)) return contender;
    const state = states.get(contender.name)!;
    if (state.mismatch !== undefined) (contender.role === 'ours' ? errors : notes).push(state.mismatch);
    if (state.failure !== undefined) {
      if (contender.role === 'ours') errors.push(`${contender.name} ${state.failure}`);
      return { name: contender.name, role: contender.role, unavailable: state.failure };
    }
    return { name: contender.name, role: contender.role, summary: summaries.get(contender.name)! };
  });
  return { results, notes, errors };
}
