import { reasonOf } from '../contenders/contender';
import type { PipelineOptions, QueuePipeline } from '../contenders/queue-pipelines';
import { type TimedCase, timeInterleaved } from '../harness';
import { startLoopbackReceiver } from '../receivers/loopback-receiver';
import type { ContenderResult } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { nextTurn, SPANS_PER_TRACE, TRACES_PER_TURN } from '../workload/trace-shape';

// Flushing after every burst keeps the producer from outrunning the queue:
// 128 traces are 1,408 spans, below every exporter's 2,048-span queue.
export const TRACES_PER_BURST = 2 * TRACES_PER_TURN;

/** A pipeline factory, by the name its pipeline reports. */
export type PipelineFactory = (options: PipelineOptions) => QueuePipeline;

/** What {@link measurePipelines} found. */
export interface MeasuredPipelines {
  readonly results: ContenderResult[];
  readonly notes: string[];
  readonly errors: string[];
}

/**
 * Times the named pipelines (all of them when `only` is absent) from
 * `end()` through each exporter's queue, conversion, encoding and HTTP to a
 * loopback receiver (in a worker thread) that answers 200 at once and
 * counts the spans it got. Wall-clock time: the network path is the point.
 * A receiver that did not get every span is an error for ours, a note for
 * an anchor.
 */
export async function measurePipelines(
  factories: Readonly<Record<string, PipelineFactory>>,
  mode: RunMode,
  only?: readonly string[],
): Promise<MeasuredPipelines> {
  const receiver = await startLoopbackReceiver();
  const options: PipelineOptions = { url: receiver.url, exportTimeoutMs: 10_000, maxRetryDurationMs: 60_000 };
  const errors: string[] = [];
  const notes: string[] = [];
  const pipelines: QueuePipeline[] = [];
  for (const name of only ?? Object.keys(factories)) {
    const create = factories[name];
    if (create === undefined) throw new Error(`unknown pipeline "${name}"`);
    try {
      pipelines.push(create(options));
    } catch (error) {
      errors.push(`could not create ${name}: ${reasonOf(error)}`);
    }
  }
  const mismatches = new Map<string, string>();
  const cases: TimedCase[] = pipelines.map((pipeline) => ({
    name: pipeline.name,
    async run(iterations) {
      await receiver.reset();
      for (let index = 1; index <= iterations; index++) {
        pipeline.trace();
        if (index % TRACES_PER_BURST === 0) await pipeline.flush();
        else if (index % TRACES_PER_TURN === 0) await nextTurn();
      }
      await pipeline.flush();
      const { spans } = await receiver.totals();
      const expected = iterations * SPANS_PER_TRACE;
      if (spans !== expected && !mismatches.has(pipeline.name)) {
        mismatches.set(pipeline.name, `${pipeline.name}: receiver got ${spans} spans, expected ${expected}`);
      }
    },
  }));
  const timing = {
    ...mode.timing,
    roundMs: mode.timing.roundMs * 2,
    clock: 'wall' as const,
    unitsPerIteration: SPANS_PER_TRACE,
  };
  const summaries = await timeInterleaved(cases, timing);
  const results: ContenderResult[] = pipelines.map((pipeline) => {
    const stats = pipeline.stats();
    return {
      name: pipeline.name,
      role: pipeline.role,
      summary: summaries.get(pipeline.name)!,
      ...(stats === undefined
        ? {}
        : {
            metrics: {
              accepted: stats.accepted,
              exported: stats.exported,
              dropped: Object.values(stats.dropped).reduce((sum, count) => sum + count, 0),
            },
          }),
    };
  });
  for (const pipeline of pipelines) {
    const mismatch = mismatches.get(pipeline.name);
    if (mismatch !== undefined) (pipeline.role === 'ours' ? errors : notes).push(mismatch);
    await pipeline.shutdown(5_000);
  }
  await receiver.close();
  return { results, notes, errors };
}
