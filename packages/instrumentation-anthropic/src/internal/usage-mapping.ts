import type { LLMUsage } from '@aitracing/core';
import type { AnthropicUsage } from './anthropic-shapes';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Anthropic usage → our usage. Anthropic's `input_tokens` excludes cached
 * input, so `promptTokens` adds cache reads and writes back in (every input
 * token, OpenAI's convention); the two cache counts are also kept on their own
 * so the cost estimator prices them at their own rates. Undefined when the
 * provider reported no counts at all (never estimated).
 */
export function toLLMUsage(usage: AnthropicUsage | undefined): LLMUsage | undefined {
  if (usage === undefined || usage === null || typeof usage !== 'object') return undefined;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  if (input === undefined && output === undefined && cacheRead === undefined && cacheWrite === undefined) {
    return undefined;
  }
  const result: LLMUsage = {};
  if (input !== undefined || cacheRead !== undefined || cacheWrite !== undefined) {
    result.promptTokens = (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  }
  if (output !== undefined) result.completionTokens = output;
  if (result.promptTokens !== undefined || output !== undefined) {
    result.totalTokens = (result.promptTokens ?? 0) + (output ?? 0);
  }
  if (cacheRead !== undefined) result.promptCacheHitTokens = cacheRead;
  if (cacheWrite !== undefined) result.promptCacheWriteTokens = cacheWrite;
  return result;
}

/**
 * Usage of a stream so far: `message_start` reports the input side (and a
 * first output count), each `message_delta` the cumulative counts it carries
 * (always `output_tokens`; newer API versions repeat the input side too).
 * Later values replace earlier ones field by field.
 */
export function mergeUsage(
  current: AnthropicUsage | undefined,
  update: AnthropicUsage | undefined,
): AnthropicUsage | undefined {
  if (update === undefined || update === null || typeof update !== 'object') return current;
  const merged: AnthropicUsage = current === undefined ? {} : Object.assign({}, current);
  if (count(update.input_tokens) !== undefined) merged.input_tokens = update.input_tokens;
  if (count(update.output_tokens) !== undefined) merged.output_tokens = update.output_tokens;
  if (count(update.cache_read_input_tokens) !== undefined) {
    merged.cache_read_input_tokens = update.cache_read_input_tokens;
  }
  if (count(update.cache_creation_input_tokens) !== undefined) {
    merged.cache_creation_input_tokens = update.cache_creation_input_tokens;
  }
  return merged;
}
