import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { toJson, toNumber, toText } from './internal/attribute-values';
import type { OtlpAttributes } from './otlp-span';

type Fields = Record<string, unknown>;

function spanKindOf(type: ExportedAISpan['type']): string {
  switch (type) {
    case AISpanType.LLM_GENERATION:
    case AISpanType.LLM_CHUNK:
      return 'LLM';
    case AISpanType.AGENT_RUN:
      return 'AGENT';
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL:
      return 'TOOL';
    default:
      return 'CHAIN';
  }
}

function setText(attributes: OtlpAttributes, key: string, value: unknown): void {
  const text = toText(value);
  if (text !== undefined) attributes[key] = text;
}

function setNumber(attributes: OtlpAttributes, key: string, value: unknown): void {
  const number = toNumber(value);
  if (number !== undefined) attributes[key] = number;
}

/**
 * OpenInference attributes (Arize Phoenix, Arize): span kind, model and
 * provider, token counts, input/output values, tool name, session and user,
 * metadata as JSON.
 */
export function mapOpenInference(span: ExportedAISpan, captureContent: boolean): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  const fields = (span.attributes ?? {}) as Fields;
  const metadata = (span.metadata ?? {}) as Fields;
  attributes['openinference.span.kind'] = spanKindOf(span.type);
  if (span.type === AISpanType.LLM_GENERATION) {
    setText(attributes, 'llm.model_name', fields.model);
    setText(attributes, 'llm.provider', fields.provider);
    const usage = (fields.usage ?? {}) as Fields;
    setNumber(attributes, 'llm.token_count.prompt', usage.promptTokens);
    setNumber(attributes, 'llm.token_count.completion', usage.completionTokens);
    setNumber(attributes, 'llm.token_count.total', usage.totalTokens);
    setNumber(attributes, 'llm.token_count.prompt_details.cache_read', usage.promptCacheHitTokens);
    if (fields.parameters !== undefined) attributes['llm.invocation_parameters'] = toJson(fields.parameters);
  }
  if (span.type === AISpanType.TOOL_CALL || span.type === AISpanType.MCP_TOOL_CALL) {
    attributes['tool.name'] = toText(fields.toolId) ?? span.name;
    setText(attributes, 'tool.description', fields.toolDescription);
  }
  if (captureContent) {
    if (span.input !== undefined) {
      attributes['input.value'] = toJson(span.input);
      attributes['input.mime_type'] = typeof span.input === 'string' ? 'text/plain' : 'application/json';
    }
    if (span.output !== undefined) {
      attributes['output.value'] = toJson(span.output);
      attributes['output.mime_type'] = typeof span.output === 'string' ? 'text/plain' : 'application/json';
    }
  }
  setText(attributes, 'session.id', metadata.sessionId ?? metadata.conversationId ?? metadata.threadId);
  setText(attributes, 'user.id', metadata.userId);
  if (Object.keys(metadata).length > 0) attributes.metadata = toJson(metadata);
  return attributes;
}
