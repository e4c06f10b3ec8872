/**
 * Price of one model in USD per million tokens. `cachedInput` is the price
 * of prompt tokens read from the provider's prompt cache; `reasoning` the
 * price of reasoning tokens when a provider bills them apart from output.
 */
export interface ModelPrice {
  /** USD per 1M prompt (input) tokens */
  readonly input: number;
  /** USD per 1M completion (output) tokens */
  readonly output: number;
  /** USD per 1M cached prompt tokens. @defaultValue the input price */
  readonly cachedInput?: number;
  /** USD per 1M reasoning tokens, when billed apart from output. @defaultValue the output price */
  readonly reasoning?: number;
  /**
   * USD per 1M prompt tokens written to the prompt cache (Anthropic bills
   * them at 1.25x input for the 5-minute cache). @defaultValue the input price
   */
  readonly cacheWriteInput?: number;
}
