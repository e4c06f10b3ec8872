import type { LLMParameters } from '@aitracing/core';

const NUMERIC_PARAMETERS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'maxRetries',
] as const;

/**
 * Model parameters from an object whose keys are the AI SDK's call settings
 * (`maxOutputTokens`, `temperature`, …), read through `read(key)`.
 */
export function llmParameters(read: (key: string) => unknown): LLMParameters | undefined {
  let parameters: LLMParameters | undefined;
  for (const key of NUMERIC_PARAMETERS) {
    const value = read(key);
    if (typeof value === 'number' && Number.isFinite(value)) {
      parameters ??= {};
      parameters[key] = value;
    }
  }
  const stop = read('stopSequences');
  if (Array.isArray(stop) && stop.length > 0 && stop.every((item) => typeof item === 'string')) {
    parameters ??= {};
    parameters.stopSequences = stop as string[];
  }
  return parameters;
}
