import type { CellResult } from './run-cell';

/** Bound on heap growth within one cell, far above what a bounded exporter needs. */
export const MAX_CELL_HEAP_GROWTH_MB = 256;

function totalDropped(cell: CellResult): number {
  return Object.values(cell.dropped).reduce((sum, count) => sum + count, 0);
}

/**
 * Core's own line when the app's `flush()` outlasts its timeout (an exporter still retrying or
 * waiting on a slow receiver): a cause of its own, not a drop.
 */
// A flush that times out while a batch is still being retried is reported (spans stay queued),
// not a loss: the lines of core and of exporters saying so are not about the drop.
const FLUSH_TIMEOUT_LINES = ['did not finish before the timeout', 'flush did not finish within'];
const isFlushTimeoutLine = (text: string) => FLUSH_TIMEOUT_LINES.some((line) => text.includes(line));

function distinctLines(cell: CellResult): boolean {
  return new Set(cell.logLines).size === cell.logLines.length;
}

/** Checks every exporter must pass in every cell: the app never sees an error, nothing leaks, memory is bounded. */
function universal(cell: CellResult): string[] {
  const problems: string[] = [];
  if (cell.appErrors.length > 0) problems.push(`the app saw errors: ${cell.appErrors.join('; ')}`);
  if (cell.secretLeaks.length > 0) problems.push(`secrets leaked: ${cell.secretLeaks.join('; ')}`);
  if (cell.heapGrowthMb > MAX_CELL_HEAP_GROWTH_MB)
    problems.push(`heap grew ${cell.heapGrowthMb.toFixed(0)} MB`);
  if (!cell.settled) problems.push('not settled before the deadline: spans neither delivered nor dropped');
  if (!distinctLines(cell)) problems.push('the same log line was written more than once');
  if (cell.received > cell.sent) problems.push(`received ${cell.received} > sent ${cell.sent}`);
  return problems;
}

/**
 * What OTLP and Langfuse (a retrying queue) must do: recoverable faults lose
 * nothing; a rejected batch is dropped, counted exactly and logged once; a
 * receiver that never recovers costs exactly the spans sent, logged once; a
 * burst beyond the queue drops exactly the overflow, logged once.
 */
export function checkRetryingExporter(cell: CellResult): string[] {
  const problems = universal(cell);
  const expectOnlyDrop = (reason: string, count: number, line: string) => {
    if ((cell.dropped[reason] ?? 0) !== count)
      problems.push(`dropped.${reason} ${cell.dropped[reason] ?? 0} != ${count}`);
    if (totalDropped(cell) !== count) problems.push(`other drops: ${JSON.stringify(cell.dropped)}`);
    const matching = cell.logLines.filter((text) => text.includes(line));
    const others = cell.logLines.filter((text) => !text.includes(line) && !isFlushTimeoutLine(text));
    if (matching.length !== 1 || others.length > 0) {
      problems.push(`expected exactly one log line about "${line}", got ${JSON.stringify(cell.logLines)}`);
    }
  };
  switch (cell.faultClass) {
    case 'healthy':
    case 'recoverable':
      if (cell.received !== cell.sent)
        problems.push(`lost ${cell.sent - cell.received} of ${cell.sent} spans`);
      if (totalDropped(cell) !== 0) problems.push(`dropped ${JSON.stringify(cell.dropped)}`);
      if (cell.logLines.length > 0) problems.push(`logged ${JSON.stringify(cell.logLines)}`);
      break;
    case 'unrecoverable':
      if (cell.received !== 0) problems.push(`received ${cell.received} spans the receiver rejected`);
      expectOnlyDrop('rejected', cell.sent, 'rejected a batch');
      break;
    case 'exhausted':
      if (cell.received !== 0)
        problems.push(`received ${cell.received} spans from a receiver that always fails`);
      expectOnlyDrop('retriesExhausted', cell.sent, 'after retrying');
      break;
    case 'burst':
      if ((cell.dropped.queueFull ?? 0) === 0) problems.push('the burst did not overflow the queue');
      if (cell.received + (cell.dropped.queueFull ?? 0) !== cell.sent) {
        problems.push(
          `received ${cell.received} + queueFull ${cell.dropped.queueFull ?? 0} != sent ${cell.sent}`,
        );
      }
      expectOnlyDrop('queueFull', cell.dropped.queueFull ?? 0, 'queue is full');
      break;
  }
  return problems;
}

/** The Datadog exporter's delivery channels: each its own retrying queue on core's delivery kit. */
export type DatadogChannel = 'llmobs' | 'apm';

const CHANNEL_LABEL: Record<DatadogChannel, string> = { llmobs: 'LLM Observability', apm: 'APM' };

/**
 * What one channel of the Datadog exporter (LLM Observability span events or
 * APM spans, each through its own retrying queue) must do, like OTLP and
 * Langfuse: recoverable faults lose nothing; a burst past the queue drops
 * exactly the overflow (`queueFull`), logged once; a rejected batch is
 * dropped, counted exactly and logged once; a receiver that never recovers
 * costs exactly the spans sent, logged once.
 */
export function checkDatadogChannel(cell: CellResult, channel: DatadogChannel): string[] {
  const problems: string[] = [];
  const label = CHANNEL_LABEL[channel];
  const received = cell.receivedByChannel?.[channel];
  if (received === undefined) return [`no ${label} count`];
  const drops = {
    rejected: cell.dropped[`${channel}Rejected`] ?? 0,
    retriesExhausted: cell.dropped[`${channel}RetriesExhausted`] ?? 0,
    queueFull: cell.dropped[`${channel}QueueFull`] ?? 0,
    tooLarge: cell.dropped[`${channel}TooLarge`] ?? 0,
    shutdownTimeout: cell.dropped[`${channel}ShutdownTimeout`] ?? 0,
  };
  const total = Object.values(drops).reduce((sum, count) => sum + count, 0);
  const lines = cell.logLines.filter(
    (line) => line.includes(`${label} span`) || line.includes(`${label} queue`),
  );
  const expectOnlyDrop = (reason: keyof typeof drops, line: string) => {
    if (received !== 0) problems.push(`${label} received ${received} spans the receiver refused`);
    if (drops[reason] !== cell.sent || total !== cell.sent) {
      problems.push(`${label} drops ${JSON.stringify(drops)}, expected ${reason}: ${cell.sent}`);
    }
    if (lines.length !== 1 || !lines[0]?.includes(line)) {
      problems.push(`expected one ${label} log line about "${line}", got ${JSON.stringify(lines)}`);
    }
  };
  switch (cell.faultClass) {
    case 'healthy':
    case 'recoverable':
      if (received !== cell.sent) problems.push(`${label} lost ${cell.sent - received} of ${cell.sent}`);
      if (total !== 0) problems.push(`${label} dropped ${JSON.stringify(drops)}`);
      if (lines.length > 0) problems.push(`logged ${JSON.stringify(lines)}`);
      break;
    case 'burst':
      // As for OTLP: what the queue cannot hold is dropped exactly, counted and logged once; the rest arrives.
      if (received + drops.queueFull !== cell.sent) {
        problems.push(`${label} received ${received} + queueFull ${drops.queueFull} != sent ${cell.sent}`);
      }
      if (total !== drops.queueFull) problems.push(`${label} dropped ${JSON.stringify(drops)}`);
      if (lines.length !== (drops.queueFull > 0 ? 1 : 0)) {
        problems.push(
          `expected ${drops.queueFull > 0 ? 'one' : 'no'} ${label} log line, got ${JSON.stringify(lines)}`,
        );
      }
      break;
    case 'unrecoverable':
      expectOnlyDrop('rejected', 'rejected a batch');
      break;
    case 'exhausted':
      expectOnlyDrop('retriesExhausted', 'after retrying');
      break;
  }
  return problems;
}

/**
 * What the Datadog exporter (mode `both`) must do: the universal checks, and
 * each channel held to the same row as OTLP (see {@link checkDatadogChannel});
 * every log line belongs to one of the channels' causes, and the exporter
 * refused no span.
 */
export function checkDatadogExporter(cell: CellResult): string[] {
  const problems = [
    ...universal(cell),
    ...checkDatadogChannel(cell, 'llmobs'),
    ...checkDatadogChannel(cell, 'apm'),
  ];
  if ((cell.dropped.mappingFailed ?? 0) > 0)
    problems.push(`could not map ${cell.dropped.mappingFailed} spans`);
  const stray = cell.logLines.filter(
    (line) =>
      !line.includes('LLM Observability span') &&
      !line.includes('APM span') &&
      !line.includes('queue is full') &&
      !isFlushTimeoutLine(line),
  );
  if (stray.length > 0) problems.push(`unexpected log lines ${JSON.stringify(stray)}`);
  return problems;
}

/** The checks for a cell of any exporter. */
export function checkCell(cell: CellResult): string[] {
  return cell.exporter === 'datadog' ? checkDatadogExporter(cell) : checkRetryingExporter(cell);
}
