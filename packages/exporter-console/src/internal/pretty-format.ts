import type { AISpanErrorInfo, ExportedAISpan, LogLevel } from '@aitracing/core';
import type { Palette } from './colors';
import { contextLine } from './context-details';
import { escapeControlCharacters, formatDuration, preview, truncate } from './format-values';
import { describeSpan, isFailed } from './span-details';
import { buildSpanForest, type MissingParentGroup, type SpanNode } from './span-tree';
import type { ReadyTrace, TraceRelease } from './trace-buffer';
import { computeTotals, formatTotals } from './trace-totals';

/** What the pretty format needs to know besides the trace. */
export interface PrettyFormatOptions {
  readonly palette: Palette;
  readonly showInput: boolean;
  readonly showOutput: boolean;
  readonly maxPreviewLength: number;
  readonly logLevel: LogLevel;
  readonly incompleteTraceTimeoutMs: number;
  /** Printed in the header when known */
  readonly serviceName?: string;
}

type RenderItem =
  | { readonly kind: 'span'; readonly node: SpanNode }
  | { readonly kind: 'events'; readonly nodes: readonly SpanNode[] }
  | { readonly kind: 'missing-parent'; readonly group: MissingParentGroup };

interface Frame {
  readonly item: RenderItem;
  /** Printed before the item's own line */
  readonly branch: string;
  /** Printed before the lines below the item (its details and children) */
  readonly continuation: string;
}

const ERROR_DETAIL_KEYS = ['status', 'code', 'type'] as const;
const MAX_STACK_LINES = 5;

function typeColor(type: string, palette: Palette): (text: string) => string {
  if (type === 'agent_run') return palette.magenta;
  if (type.startsWith('llm_')) return palette.cyan;
  if (type === 'tool_call' || type === 'mcp_tool_call') return palette.yellow;
  if (type.startsWith('workflow_')) return palette.blue;
  return (text) => text;
}

function formatTimeout(ms: number): string {
  return ms % 1_000 === 0 ? `${ms / 1_000}s` : `${ms}ms`;
}

function incompleteReason(release: TraceRelease, options: PrettyFormatOptions): string {
  switch (release) {
    case 'timeout':
      return `root not ended, no span ended for ${formatTimeout(options.incompleteTraceTimeoutMs)}`;
    case 'flush':
      return 'root not ended at flush';
    case 'shutdown':
      return 'root not ended at shutdown';
    default:
      return 'printed early, buffer full';
  }
}

function header(trace: ReadyTrace, options: PrettyFormatOptions): string {
  const { palette } = options;
  const notes: string[] = [];
  if (trace.late) notes.push('spans that ended after their root was printed');
  else if (trace.release !== 'root-ended')
    notes.push(`incomplete: ${incompleteReason(trace.release, options)}`);
  if (trace.continued && !trace.late) notes.push('continues a part printed above');
  const service =
    options.serviceName === undefined
      ? ''
      : palette.dim(` · ${escapeControlCharacters(options.serviceName)}`);
  const note = notes.length === 0 ? '' : ` ${palette.yellow(palette.bold(`(${notes.join('; ')})`))}`;
  return `${palette.bold('trace')} ${escapeControlCharacters(trace.traceId)}${service}${note}`;
}

// Repeated event spans (stream chunks) under one parent fold into one line, except in debug.
function childItems(children: readonly SpanNode[], verbose: boolean): RenderItem[] {
  const items: RenderItem[] = [];
  const foldable = (node: SpanNode): boolean =>
    node.span.isEvent && node.children.length === 0 && !isFailed(node.span);
  for (let index = 0; index < children.length; ) {
    const first = children[index]!;
    let end = index + 1;
    if (!verbose && foldable(first)) {
      while (
        end < children.length &&
        foldable(children[end]!) &&
        children[end]!.span.type === first.span.type &&
        children[end]!.span.name === first.span.name
      ) {
        end++;
      }
    }
    items.push(
      end - index > 1 ? { kind: 'events', nodes: children.slice(index, end) } : { kind: 'span', node: first },
    );
    index = end;
  }
  return items;
}

function spanLine(span: ExportedAISpan, options: PrettyFormatOptions, verbose: boolean): string {
  const { palette } = options;
  const failed = isFailed(span);
  const name = escapeControlCharacters(span.name);
  const marker = failed ? palette.red(palette.bold('✗ ')) : '';
  const label = typeColor(span.type, palette)(escapeControlCharacters(span.type));
  const title = failed ? palette.red(palette.bold(name)) : palette.bold(name);
  const id = verbose ? palette.dim(` #${escapeControlCharacters(span.id)}`) : '';
  const duration =
    span.isEvent || span.endTime === undefined
      ? ''
      : `  ${palette.dim(formatDuration(span.endTime - span.startTime))}`;
  const details = describeSpan(span, palette);
  if (span.isEvent && options.showOutput) {
    const output = preview(span.output, options.maxPreviewLength);
    if (output !== undefined) details.push(output);
  }
  const detailText = details.length === 0 ? '' : `  ${details.join(palette.dim(' · '))}`;
  return `${marker}${label} ${title}${id}${duration}${detailText}`;
}

function errorLines(errorInfo: AISpanErrorInfo, options: PrettyFormatOptions, verbose: boolean): string[] {
  const { palette } = options;
  const fields = typeof errorInfo.details === 'object' && errorInfo.details !== null ? errorInfo.details : {};
  const extras = ERROR_DETAIL_KEYS.flatMap((key) => {
    const value = fields[key];
    return typeof value === 'string' || typeof value === 'number' ? [`${key} ${value}`] : [];
  });
  const name = typeof errorInfo.name === 'string' && errorInfo.name !== '' ? `${errorInfo.name}: ` : '';
  const message = `${name}${String(errorInfo.message)}${extras.length === 0 ? '' : ` (${extras.join(', ')})`}`;
  const lines = [
    `${palette.red(palette.bold('error'))} ${palette.red(truncate(escapeControlCharacters(message), Math.max(200, options.maxPreviewLength)))}`,
  ];
  if (verbose && typeof errorInfo.stack === 'string') {
    for (const frame of errorInfo.stack.split('\n').slice(1, 1 + MAX_STACK_LINES)) {
      lines.push(palette.dim(`      ${escapeControlCharacters(frame.trim())}`));
    }
  }
  return lines;
}

function detailLines(
  span: ExportedAISpan,
  options: PrettyFormatOptions,
  verbose: boolean,
  parent: ExportedAISpan | undefined,
): string[] {
  const { palette, maxPreviewLength } = options;
  const lines = span.errorInfo === undefined ? [] : errorLines(span.errorInfo, options, verbose);
  if (span.isEvent) return lines;
  // User, session and tags: where they are set or change, not repeated on every span below.
  if (parent === undefined || !sameContext(span, parent)) {
    const context = contextLine(span, palette);
    if (context !== undefined) lines.push(`${palette.dim('ctx  ')} ${context}`);
  }
  const input = options.showInput ? preview(span.input, maxPreviewLength) : undefined;
  if (input !== undefined) lines.push(`${palette.dim('in   ')} ${input}`);
  const output = options.showOutput ? preview(span.output, maxPreviewLength) : undefined;
  if (output !== undefined) lines.push(`${palette.dim('out  ')} ${output}`);
  // Typed as an object, but whatever the app passed arrives here (null, a string, ...).
  const metadata: unknown = span.metadata;
  const hasMetadata =
    metadata !== undefined &&
    metadata !== null &&
    (typeof metadata !== 'object' || Object.keys(metadata).length > 0);
  if (verbose && hasMetadata) {
    lines.push(`${palette.dim('meta ')} ${preview(metadata, maxPreviewLength)}`);
  }
  return lines;
}

function sameContext(span: ExportedAISpan, parent: ExportedAISpan): boolean {
  return (
    span.userId === parent.userId &&
    span.sessionId === parent.sessionId &&
    String(span.tags) === String(parent.tags) &&
    span.environment === parent.environment &&
    span.release === parent.release
  );
}

function eventsLine(nodes: readonly SpanNode[], options: PrettyFormatOptions): string {
  const { palette } = options;
  const first = nodes[0]!.span;
  const label = typeColor(first.type, palette)(escapeControlCharacters(first.type));
  let line = `${nodes.length} × ${label} ${palette.bold(escapeControlCharacters(first.name))}`;
  const outputs = nodes.map((node) => node.span.output);
  // Stream deltas read best joined back together.
  if (options.showOutput && outputs.every((output) => typeof output === 'string')) {
    line += `  ${preview(outputs.join(''), options.maxPreviewLength)}`;
  }
  return line;
}

/**
 * Render a trace as a tree: a header, one line per span (type, name,
 * duration, the numbers that matter, errors in red with a ✗), previews of
 * input and output, and a totals line. Undefined when `logLevel` filters the
 * trace out.
 */
export function formatTrace(trace: ReadyTrace, options: PrettyFormatOptions): string | undefined {
  const { palette, logLevel } = options;
  const totals = computeTotals(trace.spans);
  const incomplete = trace.release !== 'root-ended';
  if (logLevel === 'silent') return undefined;
  if (logLevel === 'error' && totals.errors === 0) return undefined;
  if (logLevel === 'warn' && totals.errors === 0 && !incomplete && trace.droppedSpans === 0) return undefined;
  const verbose = logLevel === 'debug';

  const lines = [header(trace, options)];
  const forest = buildSpanForest(trace.spans);
  const printed = new Set<SpanNode>();
  const parents = new Map<SpanNode, ExportedAISpan>();
  const topLevel: RenderItem[] = [
    ...forest.roots.map((node): RenderItem => ({ kind: 'span', node })),
    ...forest.missingParents.map((group): RenderItem => ({ kind: 'missing-parent', group })),
  ];
  const stack: Frame[] = topLevel.reverse().map((item) => ({ item, branch: '', continuation: '' }));

  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { item, branch, continuation } = frame;
    let children: RenderItem[] = [];
    if (item.kind === 'events') {
      lines.push(`${palette.dim(branch)}${eventsLine(item.nodes, options)}`);
    } else if (item.kind === 'missing-parent') {
      lines.push(palette.dim(`┄ parent span ${escapeControlCharacters(item.group.parentSpanId)}`));
      children = childItems(item.group.children, verbose);
    } else {
      if (printed.has(item.node)) continue;
      printed.add(item.node);
      for (const child of item.node.children) parents.set(child, item.node.span);
      children = childItems(
        item.node.children.filter((child) => !printed.has(child)),
        verbose,
      );
      lines.push(`${palette.dim(branch)}${spanLine(item.node.span, options, verbose)}`);
      const detailPrefix = palette.dim(`${continuation}${children.length > 0 ? '│  ' : '   '}`);
      for (const detail of detailLines(item.node.span, options, verbose, parents.get(item.node)))
        lines.push(`${detailPrefix}${detail}`);
    }
    for (let index = children.length - 1; index >= 0; index--) {
      const last = index === children.length - 1;
      stack.push({
        item: children[index]!,
        branch: `${continuation}${last ? '└─ ' : '├─ '}`,
        continuation: `${continuation}${last ? '   ' : '│  '}`,
      });
    }
  }

  lines.push(formatTotals(totals, trace.droppedSpans, palette));
  return `${lines.join('\n')}\n\n`;
}
