import type { ReceivedSpan } from './otlp-receiver';

/**
 * The spans of one trace as an indented outline of names, children in name
 * order: what the tests compare, so a wrong parent or a missing span shows
 * as a readable diff.
 */
export function traceTree(spans: readonly ReceivedSpan[]): string {
  const lines: string[] = [];
  const ids = new Set(spans.map((span) => span.spanId));
  const walk = (parentSpanId: string | undefined, depth: number): void => {
    const children = spans
      .filter((span) =>
        parentSpanId === undefined
          ? span.parentSpanId === undefined || !ids.has(span.parentSpanId)
          : span.parentSpanId === parentSpanId,
      )
      .sort((left, right) => left.name.localeCompare(right.name));
    for (const child of children) {
      lines.push(
        `${'  '.repeat(depth)}${child.name}${depth === 0 && child.parentSpanId !== undefined ? ' (parent missing)' : ''}`,
      );
      walk(child.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}
