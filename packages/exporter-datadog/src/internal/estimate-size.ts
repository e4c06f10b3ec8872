import type { ExportedAISpan } from '@aitracing/core';

// Fixed cost of a span's ids, times, name and bookkeeping.
const SPAN_OVERHEAD_BYTES = 256;
// Past this many values the estimate stops walking: the span is big anyway.
const MAX_VISITED_VALUES = 10_000;

/**
 * Approximate bytes a held span keeps alive: string lengths (UTF-16, 2 bytes
 * per unit) plus a small cost per value. Cheaper than `JSON.stringify` on
 * large inputs; walks at most 10,000 values. The values are already safely
 * serialised by core (acyclic, bounded depth).
 */
export function estimateSpanBytes(span: ExportedAISpan): number {
  const budget = { remaining: MAX_VISITED_VALUES };
  return (
    SPAN_OVERHEAD_BYTES +
    span.name.length * 2 +
    estimateValueBytes(span.attributes, budget) +
    estimateValueBytes(span.metadata, budget) +
    estimateValueBytes(span.input, budget) +
    estimateValueBytes(span.output, budget) +
    estimateValueBytes(span.errorInfo, budget)
  );
}

function estimateValueBytes(value: unknown, budget: { remaining: number }): number {
  if (budget.remaining <= 0) return 0;
  budget.remaining -= 1;
  if (typeof value === 'string') return 16 + value.length * 2;
  if (value === null || typeof value !== 'object') return 8;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (const item of value) bytes += 8 + estimateValueBytes(item, budget);
    return bytes;
  }
  for (const [key, item] of Object.entries(value))
    bytes += 16 + key.length * 2 + estimateValueBytes(item, budget);
  return bytes;
}
