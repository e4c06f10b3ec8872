import { isAvailable, reasonOf } from '../contenders/contender';
import { NAMES, pick, type Roster } from '../contenders/roster';
import { summarize } from '../harness';
import {
  type ContenderResult,
  checkTarget,
  medianOf,
  ratio,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { turnGate } from '../turn-gate';

/** Contenders of scenario 3, in table order. */
export const HEAP_CONTENDERS: readonly string[] = [
  NAMES.oursFilterOn,
  NAMES.otelSimple,
  NAMES.mastra1,
  NAMES.mastra0,
  NAMES.floor,
];

/** Targets of scenario 3, checked on the (merged) results. */
export function heapTargets(results: readonly ContenderResult[]): TargetCheck[] {
  return [
    checkTarget(
      'ours ÷ OpenTelemetry, bytes per live span',
      ratio(medianOf(results, NAMES.oursFilterOn), medianOf(results, NAMES.otelSimple)),
      '<=',
      0.5,
    ),
  ];
}

const nextImmediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const nextTimer = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * Lets the event loop turn a few times (immediates and timers), then runs
 * full GCs: work a library queued for a later turn (a delivery, a
 * microtask chain) settles and its garbage is collected, so only what the
 * open spans themselves hold is counted.
 */
async function settleAndCollect(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) {
    await nextImmediate();
    await nextTimer();
  }
  // Twice: the first pass may only queue finalisers and weak callbacks.
  globalThis.gc!();
  await nextImmediate();
  globalThis.gc!();
}

/**
 * Scenario 3: retained heap per live (started, not ended) span. Each round
 * holds `heapSpans` open child spans of one live root per contender, in a
 * preallocated array, and divides the heap growth by their number, measured
 * after the event loop turned a few times and full GCs ran. Needs `node --expose-gc`.
 */
export async function heapPerSpanScenario(roster: Roster, mode: RunMode): Promise<ScenarioReport> {
  const contenders = pick(roster, HEAP_CONTENDERS);
  const base = {
    id: '3',
    key: 'heap-per-live-span',
    title: `Retained heap per live span (${mode.heapSpans.toLocaleString('en-US')} open spans, --expose-gc)`,
    unit: 'B/span',
    showPerSecond: false,
    subject: NAMES.oursFilterOn,
  };
  if (typeof globalThis.gc !== 'function') {
    return { ...base, results: [], targets: [], notes: [], errors: ['scenario 3 needs node --expose-gc'] };
  }
  const held: unknown[] = new Array(mode.heapSpans).fill(undefined);
  const samples = new Map<string, number[]>();
  const failures = new Map<string, string>();
  const available = contenders.filter(isAvailable);
  for (const contender of available) {
    samples.set(contender.name, []);
    try {
      for (let index = 0; index < 1_000; index++) held[index % held.length] = contender.startOpenSpan();
    } catch (error) {
      failures.set(contender.name, `threw: ${reasonOf(error)}`);
    }
    held.fill(undefined);
  }
  const gate = turnGate();
  for (let round = 0; round < mode.heapRounds; round++) {
    for (const contender of available) {
      if (failures.has(contender.name)) continue;
      await gate.begin();
      held.fill(undefined);
      await settleAndCollect();
      const before = process.memoryUsage().heapUsed;
      try {
        for (let index = 0; index < held.length; index++) held[index] = contender.startOpenSpan();
      } catch (error) {
        failures.set(contender.name, `threw: ${reasonOf(error)}`);
        gate.end();
        continue;
      }
      await settleAndCollect();
      const after = process.memoryUsage().heapUsed;
      gate.end();
      samples.get(contender.name)!.push((after - before) / held.length);
    }
  }
  held.fill(undefined);
  const errors: string[] = [];
  const results = contenders.map((contender): ContenderResult => {
    if (!isAvailable(contender)) return contender;
    const failure = failures.get(contender.name);
    if (failure !== undefined) {
      if (contender.role === 'ours') errors.push(`${contender.name} ${failure}`);
      return { name: contender.name, role: contender.role, unavailable: failure };
    }
    return { name: contender.name, role: contender.role, summary: summarize(samples.get(contender.name)!) };
  });
  return {
    ...base,
    results,
    targets: heapTargets(results),
    notes: [
      'Each span is a child of one live root and carries { model, provider, streaming } attributes; ' +
        'the bytes include everything the library keeps for it (ids, attributes, context).',
    ],
    errors,
  };
}
