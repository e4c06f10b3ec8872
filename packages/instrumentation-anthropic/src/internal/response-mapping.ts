import type { LLMGenerationAttributes } from '@aitracing/core';
import type { AnthropicMessage } from './anthropic-shapes';
import { toLLMUsage } from './usage-mapping';

/** A tool call the model requested, arguments as the JSON text the model produced. */
export interface ToolCallOutput {
  id: string | undefined;
  name: string | undefined;
  arguments: string;
}

/** What a generation span records as its output. */
export interface GenerationOutput {
  role: 'assistant';
  content: string;
  toolCalls?: ToolCallOutput[];
  /** Text of `thinking` blocks (extended thinking), when there were any */
  reasoning?: string;
}

/** Build the output from joined text, tool calls and thinking (omitting empty parts). */
export function toGenerationOutput(
  content: string,
  toolCalls: ToolCallOutput[],
  reasoning: string | undefined,
): GenerationOutput {
  const output: GenerationOutput = { role: 'assistant', content };
  if (toolCalls.length > 0) output.toolCalls = toolCalls;
  if (reasoning !== undefined) output.reasoning = reasoning;
  return output;
}

/** Attributes known once the response is in: usage, finish reason, served model. */
export function toResponseAttributes(
  requestedModel: string | undefined,
  responseModel: unknown,
  usage: AnthropicMessage['usage'],
  stopReason: unknown,
): Partial<LLMGenerationAttributes> {
  const attributes: Partial<LLMGenerationAttributes> = {};
  const mapped = toLLMUsage(usage);
  if (mapped !== undefined) attributes.usage = mapped;
  if (typeof stopReason === 'string') attributes.finishReason = stopReason;
  if (typeof responseModel === 'string' && responseModel !== requestedModel) {
    attributes.responseModel = responseModel;
  }
  return attributes;
}

/** A non-streamed message → its output (text joined, tool_use blocks as calls). */
export function messageOutput(message: AnthropicMessage): GenerationOutput {
  let content = '';
  let reasoning: string | undefined;
  const toolCalls: ToolCallOutput[] = [];
  if (Array.isArray(message.content)) {
    for (const block of message.content) {
      if (block === null || typeof block !== 'object') continue;
      if (block.type === 'text' && typeof block.text === 'string') {
        content += block.text;
      } else if (block.type === 'tool_use') {
        toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
      } else if (block.type === 'thinking' && typeof block.thinking === 'string') {
        reasoning = (reasoning ?? '') + block.thinking;
      }
    }
  }
  return toGenerationOutput(content, toolCalls, reasoning);
}
