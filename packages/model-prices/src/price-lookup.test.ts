import { describe, expect, it } from 'vitest';
import type { ModelPrice } from './model-price';
import { MODEL_PRICES } from './model-prices';
import { findModelPrice, modelIdCandidates } from './price-lookup';

describe('findModelPrice', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['anthropic/claude-3-5-haiku', 'claude-3-5-haiku'],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku'],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4'],
    ['claude-opus-4-1@20250805', 'claude-opus-4-1'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['mistral-large-2411', 'mistral-large'],
    ['mistral-small-latest', 'mistral-small'],
    ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama-3.3-70b'],
    ['GPT-4.1-MINI', 'gpt-4.1-mini'],
  ])('matches %s to the price of %s', (model, canonical) => {
    expect(findModelPrice(MODEL_PRICES, model)).toBe(MODEL_PRICES[canonical]);
  });

  it('never guesses: unknown variants, prefixes and prototype keys get no price', () => {
    for (const model of ['o3-pro', 'gpt-4', 'my-finetune', 'constructor', '__proto__', 'toString', '']) {
      expect(findModelPrice(MODEL_PRICES, model)).toBeUndefined();
    }
    expect(findModelPrice(MODEL_PRICES, 42 as unknown as string)).toBeUndefined();
  });

  it('prefers a provider-scoped price, also for the provider’s own decorated id', () => {
    const groq: ModelPrice = { input: 0.59, output: 0.79 };
    const prices = { ...MODEL_PRICES, 'groq/llama-3.3-70b': groq };
    expect(findModelPrice(prices, 'llama-3.3-70b-versatile', 'groq')).toBe(groq);
    expect(findModelPrice(prices, 'llama-3.3-70b', 'Groq')).toBe(groq);
    // Another provider, or none, gets the table's price.
    expect(findModelPrice(prices, 'llama-3.3-70b-versatile', 'together')).toBe(MODEL_PRICES['llama-3.3-70b']);
    expect(findModelPrice(prices, 'llama-3.3-70b-versatile')).toBe(MODEL_PRICES['llama-3.3-70b']);
  });

  it('takes the most exact id first, so a price for a dated snapshot wins over its family', () => {
    const snapshot: ModelPrice = { input: 5, output: 15 };
    const prices = { ...MODEL_PRICES, 'gpt-4o-2024-05-13': snapshot };
    expect(findModelPrice(prices, 'gpt-4o-2024-05-13')).toBe(snapshot);
    expect(findModelPrice(prices, 'gpt-4o-2024-08-06')).toBe(MODEL_PRICES['gpt-4o']);
  });
});

describe('modelIdCandidates', () => {
  it('lists the ids tried, from the id as given to the bare model family', () => {
    expect(modelIdCandidates('openai/gpt-4o-2024-08-06')).toEqual([
      'openai/gpt-4o-2024-08-06',
      'gpt-4o-2024-08-06',
      'gpt-4o',
    ]);
    expect(modelIdCandidates('us.anthropic.claude-sonnet-4-20250514-v1:0')).toEqual([
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'claude-sonnet-4-20250514',
      'claude-sonnet-4',
    ]);
    expect(modelIdCandidates('  ')).toEqual([]);
  });
});
