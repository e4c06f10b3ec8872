import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import type { GenerationOperation, GenerationRequest } from './generation-operation';
import { responseRecord } from './response-record';
import { ResponsesStreamAccumulator } from './responses-stream-accumulator';

function responsesParameters(body: Record<string, unknown>): LLMParameters | undefined {
  let parameters: LLMParameters | undefined;
  const set = (key: 'temperature' | 'maxOutputTokens' | 'topP', value: unknown): void => {
    if (typeof value !== 'number') return;
    parameters ??= {};
    parameters[key] = value;
  };
  set('temperature', body.temperature);
  set('maxOutputTokens', body.max_output_tokens);
  set('topP', body.top_p);
  return parameters;
}

/** `responses.create` (and `responses.stream` / `parse`, built on it). */
export const responsesApi: GenerationOperation = {
  request(body, captureContent): GenerationRequest {
    const model = typeof body.model === 'string' ? body.model : undefined;
    const attributes: LLMGenerationAttributes = {
      model,
      provider: 'openai',
      operation: 'chat',
      streaming: body.stream === true,
    };
    const parameters = responsesParameters(body);
    if (parameters !== undefined) attributes.parameters = parameters;
    let input: unknown;
    if (captureContent) {
      input =
        body.instructions === undefined ? body.input : { instructions: body.instructions, input: body.input };
    }
    return { name: `chat ${model ?? 'unknown'}`, attributes, input, metadata: { api: 'responses' } };
  },

  result(value, requestedModel, captureContent) {
    return responseRecord(value, requestedModel, captureContent);
  },

  accumulator(requestedModel, captureContent) {
    return new ResponsesStreamAccumulator(requestedModel, captureContent);
  },
};
