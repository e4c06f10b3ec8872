import { randomBytes } from 'node:crypto';
import { AISpanType, type ExportedAISpan } from '@aitracing/core';

/** Name of the span that stands in for a root that never ended. */
export const PLACEHOLDER_SPAN_NAME = 'incomplete trace';

const placeholders = new WeakSet<ExportedAISpan>();

/**
 * A generic root standing in for the missing root of an incomplete trace:
 * it spans from the earliest start to the latest end of `spans`.
 */
export function createPlaceholderSpan(traceId: string, spans: readonly ExportedAISpan[]): ExportedAISpan {
  let startTime = Number.POSITIVE_INFINITY;
  let endTime = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    startTime = Math.min(startTime, span.startTime);
    endTime = Math.max(endTime, span.endTime ?? span.startTime);
  }
  if (!Number.isFinite(startTime)) startTime = endTime = Date.now();
  const placeholder: ExportedAISpan = Object.freeze({
    id: randomBytes(8).toString('hex'),
    traceId,
    name: PLACEHOLDER_SPAN_NAME,
    type: AISpanType.GENERIC,
    startTime,
    endTime,
    isEvent: false,
    isRootSpan: true,
  });
  placeholders.add(placeholder);
  return placeholder;
}

/** True for a span made by {@link createPlaceholderSpan}. */
export function isPlaceholderSpan(span: ExportedAISpan): boolean {
  return placeholders.has(span);
}
