import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import { assistantOutput, type RecordedToolCall } from './assistant-output';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import {
  field,
  type GenerationDetails,
  type GenerationOperation,
  type GenerationRecord,
  type GenerationStart,
  responseModelOf,
  stringField,
} from './generation-operation';
import { chatUsage } from './usage';

/**
 * Model parameters of a Chat Completions request, in core's names. Named
 * property reads, not `body[key]` through a helper: keyed reads of missing properties cost
 * V8 far more than a named one (measured on a 3-field request: ~350 ns → ~2 ns).
 */
export function chatParameters(body: Record<string, unknown>): LLMParameters | undefined {
  const parameters: LLMParameters = {};
  let found = false;
  if (typeof body.temperature === 'number') {
    parameters.temperature = body.temperature;
    found = true;
  }
  const maxOutputTokens =
    typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : body.max_tokens;
  if (typeof maxOutputTokens === 'number') {
    parameters.maxOutputTokens = maxOutputTokens;
    found = true;
  }
  if (typeof body.top_p === 'number') {
    parameters.topP = body.top_p;
    found = true;
  }
  if (typeof body.presence_penalty === 'number') {
    parameters.presencePenalty = body.presence_penalty;
    found = true;
  }
  if (typeof body.frequency_penalty === 'number') {
    parameters.frequencyPenalty = body.frequency_penalty;
    found = true;
  }
  if (typeof body.seed === 'number') {
    parameters.seed = body.seed;
    found = true;
  }
  const stop = body.stop;
  if (typeof stop === 'string') {
    parameters.stopSequences = [stop];
    found = true;
  } else if (Array.isArray(stop)) {
    parameters.stopSequences = stop.filter((entry) => typeof entry === 'string');
    found = true;
  }
  return found ? parameters : undefined;
}

function messageToolCalls(message: unknown): RecordedToolCall[] | undefined {
  const calls = field(message, 'tool_calls');
  if (!Array.isArray(calls) || calls.length === 0) return undefined;
  return calls.map((call) => {
    const fn = field(call, 'function');
    return {
      id: stringField(call, 'id'),
      name: stringField(fn, 'name'),
      arguments: stringField(fn, 'arguments') ?? '',
    };
  });
}

/** `chat.completions.create` (and the helpers built on it). */
export const chatCompletions: GenerationOperation = {
  start(body): GenerationStart {
    const model = typeof body.model === 'string' ? body.model : undefined;
    const attributes: LLMGenerationAttributes = {
      model,
      provider: 'openai',
      operation: 'chat',
      streaming: body.stream === true,
    };
    return { name: `chat ${model ?? 'unknown'}`, attributes };
  },

  details(body, captureContent): GenerationDetails {
    return { parameters: chatParameters(body), input: captureContent ? body.messages : undefined };
  },

  result(value, requestedModel, captureContent): GenerationRecord {
    const attributes: LLMGenerationAttributes = {};
    const responseModel = responseModelOf(field(value, 'model'), requestedModel);
    if (responseModel !== undefined) attributes.responseModel = responseModel;
    const usage = chatUsage(field(value, 'usage'));
    if (usage !== undefined) attributes.usage = usage;
    const choices = field(value, 'choices');
    const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
    const finishReason = stringField(first, 'finish_reason');
    if (finishReason !== undefined) attributes.finishReason = finishReason;
    const record: GenerationRecord = { attributes };
    if (Array.isArray(choices) && choices.length > 1) record.metadata = { choiceCount: choices.length };
    if (captureContent && first !== undefined) {
      const message = field(first, 'message');
      record.output = assistantOutput(stringField(message, 'content') ?? '', messageToolCalls(message));
    }
    return record;
  },

  accumulator(requestedModel, captureContent) {
    return new ChatStreamAccumulator(requestedModel, captureContent);
  },
};
