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
import { createLargePayload } from '../workload/large-payload';
import { measureContenders } from './measure-contenders';

/** Contenders of scenario 4, in table order. */
export const LARGE_PAYLOAD_CONTENDERS: readonly string[] = [
  NAMES.oursFilterOn,
  NAMES.oursKeyRulesOnly,
  NAMES.oursFilterOff,
  NAMES.otelSimple,
  NAMES.mastra1,
  NAMES.mastra0,
];

/** Targets of scenario 4, checked on the (merged) results. */
export function largePayloadTargets(results: readonly ContenderResult[]): TargetCheck[] {
  return [
    checkTarget(
      'ours (filter on) ÷ OpenTelemetry JSON attributes',
      ratio(medianOf(results, NAMES.oursFilterOn), medianOf(results, NAMES.otelSimple)),
      '<=',
      0.5,
    ),
    // Issue 20: the value detectors (on by default) cost at most half again the key-only filter.
    checkTarget(
      'ours (filter on, value detectors) ÷ ours (key rules only)',
      ratio(medianOf(results, NAMES.oursFilterOn), medianOf(results, NAMES.oursKeyRulesOnly)),
      '<=',
      1.5,
    ),
  ];
}

/**
 * Scenario 4: one span started with a ~10 KB nested input and ended with a
 * ~10 KB nested output: the cost of safe serialisation and redaction (ours,
 * Mastra) against OpenTelemetry's JSON-attribute path (`JSON.stringify`
 * into a span attribute, no redaction).
 */
export async function largePayloadScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, LARGE_PAYLOAD_CONTENDERS);
  const { input, output } = createLargePayload();
  const bytes = `${JSON.stringify(input).length.toLocaleString('en-US')} + ${JSON.stringify(output).length.toLocaleString('en-US')}`;
  const measured = await measureContenders(
    contenders,
    {
      iteration: (contender) => contender.largeSpan(input, output),
      spansPerIteration: 1,
      exportedPerIteration: 1,
    },
    { ...mode, timing: { ...mode.timing, roundMs: mode.timing.roundMs * 2 } },
  );
  return {
    id: '4',
    key: 'large-payload',
    title: `One span with a nested input and output (${bytes} bytes of JSON)`,
    unit: 'ns/span',
    showPerSecond: true,
    subject: NAMES.oursFilterOn,
    results: measured.results,
    targets: largePayloadTargets(measured.results),
    notes: [
      'The same input and output objects are passed on every span; each library copies or serialises them ' +
        'once per span (ours: one fused serialise-and-redact walk at end()).',
      '"key rules only" is our filter without its value detectors (`detectSecrets: false`): the filter ' +
        'before issue 20; "filter on" is the default, detectors scanning every string.',
      ...measured.notes,
    ],
    errors: measured.errors,
  };
}
