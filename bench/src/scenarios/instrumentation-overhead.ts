import { AITracingEventType, DefaultAITracing } from '@aitracing/core';
import { type Summary, type TimedCase, timeInterleaved } from '../harness';
import {
  type ContenderResult,
  checkTarget,
  medianOf,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';

/** A tracing instance whose exporter counts the spans it receives. */
export interface CountedTracing {
  readonly tracing: DefaultAITracing;
  readonly ended: { count: number };
}

/**
 * A `DefaultAITracing` with defaults (filter and cost estimation on) and one
 * exporter that counts ended spans. It takes `span_ended` only, like every
 * exporter we ship, so no `span_started` snapshot is taken.
 */
export function countedTracing(sampling: 'always' | 'never'): CountedTracing {
  const ended = { count: 0 };
  const tracing = new DefaultAITracing({
    serviceName: 'bench',
    sampling: { type: sampling },
    exporters: [
      {
        name: 'count',
        eventTypes: [AITracingEventType.SPAN_ENDED],
        async exportEvent(event) {
          if (event.type === AITracingEventType.SPAN_ENDED) ended.count++;
        },
        async shutdown() {},
      },
    ],
  });
  return { tracing, ended };
}

/**
 * One instrumentation, measured on a stub of the SDK method it wraps (an
 * in-process transport that answers at once), so that its own work is not
 * lost in the SDK's noise.
 */
export interface InstrumentationSubject {
  /** Prefix of the rows, e.g. `openai`. */
  readonly label: string;
  /** What the stub stands for, e.g. `chat.completions.create`. */
  readonly method: string;
  /** One call of the uninstrumented stub; resolves to its result. */
  plain(): PromiseLike<unknown>;
  /** The same call through the instrumented stub, sampled in (spans go to `sampledIn`). */
  traced(): PromiseLike<unknown>;
  /**
   * The snapshot floor: the plain call wrapped by hand in core's `startSpan`
   * and `end` with the same attributes, input and output, on `sampledIn`.
   * Same loop shape as `traced`, so `handWritten − plain` is what core's span
   * lifecycle and snapshot cost, and `traced − handWritten` what the
   * instrumentation adds on top.
   */
  handWritten(): PromiseLike<unknown>;
  /** One call of a synchronous stub (returns at once), uninstrumented. */
  plainSync(): unknown;
  /** The same synchronous stub, instrumented, sampled out (on `sampledOut`). */
  sampledOutSync(): unknown;
  /** What `plainSync` and `sampledOutSync` return (checked: the app gets the same value). */
  readonly syncResult: unknown;
  readonly sampledIn: CountedTracing;
  readonly sampledOut: CountedTracing;
}

/** One part of scenario 8: rows, targets and notes of one instrumentation. */
export type InstrumentationPart = Pick<ScenarioReport, 'results' | 'targets' | 'notes' | 'errors'>;

/**
 * Times one instrumentation on its stubs, interleaved: sampled in (plain,
 * instrumented, hand-written span) and sampled out (plain, instrumented). Checks that
 * every sampled-in span reached the exporter and no sampled-out one did.
 * Targets (issue 15): (instrumented − plain) − floor ≤ 2 µs sampled in,
 * instrumented − plain ≤ 100 ns sampled out.
 */
export async function measureInstrumentation(
  subject: InstrumentationSubject,
  mode: RunMode,
): Promise<InstrumentationPart> {
  const { label, sampledIn, sampledOut } = subject;
  const names = {
    plain: `${label}: stub ${subject.method}, uninstrumented`,
    traced: `${label}: stub, instrumented, sampled in`,
    handWritten: `${label}: stub in a hand-written startSpan/end (floor)`,
    plainSync: `${label}: sync stub, uninstrumented`,
    sampledOut: `${label}: sync stub, instrumented, sampled out`,
  };
  const errors: string[] = [];
  const sink = { same: 0, calls: 0 };
  let expectedSpans = 0;
  const awaited = (name: string, call: () => PromiseLike<unknown>, traced: boolean): TimedCase => ({
    name,
    async run(iterations) {
      for (let index = 0; index < iterations; index++) if ((await call()) !== undefined) sink.calls++;
      if (traced) {
        expectedSpans += iterations;
        await sampledIn.tracing.flush();
      }
    },
  });
  const sync = (name: string, call: () => unknown): TimedCase => ({
    name,
    run(iterations) {
      for (let index = 0; index < iterations; index++) if (call() === subject.syncResult) sink.same++;
    },
  });
  const timing = { ...mode.timing, unitsPerIteration: 1 };
  const inTimes = await timeInterleaved(
    [
      awaited(names.plain, subject.plain, false),
      awaited(names.traced, subject.traced, true),
      awaited(names.handWritten, subject.handWritten, true),
    ],
    timing,
  );
  const outTimes = await timeInterleaved(
    [sync(names.plainSync, subject.plainSync), sync(names.sampledOut, subject.sampledOutSync)],
    timing,
  );
  await sampledIn.tracing.flush();
  if (sampledIn.ended.count !== expectedSpans) {
    errors.push(
      `${label} sampled in: exporter received ${sampledIn.ended.count} spans, expected ${expectedSpans}`,
    );
  }
  if (sampledOut.ended.count !== 0)
    errors.push(`${label} sampled out: ${sampledOut.ended.count} spans exported`);
  if (sink.calls === 0 || sink.same === 0) errors.push(`${label}: a stub returned nothing`);
  await sampledIn.tracing.shutdown();
  await sampledOut.tracing.shutdown();

  const row = (name: string, role: 'ours' | 'anchor', times: Map<string, Summary>): ContenderResult => ({
    name,
    role,
    summary: times.get(name),
  });
  const results = [
    row(names.traced, 'ours', inTimes),
    row(names.plain, 'anchor', inTimes),
    row(names.handWritten, 'anchor', inTimes),
    row(names.sampledOut, 'ours', outTimes),
    row(names.plainSync, 'anchor', outTimes),
  ];
  const plainNs = medianOf(results, names.plain);
  const added = difference(medianOf(results, names.traced), plainNs);
  const floorNs = difference(medianOf(results, names.handWritten), plainNs);
  const beyondFloor = difference(added, floorNs);
  const sampledOutAdded = difference(medianOf(results, names.sampledOut), medianOf(results, names.plainSync));
  const targets: TargetCheck[] = [
    checkTarget(
      `${label} sampled in: ns added per call beyond the snapshot floor, (instrumented − plain) − floor`,
      beyondFloor,
      '<=',
      2_000,
    ),
    checkTarget(`${label} sampled out: ns added per call`, sampledOutAdded, '<=', 100),
  ];
  return {
    results,
    targets,
    notes: [
      `${label}: sampled in adds ${format(added)} per call over the stub; the snapshot floor (a hand-written core startSpan + end around it, same input/output, same config) adds ${format(floorNs)}; beyond it ${format(beyondFloor)}. Sampled out adds ${format(sampledOutAdded)}.`,
    ],
    errors,
  };
}

function difference(minuend: number | undefined, subtrahend: number | undefined): number | undefined {
  return minuend === undefined || subtrahend === undefined ? undefined : minuend - subtrahend;
}

/** Nanoseconds, rounded, or `n/a`. */
export function format(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${Math.round(value)} ns`;
}
