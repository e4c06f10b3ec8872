import type { ExportedAISpan } from '@aitracing/core';
import type { Palette } from './colors';
import { promptPart } from './context-details';
import { escapeControlCharacters, formatCost, formatCount, formatDuration } from './format-values';

type Fields = Readonly<Record<string, unknown>>;

/** Token counts of one span, as far as its attributes tell. */
export interface TokenUsage {
  readonly prompt?: number;
  readonly completion?: number;
  /** `totalTokens`, or prompt + completion when it is missing */
  readonly total?: number;
  /** Prompt tokens served from the provider's cache */
  readonly cached?: number;
  /** Prompt tokens written to the provider's cache */
  readonly cacheWrite?: number;
}

/** The cost of one span (`attributes.cost`), when a cost processor set it. */
export interface SpanCost {
  readonly total: number;
  readonly currency?: string;
}

// Exported values are JSON-safe but processors may put anything anywhere: read defensively.
function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return escapeControlCharacters(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function attributesOf(span: ExportedAISpan): Fields {
  return fieldsOf(span.attributes) ?? {};
}

/** Whether the span failed: it has `errorInfo`, or a `failed` status, or `success: false`. */
export function isFailed(span: ExportedAISpan): boolean {
  if (span.errorInfo !== undefined) return true;
  const attributes = attributesOf(span);
  return attributes.status === 'failed' || attributes.success === false;
}

/** Token usage from `attributes.usage`; undefined when it holds no count. */
export function readUsage(span: ExportedAISpan): TokenUsage | undefined {
  const usage = fieldsOf(attributesOf(span).usage);
  if (usage === undefined) return undefined;
  const prompt = numberOf(usage.promptTokens);
  const completion = numberOf(usage.completionTokens);
  const cached = numberOf(usage.promptCacheHitTokens);
  const cacheWrite = numberOf(usage.promptCacheWriteTokens);
  const total =
    numberOf(usage.totalTokens) ??
    (prompt === undefined && completion === undefined ? undefined : (prompt ?? 0) + (completion ?? 0));
  if (total === undefined && cached === undefined) return undefined;
  return { prompt, completion, total, cached, cacheWrite };
}

/** Cost from `attributes.cost` (`{ input, output, total, currency }`); undefined when absent. */
export function readCost(span: ExportedAISpan): SpanCost | undefined {
  const cost = fieldsOf(attributesOf(span).cost);
  if (cost === undefined) return undefined;
  const input = numberOf(cost.input);
  const output = numberOf(cost.output);
  const total =
    numberOf(cost.total) ??
    (input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0));
  if (total === undefined) return undefined;
  return { total, currency: typeof cost.currency === 'string' ? cost.currency : undefined };
}

/** `tokens 186 prompt (120 cached) + 8 completion = 194`, or as much of it as is known. */
export function formatUsage(usage: TokenUsage, palette: Palette): string {
  const parts: string[] = [];
  if (usage.prompt !== undefined) {
    const notes = [
      usage.cached === undefined ? undefined : `${formatCount(usage.cached)} cached`,
      usage.cacheWrite === undefined ? undefined : `${formatCount(usage.cacheWrite)} written to cache`,
    ].filter((note) => note !== undefined);
    const cached = notes.length === 0 ? '' : ` (${notes.join(', ')})`;
    parts.push(`${formatCount(usage.prompt)} prompt${cached}`);
  } else if (usage.cached !== undefined) {
    parts.push(`${formatCount(usage.cached)} cached`);
  }
  if (usage.completion !== undefined) parts.push(`${formatCount(usage.completion)} completion`);
  const total = usage.total === undefined ? undefined : palette.green(formatCount(usage.total));
  if (parts.length === 0) return `tokens ${total ?? '?'}`;
  return total === undefined ? `tokens ${parts.join(' + ')}` : `tokens ${parts.join(' + ')} = ${total}`;
}

function formatStatus(status: string, palette: Palette): string {
  if (status === 'success') return `status ${palette.green(status)}`;
  if (status === 'failed') return `status ${palette.red(status)}`;
  if (status === 'skipped' || status === 'canceled') return `status ${palette.dim(status)}`;
  return `status ${palette.yellow(status)}`;
}

// `label value`, skipped when the value is missing or repeats the span's name.
function idPart(label: string, value: unknown, name: string): string | undefined {
  const text = textOf(value);
  return text === undefined || text === name ? undefined : `${label} ${text}`;
}

function typeSpecificParts(
  span: ExportedAISpan,
  attributes: Fields,
  palette: Palette,
): Array<string | undefined> {
  const name = escapeControlCharacters(span.name);
  switch (span.type) {
    case 'agent_run': {
      const maxSteps = numberOf(attributes.maxSteps);
      return [
        idPart('agent', attributes.agentId, name),
        maxSteps === undefined ? undefined : `max ${maxSteps} steps`,
      ];
    }
    case 'llm_generation': {
      const model = textOf(attributes.model);
      const responseModel = textOf(attributes.responseModel);
      const operation = textOf(attributes.operation);
      const firstToken = numberOf(attributes.completionStartTime);
      const chunkCount = numberOf(attributes.chunkCount);
      return [
        model === undefined ? undefined : palette.bold(model),
        responseModel === undefined || responseModel === model ? undefined : `served by ${responseModel}`,
        textOf(attributes.provider),
        operation === undefined || operation === 'chat' ? undefined : operation,
        attributes.streaming === true ? 'streamed' : undefined,
        chunkCount === undefined ? undefined : `${chunkCount} chunk${chunkCount === 1 ? '' : 's'}`,
        firstToken === undefined
          ? undefined
          : `first token ${formatDuration(Math.max(0, firstToken - span.startTime))}`,
      ];
    }
    case 'llm_chunk': {
      const sequence = numberOf(attributes.sequenceNumber);
      return [sequence === undefined ? undefined : `#${sequence}`, textOf(attributes.chunkType)];
    }
    case 'tool_call':
      return [idPart('tool', attributes.toolId, name)];
    case 'mcp_tool_call':
      return [idPart('tool', attributes.toolId, name), idPart('mcp', attributes.mcpServer, '')];
    case 'workflow_run':
    case 'workflow_step': {
      const status = textOf(attributes.status);
      return [
        span.type === 'workflow_run'
          ? idPart('workflow', attributes.workflowId, name)
          : idPart('step', attributes.stepId, name),
        status === undefined ? undefined : formatStatus(status, palette),
      ];
    }
    case 'workflow_conditional': {
      const count = numberOf(attributes.conditionCount);
      const selected = Array.isArray(attributes.selectedSteps)
        ? attributes.selectedSteps.map(textOf).filter((step) => step !== undefined)
        : undefined;
      return [
        count === undefined ? undefined : `${count} ${count === 1 ? 'condition' : 'conditions'}`,
        selected === undefined ? undefined : `selected ${selected.length > 0 ? selected.join(', ') : 'none'}`,
      ];
    }
    case 'workflow_conditional_eval': {
      const index = numberOf(attributes.conditionIndex);
      const result = attributes.result;
      return [
        index === undefined ? undefined : `condition #${index}`,
        typeof result === 'boolean'
          ? `result ${result ? palette.green('true') : palette.dim('false')}`
          : undefined,
      ];
    }
    case 'workflow_parallel': {
      const branches = numberOf(attributes.branchCount);
      return [branches === undefined ? undefined : `${branches} ${branches === 1 ? 'branch' : 'branches'}`];
    }
    case 'workflow_loop': {
      const iteration = numberOf(attributes.iteration);
      const total = numberOf(attributes.totalIterations);
      const concurrency = numberOf(attributes.concurrency);
      return [
        textOf(attributes.loopType),
        iteration !== undefined
          ? `iteration ${iteration}${total === undefined ? '' : `/${total}`}`
          : total !== undefined
            ? `${total} ${total === 1 ? 'iteration' : 'iterations'}`
            : undefined,
        concurrency === undefined ? undefined : `concurrency ${concurrency}`,
      ];
    }
    case 'workflow_sleep': {
      const durationMs = numberOf(attributes.durationMs);
      return [
        durationMs === undefined ? undefined : `sleep ${formatDuration(durationMs)}`,
        idPart('until', attributes.untilDate, ''),
      ];
    }
    case 'workflow_wait_event': {
      const received = attributes.eventReceived;
      return [
        idPart('event', attributes.eventName, ''),
        received === true
          ? palette.green('received')
          : received === false
            ? palette.yellow('timed out')
            : undefined,
      ];
    }
    default:
      return [];
  }
}

/**
 * The numbers people look for on one span, in reading order: model and
 * provider, tokens, cost, finish reason, tool ids, workflow statuses.
 */
export function describeSpan(span: ExportedAISpan, palette: Palette): string[] {
  const attributes = attributesOf(span);
  const parts = typeSpecificParts(span, attributes, palette);
  const usage = readUsage(span);
  if (usage !== undefined) parts.push(formatUsage(usage, palette));
  const cost = readCost(span);
  if (cost !== undefined) parts.push(`cost ${palette.green(formatCost(cost.total, cost.currency))}`);
  const finishReason = textOf(attributes.finishReason);
  if (finishReason !== undefined) parts.push(`finish ${finishReason}`);
  const prompt = promptPart(attributes, palette);
  if (prompt !== undefined) parts.push(prompt);
  return parts.filter((part) => part !== undefined);
}
