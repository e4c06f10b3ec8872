import type { ModelPrice } from './model-price';

/** Date the prices in `MODEL_PRICES` were taken from the vendors' public price lists. */
export const MODEL_PRICES_AS_OF = '2025-11-01';

/**
 * Where the prices in `MODEL_PRICES` come from: each vendor's public API price list
 * (standard tier, text tokens, prompts under any long-context threshold).
 * Meta's Llama models are priced as served by Together AI.
 */
export const MODEL_PRICE_SOURCES: Readonly<Record<string, string>> = {
  openai: 'https://openai.com/api/pricing',
  anthropic: 'https://www.anthropic.com/pricing#api',
  google: 'https://ai.google.dev/gemini-api/docs/pricing',
  mistral: 'https://mistral.ai/pricing#api-pricing',
  meta: 'https://www.together.ai/pricing',
};

/**
 * Built-in prices, keyed by canonical model id (see `findModelPrice` for the
 * matching rules). Dated by `MODEL_PRICES_AS_OF`, sources in
 * `MODEL_PRICE_SOURCES`. In aitracing, `costEstimation.prices` overrides or
 * extends them.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  'o3-mini': { input: 1.1, output: 4.4, cachedInput: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  o1: { input: 15, output: 60, cachedInput: 7.5 },
  // Anthropic (cache reads at 10 % of input)
  'claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5, cacheWriteInput: 6.25 },
  'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5, cacheWriteInput: 18.75 },
  'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5, cacheWriteInput: 18.75 },
  'claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3, cacheWriteInput: 3.75 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3, cacheWriteInput: 3.75 },
  'claude-3-7-sonnet': { input: 3, output: 15, cachedInput: 0.3, cacheWriteInput: 3.75 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1, cacheWriteInput: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08, cacheWriteInput: 1 },
  // Google
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.03 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.01 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  // Mistral
  'mistral-large': { input: 2, output: 6 },
  'mistral-medium': { input: 0.4, output: 2 },
  'mistral-small': { input: 0.1, output: 0.3 },
  codestral: { input: 0.3, output: 0.9 },
  // Meta Llama
  'llama-4-maverick': { input: 0.27, output: 0.85 },
  'llama-4-maverick-17b-128e': { input: 0.27, output: 0.85 },
  'llama-4-scout': { input: 0.18, output: 0.59 },
  'llama-4-scout-17b-16e': { input: 0.18, output: 0.59 },
  'llama-3.3-70b': { input: 0.88, output: 0.88 },
  'llama-3.1-405b': { input: 3.5, output: 3.5 },
  'llama-3.1-8b': { input: 0.18, output: 0.18 },
};
