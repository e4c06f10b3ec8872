import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { type Attributes, SpanKind } from '@opentelemetry/api';
import { toAttributeValue, toJson, toNumber, toText } from './internal/attribute-values';

/** Prefix of span metadata attributes: `aitracing.metadata.<key>`. */
export const METADATA_PREFIX = 'aitracing.metadata.';
/** Prefix of span-type attributes with no semantic convention: `aitracing.<key>`. */
export const ATTRIBUTE_PREFIX = 'aitracing.';

/** What the GenAI mapping decides for one span. */
export interface GenAiMapping {
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes;
}

/** Options of the GenAI mapping. */
export interface GenAiMappingOptions {
  /** Include prompts, completions, tool arguments and results. */
  readonly captureContent: boolean;
}

// Metadata keys that carry the conversation id, in order of preference.
const CONVERSATION_KEYS = ['conversationId', 'sessionId', 'threadId'] as const;

type Fields = Record<string, unknown>;

function set(attributes: Attributes, key: string, value: unknown): void {
  const converted = toAttributeValue(value);
  if (converted !== undefined) attributes[key] = converted;
}

/** GenAI `parts` messages from our input/output shapes (strings, {role, content} lists, anything else). */
function toMessages(value: unknown, defaultRole: string, finishReason?: string): unknown {
  const textPart = (content: unknown) =>
    typeof content === 'string' ? { type: 'text', content } : { type: 'text', content: toJson(content) };
  if (typeof value === 'string') {
    const message: Fields = { role: defaultRole, parts: [textPart(value)] };
    if (finishReason !== undefined) message.finish_reason = finishReason;
    return [message];
  }
  if (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'object' && item !== null && 'role' in item)
  ) {
    return value.map((item: Fields) => ({ role: item.role, parts: [textPart(item.content ?? '')] }));
  }
  return value;
}

function operationOf(type: ExportedAISpan['type']): string | undefined {
  switch (type) {
    case AISpanType.LLM_GENERATION:
      return 'chat';
    case AISpanType.AGENT_RUN:
      return 'invoke_agent';
    case AISpanType.WORKFLOW_RUN:
      return 'invoke_workflow';
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL:
      return 'execute_tool';
    default:
      return undefined;
  }
}

/**
 * Map one exported AI span to OpenTelemetry GenAI semantic conventions:
 * operation name, span name (`chat gpt-4o`, `invoke_agent support`,
 * `execute_tool search`), kind (CLIENT for model calls, INTERNAL otherwise)
 * and `gen_ai.*` attributes. Attributes without a convention go under
 * `aitracing.*`, metadata under `aitracing.metadata.*`.
 */
export function mapGenAi(span: ExportedAISpan, options: GenAiMappingOptions): GenAiMapping {
  const attributes: Attributes = {};
  const fields = (span.attributes ?? {}) as Fields;
  const metadata = (span.metadata ?? {}) as Fields;
  const operation = operationOf(span.type);
  const used = new Set<string>();
  const take = (key: string): unknown => {
    used.add(key);
    return fields[key];
  };
  let name = span.name;
  let kind = SpanKind.INTERNAL;
  attributes['aitracing.span.type'] = span.type;
  if (operation !== undefined) attributes['gen_ai.operation.name'] = operation;

  switch (span.type) {
    case AISpanType.LLM_GENERATION: {
      kind = SpanKind.CLIENT;
      const model = toText(take('model'));
      const llmOperation = toText(take('operation')) ?? 'chat';
      attributes['gen_ai.operation.name'] = llmOperation;
      name = model === undefined ? llmOperation : `${llmOperation} ${model}`;
      set(attributes, 'gen_ai.provider.name', take('provider'));
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
      set(attributes, 'aitracing.streaming', take('streaming'));
      // No GenAI convention for a span's time to first token yet: ours, in ms, beside the raw instant.
      const completionStart = toNumber(take('completionStartTime'));
      if (completionStart !== undefined && Number.isFinite(completionStart)) {
        attributes['aitracing.completion_start_time'] = new Date(completionStart).toISOString();
        attributes['aitracing.time_to_first_token_ms'] = Math.max(0, completionStart - span.startTime);
      }
      const cost = (take('cost') ?? {}) as Fields;
      // `ai.cost` is the total in USD, as the AI tracing conventions users know put it.
      if (cost.currency === undefined || cost.currency === 'USD')
        set(attributes, 'ai.cost', toNumber(cost.total));
      set(attributes, 'aitracing.cost.input', toNumber(cost.input));
      set(attributes, 'aitracing.cost.output', toNumber(cost.output));
      set(attributes, 'aitracing.cost.total', toNumber(cost.total));
      set(attributes, 'aitracing.cost.currency', cost.currency);
      if (options.captureContent) {
        if (span.input !== undefined)
          attributes['gen_ai.input.messages'] = toJson(toMessages(span.input, 'user'));
        if (span.output !== undefined) {
          attributes['gen_ai.output.messages'] = toJson(toMessages(span.output, 'assistant', finishReason));
        }
      }
      break;
    }
    case AISpanType.AGENT_RUN: {
      name = `invoke_agent ${span.name}`;
      attributes['gen_ai.agent.name'] = span.name;
      set(attributes, 'gen_ai.agent.id', take('agentId'));
      const instructions = take('instructions');
      if (options.captureContent) set(attributes, 'gen_ai.system_instructions', instructions);
      break;
    }
    case AISpanType.WORKFLOW_RUN:
      name = `invoke_workflow ${span.name}`;
      attributes['gen_ai.workflow.name'] = span.name;
      break;
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL: {
      const toolName = toText(take('toolId')) ?? span.name;
      name = `execute_tool ${toolName}`;
      attributes['gen_ai.tool.name'] = toolName;
      attributes['gen_ai.tool.type'] = span.type === AISpanType.MCP_TOOL_CALL ? 'extension' : 'function';
      set(attributes, 'gen_ai.tool.description', take('toolDescription'));
      set(attributes, 'gen_ai.tool.call.id', metadata.toolCallId);
      if (options.captureContent) {
        if (span.input !== undefined) attributes['gen_ai.tool.call.arguments'] = toJson(span.input);
        if (span.output !== undefined) attributes['gen_ai.tool.call.result'] = toJson(span.output);
      }
      break;
    }
    default:
      break;
  }

  for (const key of CONVERSATION_KEYS) {
    const conversationId = toText(metadata[key]);
    if (conversationId !== undefined) {
      attributes['gen_ai.conversation.id'] = conversationId;
      break;
    }
  }
  for (const [key, value] of Object.entries(fields)) {
    if (!used.has(key)) set(attributes, `${ATTRIBUTE_PREFIX}${key}`, value);
  }
  for (const [key, value] of Object.entries(metadata)) set(attributes, `${METADATA_PREFIX}${key}`, value);
  if (span.isEvent) attributes['aitracing.event'] = true;
  if (span.errorInfo !== undefined) set(attributes, 'error.type', span.errorInfo.name ?? 'Error');
  return { name, kind, attributes };
}
