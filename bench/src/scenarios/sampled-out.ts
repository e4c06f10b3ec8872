import { NAMES, pick, type Roster } from '../contenders/roster';
import { checkTarget, medianOf, ratio, type ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { SPANS_PER_TRACE } from '../workload/trace-shape';
import { measureContenders } from './measure-contenders';

/** Scenario 2: the same trace, sampled out at the root. Cost per span. */
export async function sampledOutScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, [
    NAMES.oursSampledOut,
    NAMES.otelAlwaysOff,
    NAMES.mastra1SampledOut,
    NAMES.mastra0SampledOut,
    NAMES.floorSampledOut,
  ]);
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
  const ours = medianOf(measured.results, NAMES.oursSampledOut);
  return {
    id: '2',
    key: 'sampled-out',
    title: 'The same trace, sampled out',
    unit: 'ns/span',
    showPerSecond: true,
    subject: NAMES.oursSampledOut,
    results: measured.results,
    targets: [
      checkTarget('ours sampled out, ns per span', ours, '<=', 20),
      checkTarget(
        'ours sampled out ÷ OpenTelemetry AlwaysOff',
        ratio(ours, medianOf(measured.results, NAMES.otelAlwaysOff)),
        '<=',
        0.05,
      ),
    ],
    notes: measured.notes,
    errors: measured.errors,
  };
}
