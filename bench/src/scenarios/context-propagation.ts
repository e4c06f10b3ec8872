import { reasonOf } from '../contenders/contender';
import {
  CONTEXT_NAMES,
  type ContextContender,
  createContextContender,
} from '../contenders/context-contenders';
import { type TimedCase, timeInterleaved } from '../harness';
import {
  type ContenderResult,
  checkTarget,
  medianOf,
  ratio,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { nextTurn, SPANS_PER_TRACE, TRACES_PER_TURN } from '../workload/trace-shape';

/** Contenders of scenario 10, in table order. */
export const CONTEXT_CONTENDERS: readonly string[] = [
  CONTEXT_NAMES.tracedSync,
  CONTEXT_NAMES.tracedAsync,
  CONTEXT_NAMES.tracedSampledOut,
  CONTEXT_NAMES.explicitParent,
  CONTEXT_NAMES.otelSync,
  CONTEXT_NAMES.otelAsync,
];

/**
 * Targets of scenario 10. The issue sets none; these say what the design
 * promises: the async context costs less than OpenTelemetry's for the same
 * nesting (sync and awaited).
 */
export function contextTargets(results: readonly ContenderResult[]): TargetCheck[] {
  return [
    checkTarget(
      'ours traced() ÷ OpenTelemetry startActiveSpan, sync',
      ratio(medianOf(results, CONTEXT_NAMES.tracedSync), medianOf(results, CONTEXT_NAMES.otelSync)),
      '<=',
      1,
    ),
    checkTarget(
      'ours tracedAsync() ÷ OpenTelemetry startActiveSpan, async',
      ratio(medianOf(results, CONTEXT_NAMES.tracedAsync), medianOf(results, CONTEXT_NAMES.otelAsync)),
      '<=',
      1,
    ),
  ];
}

/**
 * Scenario 10: the cost of `traced()` / `tracedAsync()` per span, where
 * each child finds its parent in the async context (AsyncLocalStorage), next
 * to the same trace with explicit parents (scenario 1's code) and to
 * OpenTelemetry's `startActiveSpan` with its AsyncLocalStorage context
 * manager. Same trace shape as scenario 1, in-memory exporters, CPU time.
 */
export async function contextPropagationScenario(
  mode: RunMode,
  only?: readonly string[],
): Promise<ScenarioReport> {
  const names = only ?? CONTEXT_CONTENDERS;
  const contenders: ContextContender[] = [];
  const results: ContenderResult[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
  for (const name of names) {
    try {
      contenders.push(createContextContender(name));
    } catch (error) {
      results.push({ name, role: 'anchor', unavailable: `could not load: ${reasonOf(error)}` });
    }
  }
  const failures = new Map<string, string>();
  const cases: TimedCase[] = contenders.map((contender) => ({
    name: contender.name,
    async run(iterations) {
      if (failures.has(contender.name)) return;
      try {
        for (let index = 1; index <= iterations; index++) {
          await contender.trace();
          if (index % TRACES_PER_TURN === 0) await nextTurn();
        }
        const received = await contender.drain();
        const expected = iterations * contender.exportedPerTrace;
        if (received !== expected) {
          const mismatch = `${contender.name}: exporter received ${received} spans, expected ${expected}`;
          (contender.role === 'ours' ? errors : notes).push(mismatch);
        }
      } catch (error) {
        failures.set(contender.name, `threw: ${reasonOf(error)}`);
      }
    },
  }));
  const summaries = await timeInterleaved(cases, { ...mode.timing, unitsPerIteration: SPANS_PER_TRACE });
  for (const contender of contenders) {
    const failure = failures.get(contender.name);
    if (failure !== undefined && contender.role === 'ours') errors.push(`${contender.name} ${failure}`);
    results.push(
      failure === undefined
        ? { name: contender.name, role: contender.role, summary: summaries.get(contender.name)! }
        : { name: contender.name, role: contender.role, unavailable: failure },
    );
    await contender.shutdown();
  }
  return {
    id: '10',
    key: 'context-propagation',
    title: 'traced() and context propagation: 1 root + 10 children, parents found in the async context',
    unit: 'ns/span',
    showPerSecond: true,
    subject: CONTEXT_NAMES.tracedSync,
    results,
    targets: contextTargets(results),
    notes: [
      'Async rows await every child (11 awaits per trace): their cost includes the promise and AsyncLocalStorage ' +
        'work any async function pays, which is the point of the comparison.',
      ...[...new Set(notes)],
    ],
    errors: [...new Set(errors)],
  };
}
