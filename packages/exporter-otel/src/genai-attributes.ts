import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { genAiConversationIdOf, genAiOperationOf } from '@aitracing/core/exporter-kit';
import { type GenAiConventions, processGenAiConventions } from './genai-conventions';
import { toAttributeValue, toJson, toNumber, toText } from './internal/attribute-values';
import { contextAttributes, promptAttributes } from './internal/context-attributes';
import {
  separateSystemOf,
  toInputMessages,
  toOutputMessages,
  toSystemInstructions,
} from './internal/genai-messages';
import { type OtlpAttributes, OtlpSpanKind } from './otlp-span';

/** Prefix of span metadata attributes: `aitracing.metadata.<key>`. */
export const METADATA_PREFIX = 'aitracing.metadata.';
/** Prefix of span-type attributes with no semantic convention: `aitracing.<key>`. */
export const ATTRIBUTE_PREFIX = 'aitracing.';
/** The opt-in event that carries a generation's messages (`messages: 'event'`). */
export const INFERENCE_DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

/**
 * A span event the mapping adds: the inference details event, folded stream
 * chunks. Same shape as an OTLP span event, so a converter appends it as is.
 */
export interface GenAiEvent {
  readonly name: string;
  /** Epoch milliseconds with a fraction */
  readonly timeMs: number;
  readonly attributes: OtlpAttributes;
}

/** What the GenAI mapping decides for one span. */
export interface GenAiMapping {
  readonly name: string;
  readonly kind: OtlpSpanKind;
  readonly attributes: OtlpAttributes;
  /**
   * Span events to add, in time order: one per folded chunk (core's
   * `streamChunks: 'events'`), then `gen_ai.client.inference.operation.details`
   * when messages go to the event. Empty for most spans.
   */
  readonly events: readonly GenAiEvent[];
}

/** Options of the GenAI mapping. */
export interface GenAiMappingOptions {
  /** Include prompts, completions, tool arguments and results. */
  readonly captureContent: boolean;
  /**
   * Which flavour of the conventions (see {@link GenAiConventions}).
   * @defaultValue from the environment (`OTEL_SEMCONV_STABILITY_OPT_IN`), read once
   */
  readonly conventions?: GenAiConventions;
}

// Metadata already named after a convention (the MCP instrumentation's `mcp.session.id`, ...) stays as is.
const CONVENTION_PREFIXES = ['gen_ai.', 'mcp.', 'jsonrpc.', 'rpc.', 'network.', 'server.'] as const;
const TOOL_TYPES = new Set(['function', 'extension', 'datastore']);
const NO_EVENTS: readonly GenAiEvent[] = [];

type Fields = Record<string, unknown>;

function set(attributes: OtlpAttributes, key: string, value: unknown): void {
  const converted = toAttributeValue(value);
  if (converted !== undefined) attributes[key] = converted;
}

function isConventionKey(key: string): boolean {
  return key === 'error.type' || CONVENTION_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** A generation's request, response, usage, time to first chunk and cost. */
function mapGeneration(
  span: ExportedAISpan,
  take: (key: string) => unknown,
  attributes: OtlpAttributes,
): string {
  const model = toText(take('model'));
  const operation = toText(take('operation')) ?? 'chat';
  attributes['gen_ai.operation.name'] = operation;
  set(attributes, 'gen_ai.request.model', model);
  const parameters = (take('parameters') ?? {}) as Fields;
  set(attributes, 'gen_ai.request.temperature', toNumber(parameters.temperature));
  set(attributes, 'gen_ai.request.top_p', toNumber(parameters.topP));
  set(attributes, 'gen_ai.request.top_k', toNumber(parameters.topK));
  set(attributes, 'gen_ai.request.max_tokens', toNumber(parameters.maxOutputTokens));
  set(attributes, 'gen_ai.request.seed', toNumber(parameters.seed));
  set(attributes, 'gen_ai.request.frequency_penalty', toNumber(parameters.frequencyPenalty));
  set(attributes, 'gen_ai.request.presence_penalty', toNumber(parameters.presencePenalty));
  set(attributes, 'gen_ai.request.stop_sequences', parameters.stopSequences);
  const streaming = take('streaming');
  if (typeof streaming === 'boolean') attributes['gen_ai.request.stream'] = streaming;
  set(attributes, 'gen_ai.response.model', toText(take('responseModel')) ?? model);
  set(attributes, 'gen_ai.response.id', take('responseId'));
  const finishReason = toText(take('finishReason'));
  if (finishReason !== undefined) attributes['gen_ai.response.finish_reasons'] = [finishReason];
  const usage = (take('usage') ?? {}) as Fields;
  set(attributes, 'gen_ai.usage.input_tokens', toNumber(usage.promptTokens));
  set(attributes, 'gen_ai.usage.output_tokens', toNumber(usage.completionTokens));
  set(attributes, 'gen_ai.usage.cache_read.input_tokens', toNumber(usage.promptCacheHitTokens));
  set(attributes, 'gen_ai.usage.cache_creation.input_tokens', toNumber(usage.promptCacheWriteTokens));
  set(attributes, 'gen_ai.usage.reasoning.output_tokens', toNumber(usage.reasoningTokens));
  set(attributes, 'aitracing.usage.total_tokens', toNumber(usage.totalTokens));
  const completionStart = toNumber(take('completionStartTime'));
  if (completionStart !== undefined) {
    const firstChunkMs = Math.max(0, completionStart - span.startTime);
    // The convention's value is in seconds; ours (ms) and the instant stay for existing dashboards.
    attributes['gen_ai.response.time_to_first_chunk'] = firstChunkMs / 1000;
    attributes['aitracing.time_to_first_token_ms'] = firstChunkMs;
    attributes['aitracing.completion_start_time'] = new Date(completionStart).toISOString();
  }
  set(attributes, 'aitracing.chunk_count', toNumber(take('chunkCount')));
  const cost = (take('cost') ?? {}) as Fields;
  // `ai.cost` is the total in USD, as the AI tracing conventions users know put it.
  if (cost.currency === undefined || cost.currency === 'USD')
    set(attributes, 'ai.cost', toNumber(cost.total));
  set(attributes, 'aitracing.cost.input', toNumber(cost.input));
  set(attributes, 'aitracing.cost.output', toNumber(cost.output));
  set(attributes, 'aitracing.cost.total', toNumber(cost.total));
  set(attributes, 'aitracing.cost.currency', cost.currency);
  return model === undefined ? operation : `${operation} ${model}`;
}

/** Prompts, completions and system instructions in the convention's structured message format. */
function messageAttributes(span: ExportedAISpan, finishReason: string | undefined): OtlpAttributes {
  const content: OtlpAttributes = {};
  if (span.input !== undefined) {
    content['gen_ai.input.messages'] = toJson(toInputMessages(span.input));
    const system = toSystemInstructions(separateSystemOf(span.input));
    if (system !== undefined) content['gen_ai.system_instructions'] = toJson(system);
  }
  if (span.output !== undefined) {
    content['gen_ai.output.messages'] = toJson(toOutputMessages(span.output, finishReason));
  }
  return content;
}

/** Tool and MCP tool spans: `execute_tool {tool}`, or `{mcp.method.name} {tool}` for MCP calls. */
function mapTool(
  span: ExportedAISpan,
  take: (key: string) => unknown,
  attributes: OtlpAttributes,
  metadata: Fields,
): { name: string; kind: OtlpSpanKind } {
  const toolName = toText(take('toolId')) ?? span.name;
  const declaredType = toText(take('toolType'));
  const mcpMethod = toText(metadata['mcp.method.name']);
  const isMcp = span.type === AISpanType.MCP_TOOL_CALL || mcpMethod !== undefined || declaredType === 'mcp';
  attributes['gen_ai.tool.name'] = toolName;
  attributes['gen_ai.tool.type'] = isMcp
    ? 'extension'
    : declaredType !== undefined && TOOL_TYPES.has(declaredType)
      ? declaredType
      : 'function';
  set(attributes, 'gen_ai.tool.description', take('toolDescription'));
  set(attributes, 'gen_ai.tool.call.id', metadata.toolCallId ?? take('toolCallId'));
  if (!isMcp) return { name: `execute_tool ${toolName}`, kind: OtlpSpanKind.INTERNAL };
  const method = mcpMethod ?? 'tools/call';
  attributes['mcp.method.name'] = method;
  // The client's call is CLIENT; a tool served by our MCP server is SERVER (MCP conventions).
  return {
    name: `${method} ${toolName}`,
    kind: span.type === AISpanType.MCP_TOOL_CALL ? OtlpSpanKind.CLIENT : OtlpSpanKind.SERVER,
  };
}

function chunkEvents(span: ExportedAISpan): GenAiEvent[] {
  const events: GenAiEvent[] = [];
  for (const event of span.events ?? []) {
    const attributes: OtlpAttributes = {};
    const fields = event.attributes ?? {};
    set(attributes, 'aitracing.chunk.type', fields.chunkType);
    set(attributes, 'aitracing.chunk.sequence_number', toNumber(fields.sequenceNumber));
    events.push({ name: event.name, timeMs: event.time, attributes });
  }
  return events;
}

/**
 * Map one exported AI span to the OpenTelemetry GenAI semantic conventions
 * (and the MCP ones for MCP tool calls): span name (`chat gpt-4o`,
 * `invoke_agent support`, `execute_tool search`, `tools/call search`), kind
 * (CLIENT for model and MCP client calls, SERVER for MCP server tools,
 * INTERNAL otherwise), `gen_ai.*` attributes and events. Attributes without
 * a convention go under `aitracing.*`, metadata under `aitracing.metadata.*`
 * (metadata already named after a convention, e.g. `mcp.session.id`, keeps
 * its name). The span's user, session, tags, environment and release go to
 * `user.id`, `session.id` (and `gen_ai.conversation.id`), `aitracing.tags`,
 * `aitracing.environment`, `aitracing.release`; a generation's prompt to
 * `gen_ai.prompt.name` and `aitracing.prompt.*`. Pure; never throws for a
 * span core exported.
 */
export function mapGenAi(span: ExportedAISpan, options: GenAiMappingOptions): GenAiMapping {
  const conventions = options.conventions ?? processGenAiConventions();
  const captureContent = options.captureContent && conventions.messages !== 'none';
  const attributes: OtlpAttributes = {};
  const fields = (span.attributes ?? {}) as Fields;
  const metadata = (span.metadata ?? {}) as Fields;
  const operation = genAiOperationOf(span.type);
  const used = new Set<string>();
  const take = (key: string): unknown => {
    used.add(key);
    return fields[key];
  };
  let name = span.name;
  let kind: OtlpSpanKind = OtlpSpanKind.INTERNAL;
  let events = NO_EVENTS;
  attributes['aitracing.span.type'] = span.type;
  if (operation !== undefined) attributes['gen_ai.operation.name'] = operation;

  switch (span.type) {
    case AISpanType.LLM_GENERATION: {
      kind = OtlpSpanKind.CLIENT;
      name = mapGeneration(span, take, attributes);
      promptAttributes(take('prompt'), captureContent, attributes);
      const provider = toText(take('provider'));
      set(attributes, 'gen_ai.provider.name', provider);
      if (conventions.deprecatedSystemAttribute) set(attributes, 'gen_ai.system', provider);
      const chunks = chunkEvents(span);
      if (captureContent) {
        const content = messageAttributes(span, toText(fields.finishReason));
        if (conventions.messages !== 'event') Object.assign(attributes, content);
        if (conventions.messages !== 'attributes' && Object.keys(content).length > 0) {
          const details: OtlpAttributes = { 'gen_ai.operation.name': attributes['gen_ai.operation.name'] };
          set(details, 'gen_ai.provider.name', provider);
          set(details, 'gen_ai.request.model', attributes['gen_ai.request.model']);
          set(details, 'gen_ai.response.model', attributes['gen_ai.response.model']);
          chunks.push({
            name: INFERENCE_DETAILS_EVENT,
            timeMs: span.endTime ?? span.startTime,
            attributes: Object.assign(details, content),
          });
        }
      }
      if (chunks.length > 0) events = chunks;
      break;
    }
    case AISpanType.AGENT_RUN: {
      name = `invoke_agent ${span.name}`;
      attributes['gen_ai.agent.name'] = span.name;
      set(attributes, 'gen_ai.agent.id', take('agentId'));
      set(attributes, 'gen_ai.agent.description', take('description'));
      const tools = take('availableTools');
      // Only the required fields of each definition, as the convention recommends by default.
      if (Array.isArray(tools) && tools.length > 0) {
        attributes['gen_ai.tool.definitions'] = toJson(
          tools.map((tool) => ({ type: 'function', name: String(tool) })),
        );
      }
      const instructions = take('instructions');
      if (captureContent) {
        const system = toSystemInstructions(instructions);
        if (system !== undefined) attributes['gen_ai.system_instructions'] = toJson(system);
        if (span.input !== undefined)
          attributes['gen_ai.input.messages'] = toJson(toInputMessages(span.input));
        if (span.output !== undefined)
          attributes['gen_ai.output.messages'] = toJson(toOutputMessages(span.output, undefined));
      }
      break;
    }
    case AISpanType.WORKFLOW_RUN:
      name = `invoke_workflow ${span.name}`;
      attributes['gen_ai.workflow.name'] = span.name;
      break;
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL: {
      ({ name, kind } = mapTool(span, take, attributes, metadata));
      if (captureContent) {
        if (span.input !== undefined) attributes['gen_ai.tool.call.arguments'] = toJson(span.input);
        if (span.output !== undefined) attributes['gen_ai.tool.call.result'] = toJson(span.output);
      }
      break;
    }
    default:
      break;
  }

  contextAttributes(span, metadata, attributes);
  // An explicit conversation id wins; else the span's session (scoped or its own), else metadata.
  const conversationId =
    toText(metadata.conversationId) ?? toText(span.sessionId) ?? genAiConversationIdOf(metadata);
  if (conversationId !== undefined) attributes['gen_ai.conversation.id'] = conversationId;
  for (const [key, value] of Object.entries(fields)) {
    if (!used.has(key)) set(attributes, `${ATTRIBUTE_PREFIX}${key}`, value);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (isConventionKey(key)) {
      if (attributes[key] === undefined) set(attributes, key, value);
    } else set(attributes, `${METADATA_PREFIX}${key}`, value);
  }
  if (span.isEvent) attributes['aitracing.event'] = true;
  if (span.errorInfo !== undefined && attributes['error.type'] === undefined)
    set(attributes, 'error.type', span.errorInfo.name ?? 'Error');
  return { name, kind, attributes, events };
}
