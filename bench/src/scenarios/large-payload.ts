import { NAMES, pick, type Roster } from '../contenders/roster';
import { checkTarget, medianOf, ratio, type ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { createLargePayload } from '../workload/large-payload';
import { measureContenders } from './measure-contenders';

/**
 * Scenario 4: one span started with a ~10 KB nested input and ended with a
 * ~10 KB nested output: the cost of safe serialisation and redaction (ours,
 * Mastra) against OpenTelemetry's JSON-attribute path (`JSON.stringify`
 * into a span attribute, no redaction).
 */
export async function largePayloadScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, [
    NAMES.oursFilterOn,
    NAMES.oursFilterOff,
    NAMES.otelSimple,
    NAMES.mastra1,
    NAMES.mastra0,
  ]);
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
    targets: [
      checkTarget(
        'ours (filter on) ÷ OpenTelemetry JSON attributes',
        ratio(medianOf(measured.results, NAMES.oursFilterOn), medianOf(measured.results, NAMES.otelSimple)),
        '<=',
        0.5,
      ),
    ],
    notes: [
      'The same input and output objects are passed on every span; each library copies or serialises them ' +
        'once per span (ours: one fused serialise-and-redact walk at end()).',
      ...measured.notes,
    ],
    errors: measured.errors,
  };
}
