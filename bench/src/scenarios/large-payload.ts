import { NAMES, pick, type Roster } from '../contenders/roster';
import {
  type ContenderResult,
  checkTarget,
  informational,
  medianOf,
  ratio,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { createLargePayload, type LargePayload } from '../workload/large-payload';
import { measureContenders } from './measure-contenders';

/** Contenders of scenarios 4 and 4b, in table order. */
export const LARGE_PAYLOAD_CONTENDERS: readonly string[] = [
  NAMES.oursFilterOn,
  NAMES.oursKeyRulesOnly,
  NAMES.oursFilterOff,
  NAMES.oursExporterReadsPayload,
  NAMES.otelSimple,
  NAMES.otelExporterReadsPayload,
  NAMES.mastra1,
  NAMES.mastra0,
];

/** Targets of scenarios 4 and 4b, checked on the (merged) results, and the informational ratios. */
export function largePayloadTargets(results: readonly ContenderResult[]): TargetCheck[] {
  const ours = medianOf(results, NAMES.oursFilterOn);
  const oursReading = medianOf(results, NAMES.oursExporterReadsPayload);
  return [
    checkTarget(
      'ours (filter on) ÷ OpenTelemetry JSON attributes',
      ratio(ours, medianOf(results, NAMES.otelSimple)),
      '<=',
      0.5,
    ),
    // Issue 20: the value detectors (on by default) cost at most half again the key-only filter.
    checkTarget(
      'ours (filter on, value detectors) ÷ ours (key rules only)',
      ratio(ours, medianOf(results, NAMES.oursKeyRulesOnly)),
      '<=',
      1.5,
    ),
    // No target: these show what an exporter that needs the payload adds (materialising it included).
    informational(
      'ours ÷ OpenTelemetry, both exporters reading the payload',
      ratio(oursReading, medianOf(results, NAMES.otelExporterReadsPayload)),
    ),
    informational('ours, exporter reading input/output ÷ ours (filter on)', ratio(oursReading, ours)),
  ];
}

const NOTES: readonly string[] = [
  '"key rules only" is our filter without its value detectors (`detectSecrets: false`): the filter ' +
    'before issue 20; "filter on" is the default, detectors scanning every string.',
  '"exporter reads input/output as JSON": our exporter reads `span.input` and `span.output` and ' +
    '`JSON.stringify`s them, as exporter-langfuse does for `langfuse.observation.input`/`.output`, and keeps ' +
    'the two texts (not the span) until its batch goes; its OpenTelemetry counterpart reads the `input` and ' +
    '`output` attributes (already JSON text) and keeps them the same way. Informational, no target.',
];

/** What distinguishes scenario 4 from 4b. */
export interface LargePayloadVariant {
  readonly id: string;
  readonly key: string;
  /** The pairs: one is passed on every span; several are taken in turn, one per span. */
  readonly pairs: readonly LargePayload[];
  /** Title after the byte counts. */
  readonly titleSuffix: string;
  /** Notes on how the payload is passed, first in the table's notes. */
  readonly notes: readonly string[];
}

/**
 * Times one span started with a ~10 KB nested input and ended with a ~10 KB
 * nested output, per contender: the cost of safe serialisation and redaction
 * (ours, Mastra) against OpenTelemetry's JSON-attribute path (`JSON.stringify`
 * into a span attribute, no redaction).
 */
export async function runLargePayload(
  roster: Roster,
  mode: RunMode,
  variant: LargePayloadVariant,
): Promise<ScenarioReport> {
  const contenders = pick(roster, LARGE_PAYLOAD_CONTENDERS);
  const { pairs } = variant;
  const first = pairs[0]!;
  let next = 0;
  const bytes = `${JSON.stringify(first.input).length.toLocaleString('en-US')} + ${JSON.stringify(first.output).length.toLocaleString('en-US')}`;
  const measured = await measureContenders(
    contenders,
    {
      iteration:
        pairs.length === 1
          ? (contender) => contender.largeSpan(first.input, first.output)
          : (contender) => {
              const pair = pairs[next]!;
              next = next + 1 === pairs.length ? 0 : next + 1;
              contender.largeSpan(pair.input, pair.output);
            },
      spansPerIteration: 1,
      exportedPerIteration: 1,
    },
    { ...mode, timing: { ...mode.timing, roundMs: mode.timing.roundMs * 2 } },
  );
  return {
    id: variant.id,
    key: variant.key,
    title: `One span with a nested input and output (${bytes} bytes of JSON)${variant.titleSuffix}`,
    unit: 'ns/span',
    showPerSecond: true,
    subject: NAMES.oursFilterOn,
    results: measured.results,
    targets: largePayloadTargets(measured.results),
    notes: [...variant.notes, ...NOTES, ...measured.notes],
    errors: measured.errors,
  };
}

/**
 * Scenario 4: the same input and output objects on every span (the best
 * case for anything cached per object or per string; 4b is the worst).
 */
export function largePayloadScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  return runLargePayload(roster, mode, {
    id: '4',
    key: 'large-payload',
    pairs: [createLargePayload()],
    titleSuffix: ', the same objects on every span',
    notes: [
      'The same input and output objects are passed on every span; each library copies or serialises them ' +
        'once per span (ours: one fused serialise-and-redact walk at end()). Anything cached per string ' +
        'hits here on every span: see 4b for payloads whose strings are new on every span.',
    ],
  });
}
