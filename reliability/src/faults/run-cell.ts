import { format } from 'node:util';
import { DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { AppGuard } from '../app/app-guard';
import { collectGarbage, HeapSampler } from '../app/heap-sampler';
import { runTrace } from '../app/workload';
import { findSecrets, type SuiteSecrets, secretValues } from '../security/secrets';
import type { FaultTarget } from '../targets/fault-target';
import { type Fault, type FaultClass, faultLabel } from './fault-catalogue';
import type { TimingProfile } from './timing-profile';

/** One cell of the fault matrix: an exporter under a fault. */
export interface CellResult {
  readonly exporter: string;
  readonly faultId: string;
  readonly faultLabel: string;
  readonly faultClass: FaultClass;
  /** Spans the app ended */
  readonly sent: number;
  /** Distinct spans the receiver got */
  readonly received: number;
  readonly receivedDetail: string | undefined;
  /** Distinct spans received per channel, for exporters with several (Datadog) */
  readonly receivedByChannel: Readonly<Record<string, number>> | undefined;
  readonly duplicates: number;
  /** Drops the exporter reports, by reason (zero counts left out) */
  readonly dropped: Readonly<Record<string, number>>;
  /** Retries the exporter reports */
  readonly retries: number | undefined;
  /** Data requests the receiver saw, and how many of them were faulted */
  readonly wireAttempts: number;
  readonly wireFaulted: number;
  readonly peakHeapMb: number;
  readonly heapGrowthMb: number;
  /** Anything the app saw: throws, rejections, unhandled rejections, uncaught exceptions */
  readonly appErrors: readonly string[];
  /** Warn and error lines logged through aitracing's logger */
  readonly logLines: readonly string[];
  /** Secrets found in logs, errors, stats or received payloads (must be empty) */
  readonly secretLeaks: readonly string[];
  /** Whether everything was accounted for before the settle deadline */
  readonly settled: boolean;
  readonly durationMs: number;
  readonly raw: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const SPANS_PER_BURST_TRACE = 20;

/**
 * Run one cell: a fresh exporter and tracing instance (logging to a
 * RecordingLogger), the fault on the receiver's side, spans ended by the
 * app through a guard, then flush, wait for the exporter to settle, shut
 * down, and count what arrived, what was dropped and what the app saw.
 */
export async function runCell(
  target: FaultTarget,
  fault: Fault,
  profile: TimingProfile,
  secrets: SuiteSecrets,
): Promise<CellResult> {
  const started = Date.now();
  const gate = target.gate;
  target.clear();
  await gate.up();
  const attemptsBefore = gate.counts.attempts;
  const faultedBefore = gate.counts.faulted;
  gate.policy = fault.policy(profile);
  collectGarbage();
  const guard = new AppGuard().arm();
  const heap = new HeapSampler().start();
  const logger = new RecordingLogger();

  const exporter = guard.call(() => target.createExporter(profile, secrets, fault));
  const tracing = guard.call(
    () =>
      new DefaultAITracing({
        serviceName: 'reliability',
        exporters: exporter === undefined ? [] : [exporter],
        logger,
      }),
  );
  let refusing: Promise<void> | undefined;
  if (fault.refuse) {
    await gate.down();
    refusing = sleep(profile.refuseMs).then(() => gate.up());
  }

  const traceIds = new Set<string>();
  let sent = 0;
  const emit = async (traces: number, spans: number) => {
    for (let index = 0; index < traces && tracing !== undefined; index++) {
      const result = await runTrace(tracing, { spans, secret: secrets.appSecret, guard, label: fault.id });
      if (result.traceId !== '') traceIds.add(result.traceId);
      sent += result.spans;
    }
  };
  if (fault.class === 'burst') {
    await emit(Math.ceil(profile.burstSpans / SPANS_PER_BURST_TRACE), SPANS_PER_BURST_TRACE);
  } else {
    // Two waves, so that more than one request meets the fault.
    const traces = fault.class === 'exhausted' ? (profile.exhaustedTraces ?? profile.traces) : profile.traces;
    const firstWave = Math.ceil(traces / 2);
    await emit(firstWave, profile.spansPerTrace);
    await sleep(100);
    await emit(traces - firstWave, profile.spansPerTrace);
  }

  await guard.callAsync(async () => tracing?.flush(profile.flushTimeoutMs));
  const deadline = Date.now() + profile.settleMs;
  let settled = false;
  while (Date.now() < deadline) {
    const everything = target.received(traceIds).unique >= sent;
    const report = exporter === undefined ? undefined : target.report(exporter);
    // A slow receiver still answers requests the client gave up on: wait for those too.
    const quietMs = target.quietMs(fault) + (fault.class === 'burst' ? profile.slowMs : 0);
    const quiet = gate.pendingForwards === 0 && Date.now() - gate.lastActivityAt >= quietMs;
    if (refusing === undefined || gate.isUp) {
      if (everything && report?.settled !== false) {
        settled = true;
        break;
      }
      if (report?.settled === true && quiet) {
        settled = true;
        break;
      }
    }
    await sleep(50);
  }
  await refusing;
  await guard.callAsync(async () => tracing?.shutdown(profile.shutdownTimeoutMs));
  // What the receiver still gets after shutdown (slow answers) counts as received.
  const forwardsDeadline = Date.now() + profile.slowMs * 4;
  while (gate.pendingForwards > 0 && Date.now() < forwardsDeadline) await sleep(50);
  // Give a stray rejection a chance to surface before the guard is disarmed.
  await sleep(50);
  heap.stop();
  guard.disarm();
  gate.policy = () => ({ kind: 'pass' });
  gate.releaseHeld();

  const received = target.received(traceIds);
  const report = exporter === undefined ? undefined : target.report(exporter);
  const logLines = logger.lines
    .filter((line) => line.level === 'warn' || line.level === 'error')
    .map((line) => `${line.level}: ${format(line.message, ...line.args)}`);
  const allLogText = logger.lines.map((line) => format(line.message, ...line.args));
  const secretList = secretValues(secrets);
  const secretLeaks = [
    ...findSecrets(allLogText, secretList, 'log line'),
    ...findSecrets(guard.errors, secretList, 'app error'),
    ...findSecrets([JSON.stringify(report?.raw ?? {})], secretList, 'exporter stats'),
    ...findSecrets(target.payloadTexts(traceIds), secretList, 'received payload'),
  ];
  const dropped = Object.fromEntries(Object.entries(report?.dropped ?? {}).filter(([, count]) => count > 0));
  return {
    exporter: target.name,
    faultId: fault.id,
    faultLabel: faultLabel(fault, profile),
    faultClass: fault.class,
    sent,
    received: received.unique,
    receivedDetail: received.detail,
    receivedByChannel: received.byChannel,
    duplicates: received.duplicates,
    dropped,
    retries: report?.retries,
    wireAttempts: gate.counts.attempts - attemptsBefore,
    wireFaulted: gate.counts.faulted - faultedBefore,
    peakHeapMb: heap.peakMb,
    heapGrowthMb: heap.growthMb,
    appErrors: guard.errors,
    logLines,
    secretLeaks,
    settled,
    durationMs: Date.now() - started,
    raw: report?.raw,
  };
}
