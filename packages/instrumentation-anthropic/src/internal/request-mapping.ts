import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import type { AnthropicMessageParams } from './anthropic-shapes';

/** What a generation span starts with, read from the request. */
export interface GenerationStart {
  name: string;
  attributes: LLMGenerationAttributes;
  input: unknown;
  metadata: Record<string, unknown> | undefined;
}

function parametersOf(params: AnthropicMessageParams): LLMParameters | undefined {
  let parameters: LLMParameters | undefined;
  if (typeof params.max_tokens === 'number') {
    parameters = { maxOutputTokens: params.max_tokens };
  }
  if (typeof params.temperature === 'number') {
    parameters ??= {};
    parameters.temperature = params.temperature;
  }
  if (typeof params.top_p === 'number') {
    parameters ??= {};
    parameters.topP = params.top_p;
  }
  if (typeof params.top_k === 'number') {
    parameters ??= {};
    parameters.topK = params.top_k;
  }
  if (Array.isArray(params.stop_sequences)) {
    parameters ??= {};
    parameters.stopSequences = params.stop_sequences;
  }
  return parameters;
}

function toolNamesOf(params: AnthropicMessageParams): string[] | undefined {
  if (!Array.isArray(params.tools) || params.tools.length === 0) return undefined;
  const names: string[] = [];
  for (const tool of params.tools) {
    if (typeof tool?.name === 'string') names.push(tool.name);
  }
  return names;
}

/**
 * Request → the span's name, attributes and input. The input keeps the
 * provider's own shape: `{ system?, messages }` (Anthropic takes the system
 * prompt beside the messages). Tool names (not their schemas) go to metadata
 * even without content capture: they say which tools the model could pick.
 */
export function toGenerationStart(params: AnthropicMessageParams, captureContent: boolean): GenerationStart {
  const model = typeof params.model === 'string' ? params.model : undefined;
  const attributes: LLMGenerationAttributes = {
    provider: 'anthropic',
    operation: 'chat',
    model,
    streaming: params.stream === true,
  };
  const parameters = parametersOf(params);
  if (parameters !== undefined) attributes.parameters = parameters;
  let input: unknown;
  if (captureContent) {
    input =
      params.system === undefined
        ? { messages: params.messages }
        : { system: params.system, messages: params.messages };
  }
  const tools = toolNamesOf(params);
  return {
    name: model === undefined ? 'chat' : `chat ${model}`,
    attributes,
    input,
    metadata: tools === undefined ? undefined : { tools },
  };
}
