import { describe, expect, it } from 'vitest';
import { MODEL_PRICE_SOURCES, MODEL_PRICES, MODEL_PRICES_AS_OF } from './model-prices';
import { findModelPrice, modelIdCandidates } from './price-lookup';

// What a maintainer checks on every price update: the table stays findable and sane.
describe('MODEL_PRICES', () => {
  it('is dated with a real calendar date', () => {
    expect(MODEL_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${MODEL_PRICES_AS_OF}T00:00:00Z`).toISOString().slice(0, 10)).toBe(MODEL_PRICES_AS_OF);
  });

  it('keys every price by a canonical id that a provider’s own id reaches', () => {
    for (const id of Object.keys(MODEL_PRICES)) {
      // Lower case, no provider path, no dated suffix or tag the lookup would strip first.
      expect(modelIdCandidates(id), id).toEqual([id]);
      expect(findModelPrice(MODEL_PRICES, id.toUpperCase()), id).toBe(MODEL_PRICES[id]);
    }
  });

  it('holds USD per 1M tokens as finite numbers, discounts never above the input price', () => {
    for (const [id, price] of Object.entries(MODEL_PRICES)) {
      for (const value of Object.values(price)) {
        expect(Number.isFinite(value) && value >= 0, `${id}: ${value}`).toBe(true);
      }
      expect(
        Object.keys(price).every((key) =>
          ['input', 'output', 'cachedInput', 'reasoning', 'cacheWriteInput'].includes(key),
        ),
        id,
      ).toBe(true);
      expect(price.cachedInput ?? price.input, id).toBeLessThanOrEqual(price.input);
    }
  });

  it('names an https source for every vendor', () => {
    for (const url of Object.values(MODEL_PRICE_SOURCES)) expect(url).toMatch(/^https:\/\//);
  });
});
