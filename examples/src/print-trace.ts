import type { ExportedAISpan } from '@aitracing/core';
import type { TraceTree } from '@aitracing/core/testing';

function describeSpan(span: ExportedAISpan): string {
  const duration = span.endTime === undefined ? '' : ` ${(span.endTime - span.startTime).toFixed(1)}ms`;
  const attributes = span.attributes as Record<string, unknown> | undefined;
  const usage = attributes?.usage as { totalTokens?: number } | undefined;
  const extras = [
    attributes?.model ? `model=${String(attributes.model)}` : '',
    usage?.totalTokens ? `tokens=${usage.totalTokens}` : '',
    span.isEvent ? `"${String(span.output)}"` : '',
  ].filter(Boolean);
  return `${span.type} "${span.name}"${duration}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/** Render a trace as an indented tree, one span per line. */
export function formatTrace(trace: TraceTree): string[] {
  const lines = [`trace ${trace.traceId}`];
  const visit = (node: TraceTree['roots'][number], indent: string) => {
    lines.push(`${indent}${describeSpan(node.span)}`);
    for (const child of node.children) visit(child, `${indent}  `);
  };
  for (const root of trace.roots) visit(root, '  ');
  return lines;
}
