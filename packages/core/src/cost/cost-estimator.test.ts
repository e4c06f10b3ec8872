import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { TracingConstructorConfig } from '../tracing/resolve-config';
import type { LLMGenerationAttributes } from '../types/span-attributes';
import { AISpanType } from '../types/span-type';
import { CostEstimator, computeCost } from './cost-estimator';

async function costOf(attributes: LLMGenerationAttributes, config: Partial<TracingConstructorConfig> = {}) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters: [exporter],
    logger,
    logLevel: 'debug',
    ...config,
  });
  tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'gen', attributes }).end();
  tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'gen', attributes }).end();
  await tracing.flush();
  const spans = exporter.getFinishedSpans();
  return { cost: (spans[0]?.attributes as LLMGenerationAttributes | undefined)?.cost, logger };
}

describe('CostEstimator', () => {
  it('sets the cost of an LLM generation from model and usage, in USD', async () => {
    const { cost } = await costOf({
      model: 'gpt-4o-mini',
      provider: 'openai',
      usage: { promptTokens: 1_000_000, completionTokens: 500_000 },
    });
    expect(cost).toEqual({ input: 0.15, output: 0.3, total: 0.45, currency: 'USD' });
  });

  it('prices cached prompt tokens at the cached price', async () => {
    const { cost } = await costOf({
      model: 'claude-sonnet-4',
      usage: { promptTokens: 10_000, completionTokens: 1_000, promptCacheHitTokens: 8_000 },
    });
    // 2,000 fresh × $3 + 8,000 cached × $0.30, 1,000 out × $15 (per 1M)
    expect(cost).toEqual({ input: 0.0084, output: 0.015, total: 0.0234, currency: 'USD' });
  });

  it('prices prompt tokens written to the cache at the cache-write price', async () => {
    const { cost } = await costOf({
      model: 'claude-sonnet-4',
      usage: {
        promptTokens: 10_000,
        completionTokens: 1_000,
        promptCacheHitTokens: 4_000,
        promptCacheWriteTokens: 5_000,
      },
    });
    // 1,000 fresh × $3 + 4,000 read × $0.30 + 5,000 written × $3.75, 1,000 out × $15 (per 1M)
    expect(cost).toEqual({ input: 0.02295, output: 0.015, total: 0.03795, currency: 'USD' });
  });

  it('records no cost for an unknown model, logs it once at debug level, and never throws', async () => {
    const { cost, logger } = await costOf({
      model: 'acme-llm-9',
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    expect(cost).toBeUndefined();
    expect(
      logger.at('debug').filter((line) => line.includes('no price for model "acme-llm-9"')),
    ).toHaveLength(1);
  });

  it('takes user prices over the built-in table, also per provider', async () => {
    const prices = {
      'acme-llm-9': { input: 1, output: 2 },
      'groq/llama-3.3-70b': { input: 0.59, output: 0.79 },
      'gpt-4o': { input: 2, output: 8 },
    };
    const usage = { promptTokens: 1_000_000, completionTokens: 1_000_000 };
    expect((await costOf({ model: 'acme-llm-9', usage }, { costEstimation: { prices } })).cost?.total).toBe(
      3,
    );
    expect((await costOf({ model: 'gpt-4o', usage }, { costEstimation: { prices } })).cost?.total).toBe(10);
    expect(
      (await costOf({ model: 'llama-3.3-70b', provider: 'groq', usage }, { costEstimation: { prices } })).cost
        ?.total,
    ).toBe(1.38);
    // Groq's own id for the model reaches the price set for it.
    expect(
      (
        await costOf(
          { model: 'llama-3.3-70b-versatile', provider: 'groq', usage },
          { costEstimation: { prices } },
        )
      ).cost?.total,
    ).toBe(1.38);
    expect((await costOf({ model: 'llama-3.3-70b', provider: 'together', usage })).cost?.total).toBe(1.76);
  });

  it('keeps a cost you set yourself, and can be turned off', async () => {
    const own = { input: 1, output: 1, total: 2, currency: 'EUR' };
    expect((await costOf({ model: 'gpt-4o', usage: { promptTokens: 10 }, cost: own })).cost).toEqual(own);
    expect(
      (await costOf({ model: 'gpt-4o', usage: { promptTokens: 10 } }, { costEstimation: false })).cost,
    ).toBeUndefined();
  });

  it('bills reasoning tokens apart only for models priced that way', () => {
    const price = { input: 1, output: 4, reasoning: 2 };
    expect(
      computeCost({ promptTokens: 1_000_000, completionTokens: 1_000_000, reasoningTokens: 500_000 }, price),
    ).toEqual({
      input: 1,
      output: 3,
      total: 4,
      currency: 'USD',
    });
    expect(computeCost({ promptTokens: 0, completionTokens: 0 }, price)).toBeUndefined();
    expect(computeCost(undefined, price)).toBeUndefined();
  });

  it('rejects malformed prices with a clear config error', () => {
    expect(() => new CostEstimator({ prices: { x: { input: -1, output: 1 } } })).toThrow(
      /costEstimation\.prices\.x/,
    );
    expect(() => new DefaultAITracing({ serviceName: 's', costEstimation: 'yes' as never })).toThrow(
      /costEstimation/,
    );
  });
});
