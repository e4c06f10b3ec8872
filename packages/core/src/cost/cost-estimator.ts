import { findModelPrice, MODEL_PRICES, type ModelPrice } from '@aitracing/model-prices';
import { AITracingConfigError } from '../errors/config-error';
import type { CostEstimatorOptions } from '../types/cost-estimator-options';
import type { AITracingLogger } from '../types/logger';
import type { ProcessorFastPath } from '../types/processor-fast-path';
import type { LLMCost, LLMUsage } from '../types/span-attributes';
import { AISpanType } from '../types/span-type';
import type { AISpanProcessor, AnyAISpan } from '../types/tracing';

const MAX_REPORTED_UNKNOWN = 1_000;
const MAX_CACHED_LOOKUPS = 10_000;
const PER_MILLION = 1_000_000;

function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * The cost of `usage` at `price`: cached prompt tokens at the cached price,
 * tokens written to the prompt cache at the cache-write price,
 * reasoning tokens at the reasoning price when the model has one (they are
 * part of the completion tokens). Undefined when there are no token counts.
 */
export function computeCost(usage: LLMUsage | undefined, price: ModelPrice): LLMCost | undefined {
  if (usage === undefined) return undefined;
  const prompt = count(usage.promptTokens);
  const completion = count(usage.completionTokens);
  if (prompt === 0 && completion === 0) return undefined;
  const cached = Math.min(count(usage.promptCacheHitTokens), prompt);
  const written = Math.min(count(usage.promptCacheWriteTokens), prompt - cached);
  const reasoning = price.reasoning === undefined ? 0 : Math.min(count(usage.reasoningTokens), completion);
  const input =
    ((prompt - cached - written) * price.input +
      cached * (price.cachedInput ?? price.input) +
      written * (price.cacheWriteInput ?? price.input)) /
    PER_MILLION;
  const output =
    ((completion - reasoning) * price.output + reasoning * (price.reasoning ?? price.output)) / PER_MILLION;
  return { input: round(input), output: round(output), total: round(input + output), currency: 'USD' };
}

function checkPrices(prices: unknown): Record<string, ModelPrice> {
  if (prices === undefined) return {};
  if (typeof prices !== 'object' || prices === null) {
    throw new AITracingConfigError('costEstimation.prices', 'must map model ids to { input, output } prices');
  }
  const checked: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(prices)) {
    const candidate = price as Partial<ModelPrice> | null;
    const valid = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      !valid(candidate.input) ||
      !valid(candidate.output) ||
      (candidate.cachedInput !== undefined && !valid(candidate.cachedInput)) ||
      (candidate.reasoning !== undefined && !valid(candidate.reasoning)) ||
      (candidate.cacheWriteInput !== undefined && !valid(candidate.cacheWriteInput))
    ) {
      throw new AITracingConfigError(
        `costEstimation.prices.${model}`,
        'must be { input, output, cachedInput?, reasoning?, cacheWriteInput? } in USD per 1M tokens (numbers >= 0)',
      );
    }
    checked[model.toLowerCase()] = candidate as ModelPrice;
  }
  return checked;
}

/**
 * Span processor that sets `attributes.cost` (`{ input, output, total,
 * currency }`) on LLM generation spans from model, provider and usage, using
 * the price table of `@aitracing/model-prices` (`MODEL_PRICES`, matched by
 * its `findModelPrice`) with `prices` taking precedence over it. A cost you
 * set yourself is kept. Unknown models get no cost and
 * one debug log line each; nothing ever throws. On by default
 * (`costEstimation: false` turns it off).
 *
 * Through `fastPath` the engine adds the cost to its own copy of the
 * attributes, without a processing view. A subclass keeps that fast path
 * (with its own `estimate` if it overrides it) unless it overrides
 * `process()`: then its `process()` is called.
 */
export class CostEstimator implements AISpanProcessor {
  readonly name = 'cost-estimator';
  readonly spanTypes = [AISpanType.LLM_GENERATION] as const;
  readonly #prices: Readonly<Record<string, ModelPrice>>;
  readonly #reported = new Set<string>();
  // The same few models come back on every span: remember each lookup by
  // provider then model (no key string built per span; null = unknown).
  readonly #lookups = new Map<string | undefined, Map<string, ModelPrice | null>>();
  #cachedLookups = 0;
  readonly #logger: AITracingLogger | undefined;
  readonly #fastPath: ProcessorFastPath = {
    enrichAttributes: (attributes) => this.#addCost(attributes),
  };

  /** Throws `AITracingConfigError` for a malformed price entry. */
  constructor(options: CostEstimatorOptions = {}) {
    this.#prices = { ...MODEL_PRICES, ...checkPrices(options.prices) };
    this.#logger = options.logger;
  }

  /** The cost of one generation, or undefined for an unknown model or missing usage. */
  estimate(
    model: string | undefined,
    provider: string | undefined,
    usage: LLMUsage | undefined,
  ): LLMCost | undefined {
    if (typeof model !== 'string' || model === '') return undefined;
    const price = this.#lookup(model, provider);
    if (price === undefined) {
      if (!this.#reported.has(model) && this.#reported.size < MAX_REPORTED_UNKNOWN) {
        this.#reported.add(model);
        this.#logger?.debug(`cost estimator: no price for model "${model.slice(0, 100)}"; no cost recorded`);
      }
      return undefined;
    }
    return computeCost(usage, price);
  }

  #lookup(model: string, provider: string | undefined): ModelPrice | undefined {
    let byModel = this.#lookups.get(provider);
    const cached = byModel?.get(model);
    if (cached !== undefined) return cached ?? undefined;
    const price = findModelPrice(this.#prices, model, provider);
    if (this.#cachedLookups >= MAX_CACHED_LOOKUPS) {
      this.#lookups.clear();
      this.#cachedLookups = 0;
      byModel = undefined;
    }
    if (byModel === undefined) {
      byModel = new Map();
      this.#lookups.set(provider, byModel);
    }
    byModel.set(model, price ?? null);
    this.#cachedLookups++;
    return price;
  }

  /**
   * Sets `attributes.cost` on an LLM generation span that has none; other
   * spans are returned untouched. Never throws.
   */
  process(span?: AnyAISpan): AnyAISpan | undefined {
    if (span === undefined || span.type !== AISpanType.LLM_GENERATION) return span;
    const attributes = this.#addCost(span.attributes as Record<string, unknown> | undefined);
    if (attributes !== span.attributes) span.attributes = attributes as AnyAISpan['attributes'];
    return span;
  }

  /**
   * The cost step as an attribute enrichment, for the engine to run on its
   * own copy of the attributes. Undefined when a subclass overrides
   * `process()`, so that its own `process()` is called.
   */
  fastPath(): ProcessorFastPath | undefined {
    return this.process === CostEstimator.prototype.process ? this.#fastPath : undefined;
  }

  /** Adds `cost` to attributes this processor may change; returns the object to use. Never throws. */
  #addCost(attributes: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    try {
      if (attributes === undefined || attributes.cost !== undefined) return attributes;
      const cost = this.estimate(
        attributes.model as string | undefined,
        attributes.provider as string | undefined,
        attributes.usage as LLMUsage | undefined,
      );
      // Core's private copy of the attributes: setting a field is safe.
      if (cost !== undefined) attributes.cost = cost;
    } catch {
      // Cost is a nicety: a span is never held back by it.
    }
    return attributes;
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
