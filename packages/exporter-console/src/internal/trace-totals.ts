import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import type { Palette } from './colors';
import { formatCost, formatCount, formatDuration } from './format-values';
import { formatUsage, isFailed, readCost, readUsage } from './span-details';

/** Sums over the spans of one printed trace. */
export interface TraceTotals {
  readonly spans: number;
  readonly errors: number;
  /** LLM generation spans */
  readonly llmCalls: number;
  /** Summed duration of the LLM generations (parallel calls each count) */
  readonly llmTimeMs: number;
  /** Summed usage of the LLM generations; undefined when none reported usage */
  readonly usage?: { prompt?: number; completion?: number; total?: number; cached?: number };
  /** Summed cost per currency (`''` when the currency is not given) */
  readonly costs: ReadonlyMap<string, number>;
}

function add(sum: number | undefined, value: number | undefined): number | undefined {
  return value === undefined ? sum : (sum ?? 0) + value;
}

/** Sum tokens, LLM time, cost and errors over `spans`. Only LLM generations count towards tokens and cost. */
export function computeTotals(spans: readonly ExportedAISpan[]): TraceTotals {
  let errors = 0;
  let llmCalls = 0;
  let llmTimeMs = 0;
  let prompt: number | undefined;
  let completion: number | undefined;
  let total: number | undefined;
  let cached: number | undefined;
  const costs = new Map<string, number>();
  for (const span of spans) {
    if (isFailed(span)) errors++;
    if (span.type !== AISpanType.LLM_GENERATION) continue;
    llmCalls++;
    if (span.endTime !== undefined && span.endTime >= span.startTime)
      llmTimeMs += span.endTime - span.startTime;
    const usage = readUsage(span);
    if (usage !== undefined) {
      prompt = add(prompt, usage.prompt);
      completion = add(completion, usage.completion);
      total = add(total, usage.total);
      cached = add(cached, usage.cached);
    }
    const cost = readCost(span);
    if (cost !== undefined) {
      const currency = cost.currency?.toUpperCase() ?? '';
      costs.set(currency, (costs.get(currency) ?? 0) + cost.total);
    }
  }
  const hasUsage =
    prompt !== undefined || completion !== undefined || total !== undefined || cached !== undefined;
  return {
    spans: spans.length,
    errors,
    llmCalls,
    llmTimeMs,
    usage: hasUsage ? { prompt, completion, total, cached } : undefined,
    costs,
  };
}

/** `8 spans · 2 LLM calls · LLM time 300.5ms · tokens … · cost $0.0021 · 1 error · 3 dropped` */
export function formatTotals(totals: TraceTotals, droppedSpans: number, palette: Palette): string {
  const parts = [`${formatCount(totals.spans)} ${totals.spans === 1 ? 'span' : 'spans'}`];
  if (totals.llmCalls > 0) {
    parts.push(`${formatCount(totals.llmCalls)} LLM ${totals.llmCalls === 1 ? 'call' : 'calls'}`);
    parts.push(`LLM time ${formatDuration(totals.llmTimeMs)}`);
  }
  if (totals.usage !== undefined) parts.push(formatUsage(totals.usage, palette));
  if (totals.costs.size > 0) {
    const amounts = [...totals.costs].map(([currency, amount]) => formatCost(amount, currency || undefined));
    parts.push(`cost ${palette.green(amounts.join(' + '))}`);
  }
  if (totals.errors > 0) {
    parts.push(
      palette.red(palette.bold(`${formatCount(totals.errors)} ${totals.errors === 1 ? 'error' : 'errors'}`)),
    );
  }
  if (droppedSpans > 0) {
    parts.push(palette.yellow(`${formatCount(droppedSpans)} dropped (buffer full)`));
  }
  return `${palette.dim('totals')} ${parts.join(palette.dim(' · '))}`;
}
