import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import type { DdLLMObsAnnotation, DdLLMObsPrompt, DdLLMObsSpanOptions } from './internal/dd-trace-api';
import { toInputMessages, toOutputMessages } from './internal/llm-messages';
import { isPlaceholderSpan } from './internal/placeholder-span';
import { datadogTraceId } from './internal/span-ids';
import { readUserMetadata } from './internal/user-metadata';
import { finiteNumber, isRecord, nonEmptyString, tagValue, toSnakeCase, toText } from './internal/values';
import { ROOT_TRACE_TAG } from './llmobs-evaluation-mapping';

/** The LLM Observability span kinds the exporter emits. */
export type LLMObsSpanKind = 'agent' | 'llm' | 'tool' | 'workflow' | 'task';

/** LLM Observability span kind of each aitracing span type. */
export const LLMOBS_SPAN_KINDS: Readonly<Record<AISpanType, LLMObsSpanKind>> = Object.freeze({
  [AISpanType.AGENT_RUN]: 'agent',
  [AISpanType.LLM_GENERATION]: 'llm',
  [AISpanType.LLM_CHUNK]: 'llm',
  [AISpanType.TOOL_CALL]: 'tool',
  [AISpanType.MCP_TOOL_CALL]: 'tool',
  [AISpanType.WORKFLOW_RUN]: 'workflow',
  [AISpanType.WORKFLOW_STEP]: 'task',
  [AISpanType.WORKFLOW_CONDITIONAL]: 'task',
  [AISpanType.WORKFLOW_CONDITIONAL_EVAL]: 'task',
  [AISpanType.WORKFLOW_PARALLEL]: 'task',
  [AISpanType.WORKFLOW_LOOP]: 'task',
  [AISpanType.WORKFLOW_SLEEP]: 'task',
  [AISpanType.WORKFLOW_WAIT_EVENT]: 'task',
  [AISpanType.GENERIC]: 'task',
});

/** One span as dd-trace's LLM Observability SDK takes it. */
export interface LLMObsSpanMapping {
  /** Options of `llmobs.trace` (without `childOf`, set by the emitter) */
  readonly options: DdLLMObsSpanOptions;
  /** End time handed to `span.finish`, epoch milliseconds */
  readonly endTime: number;
  /** What `llmobs.annotate` receives */
  readonly annotation: DdLLMObsAnnotation;
}

// LLM parameters under Datadog's (OpenAI-style) metadata names.
const PARAMETER_NAMES: Readonly<Record<string, string>> = {
  maxOutputTokens: 'max_tokens',
  stopSequences: 'stop',
};

// Attributes that become model fields or metrics rather than metadata.
const NON_METADATA_ATTRIBUTES = new Set([
  'model',
  'provider',
  'usage',
  'parameters',
  'cost',
  'completionStartTime',
  'prompt',
]);

/**
 * Map an ended span, with the event spans (e.g. LLM chunks) that belong to it,
 * to dd-trace's LLM Observability calls. Pure; never throws on JSON-safe
 * spans as core exports them.
 *
 * - kind from {@link LLMOBS_SPAN_KINDS}; name, start and end times unchanged;
 * - LLM spans: `modelName` / `modelProvider`, input and output as messages,
 *   token metrics (`input_tokens`, `output_tokens`, `total_tokens`,
 *   `cache_read_input_tokens`, `reasoning_output_tokens`), cost in USD as `input_cost` / `output_cost` /
 *   `total_cost`, parameters as metadata (`temperature`, `max_tokens`, ...);
 * - other spans: input and output as values, attributes as snake_case metadata;
 * - session id and tag `user_id` from the span's `sessionId` / `userId`
 *   (scoped with `propagateAttributes` or set on the span), else metadata
 *   `sessionId` / `userId`; the span's `tags` and metadata `tags` → tags
 *   (`key:value`, a bare label as `label:true`); the span's `environment` /
 *   `release` → tags `env` / `version`; other metadata keys → metadata;
 * - LLM spans with `attributes.prompt` → `meta.input.prompt` as dd-trace's
 *   `annotate({ prompt })` writes it (`id` = the prompt's name, `version`,
 *   `template` or `chat_template`, `variables`);
 * - the root span of a trace started here: tag `aitracing.root_trace_id`, which
 *   trace-level scores join;
 * - tags `aitracing.span_type`, `aitracing.trace_id`, and `agent_id`,
 *   `tool_id`, `mcp_server`, `workflow_id` where they apply.
 */
export function mapLLMObsSpan(
  span: ExportedAISpan,
  events: readonly ExportedAISpan[] = [],
  mlApp?: string,
): LLMObsSpanMapping {
  const kind = LLMOBS_SPAN_KINDS[span.type] ?? 'task';
  const attributes: Record<string, unknown> = isRecord(span.attributes) ? span.attributes : {};
  const user = readUserMetadata(span.metadata, span);
  const options: DdLLMObsSpanOptions = { kind, name: span.name, startTime: span.startTime };
  if (kind === 'llm') {
    const model = nonEmptyString(attributes.model);
    const provider = nonEmptyString(attributes.provider);
    if (model !== undefined) options.modelName = model;
    if (provider !== undefined) options.modelProvider = provider;
  }
  if (user.sessionId !== undefined) options.sessionId = user.sessionId;
  if (mlApp !== undefined) options.mlApp = mlApp;

  const annotation: DdLLMObsAnnotation = {};
  const isLLM = kind === 'llm';
  const inputData = isLLM ? toInputMessages(span.input) : span.input;
  const outputData = isLLM ? toOutputMessages(span.output) : span.output;
  if (inputData !== undefined) annotation.inputData = inputData;
  if (outputData !== undefined) annotation.outputData = outputData;

  const metadata = {
    ...attributeMetadata(attributes),
    ...eventMetadata(span, events),
    ...firstTokenMetadata(span, attributes),
    ...user.rest,
  };
  if (Object.keys(metadata).length > 0) annotation.metadata = metadata;
  const metrics = llmMetrics(attributes);
  if (Object.keys(metrics).length > 0) annotation.metrics = metrics;
  annotation.tags = llmobsTags(span, attributes, user.userId, user.tags);
  if (isLLM) {
    const prompt = toPrompt(attributes.prompt);
    if (prompt !== undefined) {
      annotation.prompt = prompt;
      annotation.tags.prompt_tracking_instrumentation_method = 'annotated';
    }
  }

  return { options, endTime: span.endTime ?? span.startTime, annotation };
}

function attributeMetadata(attributes: Record<string, unknown>): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (NON_METADATA_ATTRIBUTES.has(key) || value === undefined) continue;
    if (key === 'streaming') metadata.stream = value;
    // Chunks folded by core: same key as chunk events summarised here (streamChunks: 'spans').
    else if (key === 'chunkCount') metadata.stream_chunks = value;
    else metadata[toSnakeCase(key)] = value;
  }
  if (isRecord(attributes.parameters)) {
    for (const [key, value] of Object.entries(attributes.parameters)) {
      if (value !== undefined) metadata[PARAMETER_NAMES[key] ?? toSnakeCase(key)] = value;
    }
  }
  const usage = isRecord(attributes.usage) ? attributes.usage : undefined;
  const cacheMiss = finiteNumber(usage?.promptCacheMissTokens);
  if (cacheMiss !== undefined) metadata.prompt_cache_miss_tokens = cacheMiss;
  const cost = isRecord(attributes.cost) ? attributes.cost : undefined;
  if (cost !== undefined && !isUsd(cost)) metadata.cost = cost;
  return metadata;
}

function llmMetrics(attributes: Record<string, unknown>): Record<string, number> {
  const metrics: Record<string, number> = {};
  const usage = isRecord(attributes.usage) ? attributes.usage : undefined;
  const input = finiteNumber(usage?.promptTokens);
  const output = finiteNumber(usage?.completionTokens);
  const total =
    finiteNumber(usage?.totalTokens) ??
    (input !== undefined && output !== undefined ? input + output : undefined);
  const cacheRead = finiteNumber(usage?.promptCacheHitTokens);
  const cacheWrite = finiteNumber(usage?.promptCacheWriteTokens);
  const reasoning = finiteNumber(usage?.reasoningTokens);
  if (input !== undefined) metrics.input_tokens = input;
  if (output !== undefined) metrics.output_tokens = output;
  if (total !== undefined) metrics.total_tokens = total;
  if (cacheRead !== undefined) metrics.cache_read_input_tokens = cacheRead;
  if (cacheWrite !== undefined) metrics.cache_write_input_tokens = cacheWrite;
  if (reasoning !== undefined) metrics.reasoning_output_tokens = reasoning;
  const cost = isRecord(attributes.cost) ? attributes.cost : undefined;
  if (cost !== undefined && isUsd(cost)) {
    const inputCost = finiteNumber(cost.input);
    const outputCost = finiteNumber(cost.output);
    const totalCost = finiteNumber(cost.total);
    if (inputCost !== undefined) metrics.input_cost = inputCost;
    if (outputCost !== undefined) metrics.output_cost = outputCost;
    if (totalCost !== undefined) metrics.total_cost = totalCost;
  }
  return metrics;
}

function isUsd(cost: Record<string, unknown>): boolean {
  return (
    cost.currency === undefined ||
    (typeof cost.currency === 'string' && cost.currency.toUpperCase() === 'USD')
  );
}

/** Event spans are not LLM Observability spans: LLM chunks are summarised on their parent. */
function eventMetadata(span: ExportedAISpan, events: readonly ExportedAISpan[]): Record<string, unknown> {
  if (events.length === 0) return {};
  const chunks = events.filter((event) => event.type === AISpanType.LLM_CHUNK);
  const metadata: Record<string, unknown> = {};
  if (chunks.length > 0) {
    const first = Math.min(...chunks.map((chunk) => chunk.startTime));
    metadata.stream_chunks = chunks.length;
    metadata.time_to_first_chunk_ms = Math.round((first - span.startTime) * 1000) / 1000;
  }
  if (chunks.length < events.length) metadata.event_spans = events.length - chunks.length;
  return metadata;
}

/** Time to first token from `completionStartTime`, which wins over the chunk events' estimate. */
function firstTokenMetadata(
  span: ExportedAISpan,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const start = finiteNumber(attributes.completionStartTime);
  if (start === undefined) return {};
  return { time_to_first_chunk_ms: Math.round(Math.max(0, start - span.startTime) * 1000) / 1000 };
}

function llmobsTags(
  span: ExportedAISpan,
  attributes: Record<string, unknown>,
  userId: string | undefined,
  userTags: Readonly<Record<string, string>>,
): Record<string, string> {
  const tags: Record<string, string> = {
    'aitracing.span_type': span.type,
    'aitracing.trace_id': span.traceId,
  };
  if (isPlaceholderSpan(span)) tags['aitracing.incomplete'] = 'true';
  const addTag = (key: string, value: unknown) => {
    const text = tagValue(value);
    if (text !== undefined && text !== '') tags[key] = text;
  };
  if (span.type === AISpanType.AGENT_RUN) addTag('agent_id', attributes.agentId);
  if (span.type === AISpanType.TOOL_CALL || span.type === AISpanType.MCP_TOOL_CALL) {
    addTag('tool_id', attributes.toolId);
  }
  if (span.type === AISpanType.MCP_TOOL_CALL) addTag('mcp_server', attributes.mcpServer);
  if (span.type === AISpanType.WORKFLOW_RUN) addTag('workflow_id', attributes.workflowId);
  addTag('user_id', userId);
  addTag('env', span.environment);
  addTag('version', span.release);
  // Only a root that started the trace here: a continued trace's root has a remote parent.
  if (span.isRootSpan && span.parentSpanId === undefined) tags[ROOT_TRACE_TAG] = datadogTraceId(span.traceId);
  return { ...tags, ...userTags };
}

/**
 * A generation's prompt as dd-trace's `annotate({ prompt })` stores it
 * (`tagger.js`, `tagPrompt`): `id` (our prompt's name: the logical prompt,
 * across versions), `version` as text, `variables` as text values, a string
 * template as `template`, a list of messages as `chat_template`, and the
 * default context/query variable keys dd-trace adds.
 */
function toPrompt(value: unknown): DdLLMObsPrompt | undefined {
  if (!isRecord(value)) return undefined;
  const id = nonEmptyString(value.name) ?? nonEmptyString(value.id);
  if (id === undefined) return undefined;
  const prompt: DdLLMObsPrompt = {
    id,
    _dd_context_variable_keys: ['context'],
    _dd_query_variable_keys: ['question'],
  };
  const version = tagValue(value.version);
  if (version !== undefined && version !== '') prompt.version = version;
  if (isRecord(value.variables)) {
    const variables: Record<string, string> = {};
    for (const [key, item] of Object.entries(value.variables)) variables[key] = toText(item);
    prompt.variables = variables;
  }
  const template = value.template;
  if (typeof template === 'string') prompt.template = template;
  else if (Array.isArray(template)) {
    prompt.chat_template = template.filter(isRecord).map((message) => ({
      role: toText(message.role),
      content: toText(message.content),
    }));
  } else if (template !== undefined && template !== null) prompt.template = toText(template);
  return prompt;
}
