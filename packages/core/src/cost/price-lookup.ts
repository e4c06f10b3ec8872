import type { ModelPrice } from '../types/model-price';

// Decorations providers put around a model id, removed one rule at a time.
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3})$/;
const VERTEX_VERSION = /@[\w.-]+$/;
const BEDROCK_VERSION = /-v\d+(?::\d+)?$/;
const BEDROCK_VENDOR = /^(?:us\.|eu\.|apac\.)?(?:anthropic|meta|mistral|amazon|cohere)\./;
const TRAILING_TAGS = new Set([
  'latest',
  'preview',
  'instruct',
  'turbo',
  'fp8',
  'fp16',
  'versatile',
  'chat',
  'hf',
]);

/**
 * The candidate ids tried for a model, in order (see `findModelPrice`):
 * the id as given (lower case), without a `provider/` path, without Bedrock
 * and Vertex decorations, then without dated snapshot suffixes and trailing
 * tags such as `-latest`, `-preview`, `-instruct`, `-turbo`.
 */
export function modelIdCandidates(model: string): string[] {
  const candidates: string[] = [];
  const push = (id: string) => {
    if (id !== '' && !candidates.includes(id)) candidates.push(id);
  };
  let id = model.trim().toLowerCase();
  push(id);
  id = id.slice(id.lastIndexOf('/') + 1);
  push(id);
  id = id.replace(VERTEX_VERSION, '').replace(BEDROCK_VENDOR, '').replace(BEDROCK_VERSION, '');
  push(id);
  for (let changed = true; changed; ) {
    changed = false;
    const withoutDate = id.replace(DATE_SUFFIX, '');
    if (withoutDate !== id) {
      id = withoutDate;
      changed = true;
    }
    const dash = id.lastIndexOf('-');
    if (dash > 0 && TRAILING_TAGS.has(id.slice(dash + 1))) {
      id = id.slice(0, dash);
      changed = true;
    }
    push(id);
  }
  return candidates;
}

/**
 * Find the price of `model` (served by `provider`): first `provider/model`
 * as given, then each candidate id of `modelIdCandidates`. Exact matches
 * only — no guessing from a prefix, so an unknown variant (e.g. `o3-pro`)
 * gets no cost rather than a wrong one.
 */
export function findModelPrice(
  prices: Readonly<Record<string, ModelPrice>>,
  model: string,
  provider?: string,
): ModelPrice | undefined {
  // Own keys only: a model named "constructor" must not find Object.prototype.
  const lookup = (id: string) => (Object.hasOwn(prices, id) ? prices[id] : undefined);
  if (provider !== undefined && provider !== '') {
    const scoped = lookup(`${provider.toLowerCase()}/${model.toLowerCase()}`);
    if (scoped !== undefined) return scoped;
  }
  for (const candidate of modelIdCandidates(model)) {
    const price = lookup(candidate);
    if (price !== undefined) return price;
  }
  return undefined;
}
