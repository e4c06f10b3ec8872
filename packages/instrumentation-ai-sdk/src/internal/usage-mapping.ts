import type { LLMUsage } from '@aitracing/core';

type Attributes = Readonly<Record<string, unknown>>;

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function objectField(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function withoutEmpty(usage: LLMUsage): LLMUsage | undefined {
  let empty = true;
  for (const key in usage) {
    if (usage[key as keyof LLMUsage] === undefined) delete usage[key as keyof LLMUsage];
    else empty = false;
  }
  return empty ? undefined : usage;
}

/**
 * Usage from the AI SDK's `ai.usage.*` span attributes (v5 and v6). The SDK's
 * `inputTokens` already counts cached input tokens; v6 adds the
 * `inputTokenDetails` / `outputTokenDetails` breakdown, v5 the flat
 * `cachedInputTokens` / `reasoningTokens`. Absent numbers stay absent.
 */
export function usageFromAttributes(attributes: Attributes): LLMUsage | undefined {
  const promptTokens =
    count(attributes['ai.usage.inputTokens']) ?? count(attributes['ai.usage.promptTokens']);
  const completionTokens =
    count(attributes['ai.usage.outputTokens']) ?? count(attributes['ai.usage.completionTokens']);
  return withoutEmpty({
    promptTokens,
    completionTokens,
    totalTokens: count(attributes['ai.usage.totalTokens']) ?? sum(promptTokens, completionTokens),
    promptCacheHitTokens:
      count(attributes['ai.usage.inputTokenDetails.cacheReadTokens']) ??
      count(attributes['ai.usage.cachedInputTokens']),
    promptCacheWriteTokens: count(attributes['ai.usage.inputTokenDetails.cacheWriteTokens']),
    reasoningTokens:
      count(attributes['ai.usage.outputTokenDetails.reasoningTokens']) ??
      count(attributes['ai.usage.reasoningTokens']),
  });
}

/** Usage of an embedding call from `ai.usage.tokens`. */
export function embeddingUsageFromAttributes(attributes: Attributes): LLMUsage | undefined {
  const tokens = count(attributes['ai.usage.tokens']);
  return tokens === undefined ? undefined : { promptTokens: tokens, totalTokens: tokens };
}

/**
 * Usage from an AI SDK `LanguageModelUsage` object (v7 telemetry events):
 * `inputTokens` (cached included), `outputTokens`, `totalTokens`,
 * `inputTokenDetails.{cacheReadTokens,cacheWriteTokens}`,
 * `outputTokenDetails.reasoningTokens` (older shapes: `cachedInputTokens`, `reasoningTokens`).
 */
export function usageFromSdkUsage(usage: unknown): LLMUsage | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  const promptTokens = count(objectField(usage, 'inputTokens'));
  const completionTokens = count(objectField(usage, 'outputTokens'));
  const inputDetails = objectField(usage, 'inputTokenDetails');
  const outputDetails = objectField(usage, 'outputTokenDetails');
  return withoutEmpty({
    promptTokens,
    completionTokens,
    totalTokens: count(objectField(usage, 'totalTokens')) ?? sum(promptTokens, completionTokens),
    promptCacheHitTokens:
      count(objectField(inputDetails, 'cacheReadTokens')) ?? count(objectField(usage, 'cachedInputTokens')),
    promptCacheWriteTokens: count(objectField(inputDetails, 'cacheWriteTokens')),
    reasoningTokens:
      count(objectField(outputDetails, 'reasoningTokens')) ?? count(objectField(usage, 'reasoningTokens')),
  });
}

/** Usage of an embedding call from an `EmbeddingModelUsage` (`{ tokens }`). */
export function embeddingUsageFromSdkUsage(usage: unknown): LLMUsage | undefined {
  const tokens = count(objectField(usage, 'tokens'));
  return tokens === undefined ? undefined : { promptTokens: tokens, totalTokens: tokens };
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}
