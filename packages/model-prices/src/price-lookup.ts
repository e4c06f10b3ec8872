import type { ModelPrice } from './model-price';

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
 * tags such as `-latest`, `-preview`, `-instruct`, `-turbo`. Empty for an
 * empty id (or a value that is not a string); never throws.
 *
 * @example
 * ```ts
 * modelIdCandidates('openai/gpt-4o-2024-08-06'); // ['openai/gpt-4o-2024-08-06', 'gpt-4o-2024-08-06', 'gpt-4o']
 * ```
 */
export function modelIdCandidates(model: string): string[] {
  const candidates: string[] = [];
  if (typeof model !== 'string') return candidates;
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
 * Find the price of `model` (served by `provider`) in `prices`, a table keyed
 * by lower-case model id or `provider/model`: each candidate id of
 * `modelIdCandidates` scoped to the provider first (`groq/llama-3.3-70b`
 * matches Groq's `llama-3.3-70b-versatile`), then each candidate id alone.
 * Exact matches only — no guessing from a prefix, so an unknown variant
 * (e.g. `o3-pro`) gets no price rather than a wrong one. Never throws.
 *
 * @example
 * ```ts
 * findModelPrice(MODEL_PRICES, 'claude-sonnet-4-20250514'); // { input: 3, output: 15, ... }
 * ```
 */
export function findModelPrice(
  prices: Readonly<Record<string, ModelPrice>>,
  model: string,
  provider?: string,
): ModelPrice | undefined {
  // Own keys only: a model named "constructor" must not find Object.prototype.
  const lookup = (id: string) => (Object.hasOwn(prices, id) ? prices[id] : undefined);
  const candidates = modelIdCandidates(model);
  const scope = typeof provider === 'string' ? provider.trim().toLowerCase() : '';
  if (scope !== '') {
    for (const candidate of candidates) {
      const price = lookup(`${scope}/${candidate}`);
      if (price !== undefined) return price;
    }
  }
  for (const candidate of candidates) {
    const price = lookup(candidate);
    if (price !== undefined) return price;
  }
  return undefined;
}
