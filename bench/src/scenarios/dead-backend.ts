import { reasonOf } from '../contenders/contender';
import type { PipelineOptions, QueuePipeline, QueueStats } from '../contenders/queue-pipelines';
import { refusingUrl } from '../receivers/loopback-receiver';
import {
  type ContenderResult,
  checkTarget,
  type ScenarioReport,
  type TargetCheck,
} from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { nextTurn, SPANS_PER_TRACE, TRACES_PER_TURN } from '../workload/trace-shape';

const MB = 2 ** 20;
/** How long the counters may take to settle after shutdown (a request in flight still fails later). */
const SETTLE_TIMEOUT_MS = 5_000;
/** Heap growth after the queue cap that still counts as "no growth" (GC noise, compiled code). */
const BOUNDED_GROWTH_MB = 1;
const CHECKPOINTS = 10;

function fullGc(): void {
  globalThis.gc?.();
  globalThis.gc?.();
}

interface SoakFigures {
  readonly spans: number;
  readonly peakRssGrowthMb: number;
  /** Heap (after full GC) once the queue is full, relative to the start. */
  readonly heapAtCapMb: number;
  /** Heap growth from the first checkpoint past the cap to the end. */
  readonly heapGrowthAfterCapMb: number;
}

/** Ends `spans` spans (in standard traces) against a dead backend, watching memory. */
async function soak(pipeline: QueuePipeline, spans: number): Promise<SoakFigures> {
  const traces = Math.ceil(spans / SPANS_PER_TRACE);
  fullGc();
  const startHeap = process.memoryUsage().heapUsed;
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const heapAt: number[] = [];
  const checkpointEvery = Math.max(TRACES_PER_TURN, Math.floor(traces / CHECKPOINTS));
  for (let index = 1; index <= traces; index++) {
    pipeline.trace();
    if (index % TRACES_PER_TURN === 0) {
      await nextTurn();
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    if (index % checkpointEvery === 0) {
      fullGc();
      heapAt.push(process.memoryUsage().heapUsed - startHeap);
    }
  }
  await nextTurn();
  fullGc();
  heapAt.push(process.memoryUsage().heapUsed - startHeap);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  // The first checkpoint is already past the 2,048-span queue cap in full mode.
  const atCap = heapAt[0]!;
  return {
    spans: traces * SPANS_PER_TRACE,
    peakRssGrowthMb: (peakRss - startRss) / MB,
    heapAtCapMb: atCap / MB,
    heapGrowthAfterCapMb: (heapAt.at(-1)! - atCap) / MB,
  };
}

/** Whether every span is accounted for: sent, or dropped under one reason. */
function accountingErrors(name: string, spans: number, stats: QueueStats): string[] {
  const { queueFull, rejected, retriesExhausted, shutdown } = stats.dropped;
  const errors: string[] = [];
  if (stats.accepted + queueFull !== spans) {
    errors.push(
      `${name}: accepted ${stats.accepted} + dropped as queue full ${queueFull} ≠ ${spans} spans ended`,
    );
  }
  const dropped = queueFull + rejected + retriesExhausted + shutdown;
  if (dropped !== spans - stats.exported) {
    errors.push(`${name}: dropped ${dropped} ≠ ${spans - stats.exported} spans not sent`);
  }
  if (stats.exported !== 0)
    errors.push(`${name}: ${stats.exported} spans reported exported to a dead backend`);
  return errors;
}

/** Waits until `done()` holds or `timeoutMs` passed; returns whether it held. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Resolves true when `promise` settles within `timeoutMs`, false otherwise. */
async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  return settled;
}

/**
 * Scenario 6 (one part: one pipeline per process, so that RSS and the young
 * generation grown by one pipeline are not charged to the next): a dead
 * backend. The pipeline ends `deadBackendSpans` spans
 * while the receiver's port refuses connections, then shuts down. Reports
 * peak RSS growth and heap growth (heap after full GCs, from the first
 * checkpoint past the queue cap to the end), and checks that the drop
 * counters account for exactly the spans not sent.
 */
export async function deadBackendScenario(
  mode: RunMode,
  create: (options: PipelineOptions) => QueuePipeline,
): Promise<ScenarioReport> {
  const options: PipelineOptions = {
    url: await refusingUrl(),
    exportTimeoutMs: 1_000,
    maxRetryDurationMs: 2_000,
  };
  const errors: string[] = [];
  const notes: string[] = [
    'Memory figures are process-wide: peak RSS growth during the run, heap after full GCs. ' +
      'OpenTelemetry keeps no public drop counters, so only its memory is reported.',
  ];
  if (mode.name === 'smoke') notes.push('smoke mode: too few spans for the memory figures to mean anything');
  const report = (results: ContenderResult[], targets: TargetCheck[]): ScenarioReport => ({
    id: '6',
    key: 'dead-backend',
    title: `Dead backend: ${mode.deadBackendSpans.toLocaleString('en-US')} spans while the receiver refuses connections`,
    unit: 'MB heap growth after the queue cap',
    showPerSecond: false,
    subject: results[0]?.name ?? '',
    results,
    targets,
    notes,
    errors,
  });
  let pipeline: QueuePipeline;
  try {
    pipeline = create(options);
  } catch (error) {
    errors.push(`could not create a pipeline: ${reasonOf(error)}`);
    return report([], []);
  }
  // A library that lets a socket error escape would end the app: recorded
  // (an error when it is ours) instead of ending this process.
  process.on('uncaughtException', (error: unknown) => {
    const message = `${pipeline.name}: uncaught exception (would crash the app): ${reasonOf(error)}`;
    (pipeline.role === 'ours' ? errors : notes).push(message);
  });
  const figures = await soak(pipeline, mode.deadBackendSpans);
  const shutdownMs = mode.deadBackendShutdownMs;
  if (!(await settlesWithin(pipeline.shutdown(shutdownMs), shutdownMs + 2_000))) {
    (pipeline.role === 'ours' ? errors : notes).push(
      `${pipeline.name}: shutdown(${shutdownMs}) did not settle within ${shutdownMs + 2_000} ms`,
    );
  }
  // Batches still in flight at the deadline are counted when their request fails.
  await waitFor(() => {
    const stats = pipeline.stats();
    return stats === undefined || accountingErrors(pipeline.name, figures.spans, stats).length === 0;
  }, SETTLE_TIMEOUT_MS);
  const targets: TargetCheck[] = [];
  const metrics: Record<string, number> = {
    spans: figures.spans,
    'peak RSS growth MB': figures.peakRssGrowthMb,
    'heap at cap MB': figures.heapAtCapMb,
  };
  const stats = pipeline.stats();
  if (stats !== undefined) {
    metrics.exported = stats.exported;
    for (const [reason, count] of Object.entries(stats.dropped)) metrics[`dropped ${reason}`] = count;
    const problems = accountingErrors(pipeline.name, figures.spans, stats);
    errors.push(...problems);
    targets.push(
      checkTarget(`${pipeline.name}: drop counters off by`, problems.length === 0 ? 0 : 1, '<=', 0),
    );
  }
  const growth = figures.heapGrowthAfterCapMb;
  if (pipeline.role === 'ours') {
    // In smoke mode the first checkpoint is not yet past the queue cap: nothing to judge.
    const measured = mode.name === 'smoke' ? undefined : growth;
    targets.push(
      checkTarget(`${pipeline.name}: heap growth after the queue cap, MB`, measured, '<=', BOUNDED_GROWTH_MB),
    );
  }
  const result: ContenderResult = {
    name: pipeline.name,
    role: pipeline.role,
    summary: { median: growth, min: growth, max: growth, samples: 1 },
    metrics,
  };
  return report([result], targets);
}
