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

/** Contenders of scenario 1, in table order. */
export const TRACE_COST_CONTENDERS: readonly string[] = [
  NAMES.oursFilterOn,
  NAMES.oursFilterOff,
  NAMES.otelSimple,
  NAMES.otelBatch,
  NAMES.mastra1,
  NAMES.mastra0,
  NAMES.floor,
];

/** Targets of scenario 1, checked on the (merged) results. */
export function traceCostTargets(results: readonly ContenderResult[]): TargetCheck[] {
  const ours = medianOf(results, NAMES.oursFilterOn);
  return [
    checkTarget(
      'ours (filter on) ÷ OpenTelemetry Simple',
      ratio(ours, medianOf(results, NAMES.otelSimple)),
      '<=',
      0.3,
    ),
    checkTarget('ours (filter on) ÷ Mastra 1.x', ratio(ours, medianOf(results, NAMES.mastra1)), '<=', 0.05),
  ];
}

/**
 * Scenario 1: a trace of 1 root + 10 children with typical attributes,
 * ended and exported to an in-memory exporter, sensitive-data filter on
 * (and off). Cost per span.
 */
export async function traceCostScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, TRACE_COST_CONTENDERS);
  const measured = await measureContenders(
    contenders,
    {
      iteration: (contender) => contender.trace(),
      spansPerIteration: SPANS_PER_TRACE,
      exportedPerIteration: SPANS_PER_TRACE,
    },
    mode,
  );
  return {
    id: '1',
    key: 'trace-cost',
    title: 'Trace of 1 root + 10 children, ended and exported in memory',
    unit: 'ns/span',
    showPerSecond: true,
    subject: NAMES.oursFilterOn,
    results: measured.results,
    targets: traceCostTargets(measured.results),
    notes: measured.notes,
    errors: measured.errors,
  };
}
