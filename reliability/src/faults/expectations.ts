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
const FLUSH_TIMEOUT_LINE = 'did not finish before the timeout';

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
    const others = cell.logLines.filter((text) => !text.includes(line) && !text.includes(FLUSH_TIMEOUT_LINE));
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

/**
 * What the Datadog exporter must do, given dd-trace's documented behaviour
 * (it retries network errors a few times and drops a payload answered with
 * an HTTP error): nothing is lost on a healthy agent or under a burst; a loss
 * is never silent (the exporter counts the failed requests and logs each
 * cause once); network faults that end within dd-trace's retry (`fast`
 * timings) lose nothing.
 */
export function checkDatadogExporter(cell: CellResult, options: { networkFaultsRecover: boolean }): string[] {
  const problems = universal(cell);
  const lost = cell.sent - cell.received;
  const reportedFailures = (cell.dropped.requestsRejected ?? 0) + (cell.dropped.requestsFailed ?? 0);
  if ((cell.dropped.spansDropped ?? 0) > 0)
    problems.push(`dd-trace refused ${cell.dropped.spansDropped} spans`);
  if (cell.faultClass === 'healthy' || cell.faultClass === 'burst') {
    if (lost !== 0) problems.push(`lost ${lost} of ${cell.sent} spans with a healthy agent`);
  } else if (cell.faultId === 'hang' || cell.faultId === 'reset' || cell.faultId === 'refuse') {
    if (options.networkFaultsRecover && lost !== 0)
      problems.push(`lost ${lost} spans to a short network fault`);
    if ((cell.dropped.requestsFailed ?? 0) === 0 && cell.faultId !== 'refuse') {
      problems.push('the failed requests were not counted');
    }
  } else if ((cell.dropped.requestsRejected ?? 0) === 0) {
    problems.push('the rejected requests were not counted');
  }
  if (lost > 0 && (reportedFailures === 0 || cell.logLines.length === 0)) {
    problems.push(`lost ${lost} spans silently`);
  }
  return problems;
}

/**
 * What the Datadog exporter's LLM Observability channel (our own retrying
 * queue) must do, like OTLP and Langfuse: recoverable faults lose nothing; a
 * rejected batch is dropped, counted exactly and logged once; a receiver that
 * never recovers costs exactly the spans sent, logged once. (APM spans go
 * through dd-trace and are held to {@link checkDatadogExporter}.)
 */
export function checkDatadogLLMObsChannel(cell: CellResult): string[] {
  const problems: string[] = [];
  const received = cell.receivedByChannel?.llmobs;
  if (received === undefined) return ['no LLM Observability count'];
  const drops = {
    rejected: cell.dropped.llmobsRejected ?? 0,
    retriesExhausted: cell.dropped.llmobsRetriesExhausted ?? 0,
    queueFull: cell.dropped.llmobsQueueFull ?? 0,
    shutdownTimeout: cell.dropped.llmobsShutdownTimeout ?? 0,
  };
  const total = Object.values(drops).reduce((sum, count) => sum + count, 0);
  const lines = cell.logLines.filter((line) => line.includes('LLM Observability'));
  const expectOnlyDrop = (reason: keyof typeof drops, line: string) => {
    if (received !== 0) problems.push(`LLM Observability received ${received} spans the receiver refused`);
    if (drops[reason] !== cell.sent || total !== cell.sent) {
      problems.push(`LLM Observability drops ${JSON.stringify(drops)}, expected ${reason}: ${cell.sent}`);
    }
    if (lines.length !== 1 || !lines[0]?.includes(line)) {
      problems.push(`expected one LLM Observability log line about "${line}", got ${JSON.stringify(lines)}`);
    }
  };
  switch (cell.faultClass) {
    case 'healthy':
    case 'recoverable':
    case 'burst':
      if (received !== cell.sent)
        problems.push(`LLM Observability lost ${cell.sent - received} of ${cell.sent}`);
      if (total !== 0) problems.push(`LLM Observability dropped ${JSON.stringify(drops)}`);
      if (lines.length > 0) problems.push(`logged ${JSON.stringify(lines)}`);
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

/** The checks for a cell of any exporter. */
export function checkCell(cell: CellResult, options: { networkFaultsRecover: boolean }): string[] {
  return cell.exporter === 'datadog' ? checkDatadogExporter(cell, options) : checkRetryingExporter(cell);
}
