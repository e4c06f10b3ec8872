import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import type { AnthropicMessageParams } from './anthropic-shapes';

/**
 * What a generation span starts with: read before core decides whether the
 * trace is sampled, so only a few field reads (samplers see these attributes).
 */
export interface GenerationStart {
  name: string;
  /** `provider`, `operation`, `model` and `streaming`. */
  attributes: LLMGenerationAttributes;
}

/** The rest of the request, mapped only once the span is known to record. */
export interface GenerationDetails {
  parameters: LLMParameters | undefined;
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

/** Request → the span's name and the attributes a sampler sees. */
export function toGenerationStart(params: AnthropicMessageParams): GenerationStart {
  const model = typeof params.model === 'string' ? params.model : undefined;
  const attributes: LLMGenerationAttributes = {
    provider: 'anthropic',
    operation: 'chat',
    model,
    streaming: params.stream === true,
  };
  return { name: model === undefined ? 'chat' : `chat ${model}`, attributes };
}

/**
 * Request → parameters, input and metadata of a recorded generation. The
 * input keeps the provider's own shape: `{ system?, messages }` (Anthropic
 * takes the system prompt beside the messages). Tool names (not their
 * schemas) go to metadata even without content capture: they say which tools
 * the model could pick.
 */
export function toGenerationDetails(
  params: AnthropicMessageParams,
  captureContent: boolean,
): GenerationDetails {
  let input: unknown;
  if (captureContent) {
    input =
      params.system === undefined
        ? { messages: params.messages }
        : { system: params.system, messages: params.messages };
  }
  const tools = toolNamesOf(params);
  return {
    parameters: parametersOf(params),
    input,
    metadata: tools === undefined ? undefined : { tools },
  };
}
