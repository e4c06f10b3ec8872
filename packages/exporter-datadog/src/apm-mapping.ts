import { AISpanType, type ExportedAISpan, type ExportedAISpanEvent } from '@aitracing/core';
import { isPlaceholderSpan } from './internal/placeholder-span';
import { readUserMetadata } from './internal/user-metadata';
import {
  finiteNumber,
  isRecord,
  nonEmptyString,
  tagValue,
  toSnakeCase,
  toText,
  truncate,
} from './internal/values';

/** Characters of input or output kept on an APM span (`aitracing.input` / `aitracing.output`). */
export const APM_MAX_IO_LENGTH = 1_000;

// LLM attributes already sent under their gen_ai.* names.
const LLM_ATTRIBUTES_MAPPED = new Set(['model', 'provider', 'finishReason']);

/** One span as a dd-trace APM span. */
export interface ApmSpanMapping {
  /** Operation name: `aitracing.<span type>`, e.g. `aitracing.llm_generation` */
  readonly operationName: string;
  /** Tags set at start; `resource.name`, `span.type`, `span.kind` and `service.name` set those fields */
  readonly tags: Record<string, string | number>;
}

/** One event span (e.g. an LLM chunk) as an APM span event. */
export interface ApmSpanEvent {
  readonly name: string;
  readonly attributes: Record<string, string | number | boolean>;
  /** Epoch milliseconds */
  readonly time: number;
}

/**
 * Map an ended span to a dd-trace APM span. Pure.
 *
 * - operation name `aitracing.<type>`, resource = the span name, type `llm`
 *   for LLM spans else `custom`, `span.kind` `client` for LLM and MCP calls
 *   else `internal`, service = `service` when given;
 * - `aitracing.trace_id` / `span_id` / `parent_span_id` / `span_type`;
 * - LLM: `gen_ai.request.model`, `gen_ai.provider.name`,
 *   `gen_ai.usage.input_tokens` / `output_tokens` / `total_tokens`,
 *   `gen_ai.request.temperature` / `max_tokens`, `gen_ai.response.finish_reasons`,
 *   `aitracing.cost.input` / `output` / `total` / `currency`;
 *   agents `gen_ai.agent.id` / `gen_ai.agent.name`; tools `gen_ai.tool.name`;
 * - every primitive attribute as `aitracing.attributes.<snake_key>`, every
 *   primitive metadata value as `aitracing.metadata.<key>`, `session.id`, `usr.id`;
 * - input and output as JSON, cut to {@link APM_MAX_IO_LENGTH} characters;
 * - errors as `error.type`, `error.message`, `error.stack` (see {@link apmErrorTags}).
 */
export function mapApmSpan(span: ExportedAISpan, service?: string): ApmSpanMapping {
  const attributes: Record<string, unknown> = isRecord(span.attributes) ? span.attributes : {};
  const isLLM = span.type === AISpanType.LLM_GENERATION || span.type === AISpanType.LLM_CHUNK;
  const tags: Record<string, string | number> = {
    'resource.name': span.name,
    'span.type': isLLM ? 'llm' : 'custom',
    'span.kind': isLLM || span.type === AISpanType.MCP_TOOL_CALL ? 'client' : 'internal',
    'aitracing.span_type': span.type,
    'aitracing.trace_id': span.traceId,
    'aitracing.span_id': span.id,
  };
  if (service !== undefined) tags.service = service;
  if (span.parentSpanId !== undefined) tags['aitracing.parent_span_id'] = span.parentSpanId;
  if (isPlaceholderSpan(span)) tags['aitracing.incomplete'] = 'true';
  const set = (key: string, value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) tags[key] = value;
    else if (typeof value === 'boolean') tags[key] = value ? 1 : 0;
    else if (typeof value === 'string' && value !== '') tags[key] = value;
  };

  if (isLLM) {
    set('gen_ai.request.model', nonEmptyString(attributes.model));
    set(
      'gen_ai.response.model',
      nonEmptyString(attributes.responseModel) ?? nonEmptyString(attributes.model),
    );
    set('gen_ai.provider.name', nonEmptyString(attributes.provider));
    set('gen_ai.response.finish_reasons', nonEmptyString(attributes.finishReason));
    const usage = isRecord(attributes.usage) ? attributes.usage : {};
    set('gen_ai.usage.input_tokens', finiteNumber(usage.promptTokens));
    set('gen_ai.usage.output_tokens', finiteNumber(usage.completionTokens));
    set('gen_ai.usage.total_tokens', finiteNumber(usage.totalTokens));
    set('gen_ai.usage.cache_read.input_tokens', finiteNumber(usage.promptCacheHitTokens));
    set('gen_ai.usage.cache_creation.input_tokens', finiteNumber(usage.promptCacheWriteTokens));
    set('gen_ai.usage.reasoning.output_tokens', finiteNumber(usage.reasoningTokens));
    const parameters = isRecord(attributes.parameters) ? attributes.parameters : {};
    set('gen_ai.request.temperature', finiteNumber(parameters.temperature));
    set('gen_ai.request.max_tokens', finiteNumber(parameters.maxOutputTokens));
    const cost = isRecord(attributes.cost) ? attributes.cost : {};
    for (const key of ['input', 'output', 'total', 'currency']) set(`aitracing.cost.${key}`, cost[key]);
  }
  if (span.type === AISpanType.AGENT_RUN) {
    set('gen_ai.agent.id', attributes.agentId);
    set('gen_ai.agent.name', span.name);
  }
  if (span.type === AISpanType.TOOL_CALL || span.type === AISpanType.MCP_TOOL_CALL) {
    set('gen_ai.tool.name', nonEmptyString(attributes.toolId) ?? span.name);
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (isLLM && LLM_ATTRIBUTES_MAPPED.has(key)) continue;
    set(`aitracing.attributes.${toSnakeCase(key)}`, tagValue(value) === undefined ? undefined : value);
  }
  const user = readUserMetadata(span.metadata, span);
  set('session.id', user.sessionId);
  set('usr.id', user.userId);
  for (const [key, value] of Object.entries(user.rest)) set(`aitracing.metadata.${key}`, value);
  for (const [key, value] of Object.entries(user.tags)) set(`aitracing.tags.${key}`, value);
  if (span.input !== undefined) set('aitracing.input', truncate(toText(span.input), APM_MAX_IO_LENGTH));
  if (span.output !== undefined) set('aitracing.output', truncate(toText(span.output), APM_MAX_IO_LENGTH));
  Object.assign(tags, apmErrorTags(span));
  return { operationName: `aitracing.${span.type}`, tags };
}

/**
 * `error.type`, `error.message` and `error.stack` of a failed span: dd-trace
 * marks the APM span as an error (`error: 1`) and LLM Observability gives it
 * status `error`. Empty for a span without `errorInfo`.
 */
export function apmErrorTags(span: ExportedAISpan): Record<string, string> {
  const error = span.errorInfo;
  if (error === undefined) return {};
  const tags: Record<string, string> = {
    'error.type': error.name !== undefined && error.name !== '' ? error.name : 'Error',
    'error.message': error.message,
  };
  if (error.stack !== undefined && error.stack !== '') tags['error.stack'] = error.stack;
  return tags;
}

/** A chunk folded into its generation by core (`streamChunks: 'events'`) as an APM span event. */
export function mapFoldedApmEvent(event: ExportedAISpanEvent): ApmSpanEvent {
  const attributes: Record<string, string | number | boolean> = {
    'aitracing.span_type': AISpanType.LLM_CHUNK,
  };
  for (const [key, value] of Object.entries(event.attributes ?? {})) {
    if (typeof value === 'string' || typeof value === 'boolean') attributes[toSnakeCase(key)] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) attributes[toSnakeCase(key)] = value;
  }
  return { name: event.name, attributes, time: event.time };
}

/** An event span (start = end) as an APM span event on its parent. */
export function mapApmEvent(event: ExportedAISpan): ApmSpanEvent {
  const attributes: Record<string, string | number | boolean> = { 'aitracing.span_type': event.type };
  const eventAttributes: Record<string, unknown> = isRecord(event.attributes) ? event.attributes : {};
  for (const [key, value] of Object.entries(eventAttributes)) {
    if (typeof value === 'string' || typeof value === 'boolean') attributes[toSnakeCase(key)] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) attributes[toSnakeCase(key)] = value;
  }
  if (event.output !== undefined) attributes.output = truncate(toText(event.output), 256);
  return { name: event.name, attributes, time: event.startTime };
}
