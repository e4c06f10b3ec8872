import type { LLMUsage } from '@aitracing/core';

type Record_ = Record<string, unknown>;

function asRecord(value: unknown): Record_ | undefined {
  return typeof value === 'object' && value !== null ? (value as Record_) : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Chat Completions and Embeddings usage: `prompt_tokens` already counts cached
 * input tokens, so it maps to `promptTokens` as is.
 */
export function chatUsage(raw: unknown): LLMUsage | undefined {
  const usage = asRecord(raw);
  if (usage === undefined) return undefined;
  const result: LLMUsage = {};
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const total = count(usage.total_tokens);
  const cached = count(asRecord(usage.prompt_tokens_details)?.cached_tokens);
  const reasoning = count(asRecord(usage.completion_tokens_details)?.reasoning_tokens);
  if (prompt !== undefined) result.promptTokens = prompt;
  if (completion !== undefined) result.completionTokens = completion;
  if (total !== undefined) result.totalTokens = total;
  if (cached !== undefined) result.promptCacheHitTokens = cached;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}

/** Responses API usage: `input_tokens` counts cached ones too. */
export function responsesUsage(raw: unknown): LLMUsage | undefined {
  const usage = asRecord(raw);
  if (usage === undefined) return undefined;
  const result: LLMUsage = {};
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const total = count(usage.total_tokens);
  const cached = count(asRecord(usage.input_tokens_details)?.cached_tokens);
  const reasoning = count(asRecord(usage.output_tokens_details)?.reasoning_tokens);
  if (input !== undefined) result.promptTokens = input;
  if (output !== undefined) result.completionTokens = output;
  if (total !== undefined) result.totalTokens = total;
  if (cached !== undefined) result.promptCacheHitTokens = cached;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}
