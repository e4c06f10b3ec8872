import type { ExportedAISpan } from '@aitracing/core';

/** One span and its children, ordered by start time. */
export interface SpanNode {
  readonly span: ExportedAISpan;
  readonly children: SpanNode[];
}

/** Spans whose parent is not among the printed spans (it has not ended, or was printed earlier). */
export interface MissingParentGroup {
  readonly parentSpanId: string;
  readonly children: SpanNode[];
}

/** The spans of a trace as trees. A complete trace has one root and no missing parents. */
export interface SpanForest {
  /** Root spans, and spans that could not be placed under a parent */
  readonly roots: SpanNode[];
  readonly missingParents: MissingParentGroup[];
}

const byStartTime = (left: SpanNode, right: SpanNode): number => left.span.startTime - right.span.startTime;

/**
 * Arrange spans as trees by `parentSpanId`, children ordered by start time
 * (ties keep the order spans ended in). Never loses a span: spans caught in
 * a parent cycle (malformed input) become roots.
 */
export function buildSpanForest(spans: readonly ExportedAISpan[]): SpanForest {
  const nodes = spans.map((span): SpanNode => ({ span, children: [] }));
  const byId = new Map<string, SpanNode>();
  for (const node of nodes) if (!byId.has(node.span.id)) byId.set(node.span.id, node);

  const roots: SpanNode[] = [];
  const missing = new Map<string, SpanNode[]>();
  for (const node of nodes) {
    const { parentSpanId, isRootSpan, id } = node.span;
    const parent = parentSpanId === undefined ? undefined : byId.get(parentSpanId);
    if (isRootSpan || parentSpanId === undefined || parentSpanId === id) roots.push(node);
    else if (parent !== undefined) parent.children.push(node);
    else {
      const group = missing.get(parentSpanId);
      if (group === undefined) missing.set(parentSpanId, [node]);
      else group.push(node);
    }
  }

  const missingParents = [...missing].map(([parentSpanId, children]) => ({ parentSpanId, children }));
  const reached = new Set<SpanNode>();
  const pending = [...roots, ...missingParents.flatMap((group) => group.children)];
  const visit = (): void => {
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if (reached.has(node)) continue;
      reached.add(node);
      node.children.sort(byStartTime);
      for (const child of node.children) pending.push(child);
    }
  };
  visit();
  for (const node of nodes) {
    if (reached.has(node)) continue;
    roots.push(node);
    pending.push(node);
    visit();
  }

  roots.sort(byStartTime);
  for (const group of missingParents) group.children.sort(byStartTime);
  missingParents.sort((left, right) => byStartTime(left.children[0]!, right.children[0]!));
  return { roots, missingParents };
}
