// Public API of @aitracing/model-prices. Every name here is a promise we keep.

export type { ModelPrice } from './model-price';
export { MODEL_PRICE_SOURCES, MODEL_PRICES, MODEL_PRICES_AS_OF } from './model-prices';
export { findModelPrice, modelIdCandidates } from './price-lookup';
