import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';
import type { GenerationDetails, GenerationOperation, GenerationStart } from './generation-operation';
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
  start(body): GenerationStart {
    const model = typeof body.model === 'string' ? body.model : undefined;
    const attributes: LLMGenerationAttributes = {
      model,
      provider: 'openai',
      operation: 'chat',
      streaming: body.stream === true,
    };
    return { name: `chat ${model ?? 'unknown'}`, attributes, metadata: { api: 'responses' } };
  },

  details(body, captureContent): GenerationDetails {
    let input: unknown;
    if (captureContent) {
      input =
        body.instructions === undefined ? body.input : { instructions: body.instructions, input: body.input };
    }
    return { parameters: responsesParameters(body), input };
  },

  result(value, requestedModel, captureContent) {
    return responseRecord(value, requestedModel, captureContent);
  },

  accumulator(requestedModel, captureContent) {
    return new ResponsesStreamAccumulator(requestedModel, captureContent);
  },
};
