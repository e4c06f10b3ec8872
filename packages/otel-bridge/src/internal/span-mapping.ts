import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import {
  genAiConversationIdOf,
  genAiOperationOf,
  toAttributeValue,
  toJsonText,
} from '@aitracing/core/exporter-kit';
import { type Attributes, type AttributeValue, SpanKind } from '@opentelemetry/api';

type Fields = Readonly<Record<string, unknown>>;

/** Model calls are CLIENT spans (they leave the process); everything else is INTERNAL. */
export function kindOf(type: AISpanType): SpanKind {
  return type === AISpanType.LLM_GENERATION ? SpanKind.CLIENT : SpanKind.INTERNAL;
}

/** The span name at start, before attributes such as the model are known. */
export function startName(name: string, type: AISpanType): string {
  const operation = type === AISpanType.LLM_GENERATION ? undefined : genAiOperationOf(type);
  return operation === undefined ? name : `${operation} ${name}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function set(attributes: Attributes, key: string, value: unknown): void {
  const converted = toAttributeValue(value);
  // The kit's readonly arrays are what the API's attribute arrays hold; the API types them as mutable.
  if (converted !== undefined) attributes[key] = converted as AttributeValue;
}

/** What the bridge writes on an OpenTelemetry span when its aitracing span ends. */
export interface BridgeMapping {
  readonly name: string;
  readonly attributes: Attributes;
}

/**
 * The bridge's attribute set: the GenAI semantic-convention names the
 * OTLP exporter uses for operation, model, provider, usage, finish reason,
 * agent, tool and conversation (so dashboards work on either path), plus
 * `aitracing.span.type`, primitive metadata under `aitracing.metadata.*`,
 * and input/output as JSON text under `aitracing.input`/`aitracing.output`
 * when content is captured. Pure; never throws for an exported span.
 */
export function mapSpan(span: ExportedAISpan, captureContent: boolean): BridgeMapping {
  const attributes: Attributes = { 'aitracing.span.type': span.type };
  const fields = (span.attributes ?? {}) as Fields;
  const operation = genAiOperationOf(span.type);
  if (operation !== undefined) attributes['gen_ai.operation.name'] = operation;
  let name = startName(span.name, span.type);
  switch (span.type) {
    case AISpanType.LLM_GENERATION: {
      const model = text(fields.model);
      const llmOperation = text(fields.operation) ?? 'chat';
      attributes['gen_ai.operation.name'] = llmOperation;
      name = model === undefined ? llmOperation : `${llmOperation} ${model}`;
      set(attributes, 'gen_ai.provider.name', text(fields.provider));
      set(attributes, 'gen_ai.request.model', model);
      set(attributes, 'gen_ai.response.model', text(fields.responseModel) ?? model);
      set(attributes, 'gen_ai.response.id', text(fields.responseId));
      const finishReason = text(fields.finishReason);
      if (finishReason !== undefined) attributes['gen_ai.response.finish_reasons'] = [finishReason];
      const usage = (fields.usage ?? {}) as Fields;
      set(attributes, 'gen_ai.usage.input_tokens', number(usage.promptTokens));
      set(attributes, 'gen_ai.usage.output_tokens', number(usage.completionTokens));
      break;
    }
    case AISpanType.AGENT_RUN:
      attributes['gen_ai.agent.name'] = span.name;
      set(attributes, 'gen_ai.agent.id', text(fields.agentId));
      break;
    case AISpanType.WORKFLOW_RUN:
      attributes['gen_ai.workflow.name'] = span.name;
      break;
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL: {
      const toolName = text(fields.toolId) ?? span.name;
      name = `execute_tool ${toolName}`;
      attributes['gen_ai.tool.name'] = toolName;
      attributes['gen_ai.tool.type'] = span.type === AISpanType.MCP_TOOL_CALL ? 'extension' : 'function';
      break;
    }
    default:
      break;
  }
  const metadata = (span.metadata ?? {}) as Fields;
  const conversationId = genAiConversationIdOf(metadata);
  if (conversationId !== undefined) attributes['gen_ai.conversation.id'] = conversationId;
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      set(attributes, `aitracing.metadata.${key}`, value);
    }
  }
  if (captureContent) {
    if (span.input !== undefined) attributes['aitracing.input'] = toJsonText(span.input);
    if (span.output !== undefined) attributes['aitracing.output'] = toJsonText(span.output);
  }
  if (span.isEvent) attributes['aitracing.event'] = true;
  if (span.errorInfo !== undefined) attributes['error.type'] = span.errorInfo.name ?? 'Error';
  return { name, attributes };
}
