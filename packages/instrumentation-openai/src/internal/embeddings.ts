import type { LLMGenerationAttributes } from '@aitracing/core';
import {
  field,
  type GenerationDetails,
  type GenerationOperation,
  type GenerationRecord,
  type GenerationStart,
  responseModelOf,
} from './generation-operation';
import { chatUsage } from './usage';

function noStream(): never {
  throw new Error('embeddings are never streamed');
}

/**
 * `embeddings.create`: an LLM generation with `operation: 'embeddings'`. The
 * input strings are the input; the vectors are left out (noise in a trace):
 * `metadata.count` and `metadata.dimensions` say what came back.
 */
export const embeddings: GenerationOperation = {
  start(body): GenerationStart {
    const model = typeof body.model === 'string' ? body.model : undefined;
    const attributes: LLMGenerationAttributes = { model, provider: 'openai', operation: 'embeddings' };
    return { name: `embeddings ${model ?? 'unknown'}`, attributes };
  },

  details(body, captureContent): GenerationDetails {
    return { input: captureContent ? body.input : undefined };
  },

  result(value, requestedModel): GenerationRecord {
    const attributes: LLMGenerationAttributes = {};
    const responseModel = responseModelOf(field(value, 'model'), requestedModel);
    if (responseModel !== undefined) attributes.responseModel = responseModel;
    const usage = chatUsage(field(value, 'usage'));
    if (usage !== undefined) attributes.usage = usage;
    const metadata: Record<string, unknown> = {};
    const data = field(value, 'data');
    if (Array.isArray(data)) {
      metadata.count = data.length;
      const vector = field(data[0], 'embedding');
      if (Array.isArray(vector)) metadata.dimensions = vector.length;
    }
    return { attributes, metadata };
  },

  accumulator: noStream,
};
