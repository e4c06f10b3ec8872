import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import { assistantOutput, type RecordedToolCall } from './assistant-output';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import {
  field,
  type GenerationOperation,
  type GenerationRecord,
  type GenerationRequest,
  responseModelOf,
  stringField,
} from './generation-operation';
import { chatUsage } from './usage';

function numberParameter(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  return typeof value === 'number' ? value : undefined;
}

/** Model parameters of a Chat Completions request, in core's names. */
export function chatParameters(body: Record<string, unknown>): LLMParameters | undefined {
  let parameters: LLMParameters | undefined;
  const set = <K extends keyof LLMParameters>(key: K, value: LLMParameters[K] | undefined): void => {
    if (value === undefined) return;
    parameters ??= {};
    parameters[key] = value;
  };
  set('temperature', numberParameter(body, 'temperature'));
  set(
    'maxOutputTokens',
    numberParameter(body, 'max_completion_tokens') ?? numberParameter(body, 'max_tokens'),
  );
  set('topP', numberParameter(body, 'top_p'));
  set('presencePenalty', numberParameter(body, 'presence_penalty'));
  set('frequencyPenalty', numberParameter(body, 'frequency_penalty'));
  set('seed', numberParameter(body, 'seed'));
  const stop = body.stop;
  if (typeof stop === 'string') set('stopSequences', [stop]);
  else if (Array.isArray(stop))
    set(
      'stopSequences',
      stop.filter((entry) => typeof entry === 'string'),
    );
  return parameters;
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
  request(body, captureContent): GenerationRequest {
    const model = typeof body.model === 'string' ? body.model : undefined;
    const attributes: LLMGenerationAttributes = {
      model,
      provider: 'openai',
      operation: 'chat',
      streaming: body.stream === true,
    };
    const parameters = chatParameters(body);
    if (parameters !== undefined) attributes.parameters = parameters;
    return {
      name: `chat ${model ?? 'unknown'}`,
      attributes,
      input: captureContent ? body.messages : undefined,
    };
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
