import { AISpanType, AITracingEventType, DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { type Summary, type TimedCase, timeInterleaved } from '../harness';
import type { ContenderResult, ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';

const HUGE_OBJECT = 'aitracing: input = object with 10^6 keys';
const HUGE_STRING = 'aitracing: input = 10^8-character string';
const SMALL_INPUT = 'aitracing: input = 3-key object (reference)';

function objectWithKeys(count: number): Record<string, number> {
  const object: Record<string, number> = {};
  for (let index = 0; index < count; index++) object[`key${index}`] = index;
  return object;
}

function toMicroseconds(summary: Summary): Summary {
  return { ...summary, median: summary.median / 1e3, min: summary.min / 1e3, max: summary.max / 1e3 };
}

/**
 * Scenario 7 (opt-in: `pnpm bench --only=7`, not part of the default run or
 * the smoke test): the cost of ending a span whose input is hostile in size,
 * with default limits. What the limits imply is ~500 keys / 32 K characters
 * of work; this shows what remains (the engine's own key enumeration of a
 * huge object, which no JavaScript code can skip).
 */
export async function hostileInputScenario(mode: RunMode): Promise<ScenarioReport> {
  const smoke = mode.name === 'smoke';
  const hugeObject = objectWithKeys(smoke ? 10_000 : 1_000_000);
  const hugeString = 'x'.repeat(smoke ? 1_000_000 : 100_000_000);
  const exporter = new InMemoryExporter({ eventTypes: [AITracingEventType.SPAN_ENDED] });
  const tracing = new DefaultAITracing({ serviceName: 'bench', exporters: [exporter] });
  let ended = 0;
  const spanWith = (name: string, input: unknown): TimedCase => ({
    name,
    async run(iterations) {
      for (let index = 0; index < iterations; index++) {
        tracing.startSpan({ type: AISpanType.GENERIC, name: 'hostile', input }).end();
        ended++;
      }
      await tracing.flush();
      exporter.reset();
    },
  });
  const cases = [
    spanWith(HUGE_OBJECT, hugeObject),
    spanWith(HUGE_STRING, hugeString),
    spanWith(SMALL_INPUT, { a: 1, b: 'two', c: [3] }),
  ];
  // A span costs up to a few hundred ms here: short rounds, but at least as many as elsewhere.
  const summaries = await timeInterleaved(cases, {
    ...mode.timing,
    roundMs: Math.min(mode.timing.roundMs, 50),
    unitsPerIteration: 1,
  });
  await tracing.shutdown();
  const results: ContenderResult[] = cases.map((timed) => ({
    name: timed.name,
    role: 'ours',
    summary: toMicroseconds(summaries.get(timed.name)!),
  }));
  return {
    id: '7',
    key: 'hostile-input',
    title: `Span end with a hostile input (${ended.toLocaleString('en-US')} spans)`,
    unit: 'µs/span',
    showPerSecond: false,
    subject: HUGE_OBJECT,
    results,
    targets: [],
    notes: [
      'Default limits (500 keys, 32,768 characters). The object is read up to the limit only; what remains is V8 ' +
        'building the key list of a dictionary-mode object for for…in, O(keys), which no JavaScript code can skip.',
      'The same string is passed to every span: V8 flattens the repeat() result once, on the first span; later ' +
        'spans slice the flat string in O(maxStringLength).',
    ],
    errors: [],
  };
}
