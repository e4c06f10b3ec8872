import { NAMES, pick, type Roster } from '../contenders/roster';
import {
  type ContenderResult,
  checkTarget,
  medianOf,
  ratio,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { SPANS_PER_TRACE } from '../workload/trace-shape';
import { measureContenders } from './measure-contenders';

/** Contenders of scenario 2, in table order. */
export const SAMPLED_OUT_CONTENDERS: readonly string[] = [
  NAMES.oursSampledOut,
  NAMES.otelAlwaysOff,
  NAMES.mastra1SampledOut,
  NAMES.mastra0SampledOut,
  NAMES.floorSampledOut,
];

/** Targets of scenario 2, checked on the (merged) results. */
export function sampledOutTargets(results: readonly ContenderResult[]): TargetCheck[] {
  const ours = medianOf(results, NAMES.oursSampledOut);
  return [
    checkTarget('ours sampled out, ns per span', ours, '<=', 20),
    checkTarget(
      'ours sampled out ÷ OpenTelemetry AlwaysOff',
      ratio(ours, medianOf(results, NAMES.otelAlwaysOff)),
      '<=',
      0.05,
    ),
  ];
}

/** Scenario 2: the same trace, sampled out at the root. Cost per span. */
export async function sampledOutScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, SAMPLED_OUT_CONTENDERS);
  const measured = await measureContenders(
    contenders,
    {
      iteration: (contender) => contender.trace(),
      spansPerIteration: SPANS_PER_TRACE,
      exportedPerIteration: 0,
      // Nothing is exported, so no queue needs draining: fewer yields keep the
      // harness's own cost (a few ns per span at 64 traces per turn) out of the figures.
      iterationsPerTurn: 1_024,
    },
    mode,
  );
  return {
    id: '2',
    key: 'sampled-out',
    title: 'The same trace, sampled out',
    unit: 'ns/span',
    showPerSecond: true,
    subject: NAMES.oursSampledOut,
    results: measured.results,
    targets: sampledOutTargets(measured.results),
    notes: measured.notes,
    errors: measured.errors,
  };
}
