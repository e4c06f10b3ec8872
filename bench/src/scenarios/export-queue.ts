import { reasonOf } from '../contenders/contender';
import {
  otelSdkPipeline,
  oursWithLangfuseExporter,
  oursWithOtelExporter,
  type PipelineOptions,
  type QueuePipeline,
} from '../contenders/queue-pipelines';
import { type TimedCase, timeInterleaved } from '../harness';
import { startLoopbackReceiver } from '../receivers/loopback-receiver';
import type { ContenderResult, ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { nextTurn, SPANS_PER_TRACE, TRACES_PER_TURN } from '../workload/trace-shape';

// Flushing after every burst keeps the producer from outrunning the queue:
// 128 traces are 1,408 spans, below every exporter's 2,048-span queue.
const TRACES_PER_BURST = 2 * TRACES_PER_TURN;

/**
 * Scenario 5b: spans per second from `end()` through each exporter's queue,
 * conversion, encoding and HTTP to a loopback receiver (in a worker thread)
 * that answers 200 at once and counts the spans it got. Wall-clock time.
 * The Datadog exporter is not run here: dd-trace instruments the whole
 * process (http, promises), which would change every other contender's
 * figures in the same run.
 */
export async function exportQueueScenario(mode: RunMode): Promise<ScenarioReport> {
  const receiver = await startLoopbackReceiver();
  const options: PipelineOptions = { url: receiver.url, exportTimeoutMs: 10_000, maxRetryDurationMs: 60_000 };
  const errors: string[] = [];
  const notes: string[] = [];
  const pipelines: QueuePipeline[] = [];
  for (const create of [oursWithOtelExporter, oursWithLangfuseExporter, otelSdkPipeline]) {
    try {
      pipelines.push(create(options));
    } catch (error) {
      errors.push(`could not create a pipeline: ${reasonOf(error)}`);
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
  return {
    id: '5b',
    key: 'export-queue',
    title: 'Export pipeline end to end: end() → queue → OTLP/HTTP → loopback receiver (wall clock)',
    unit: 'ns/span',
    showPerSecond: true,
    subject: pipelines[0]?.name ?? '',
    results,
    targets: [],
    notes: [
      `Bursts of ${TRACES_PER_BURST} traces, each followed by flush(); the receiver runs in a worker thread and counts spans.`,
      'Not run: @aitracing/exporter-datadog (dd-trace instruments the whole process and would skew the other contenders).',
      ...notes,
    ],
    errors,
  };
}
