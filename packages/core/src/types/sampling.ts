import type { RuntimeContext } from './runtime-context';

/**
 * The four kinds of sampling strategy, usable as values (as in seed-era code:
 * `{ type: SamplingStrategyType.RATIO, probability: 0.1 }`) and as a type.
 * Each member is the string literal itself, so `SamplingStrategyType.ALWAYS`
 * and `'always'` are interchangeable everywhere.
 */
export const SamplingStrategyType = {
  /** Record every trace */
  ALWAYS: 'always',
  /** Record no trace */
  NEVER: 'never',
  /** Record a random share of traces: `probability` between 0 and 1 */
  RATIO: 'ratio',
  /** Let a `sampler` function decide per trace */
  CUSTOM: 'custom',
} as const;

/** One of `'always'`, `'never'`, `'ratio'`, `'custom'`. */
export type SamplingStrategyType = (typeof SamplingStrategyType)[keyof typeof SamplingStrategyType];

/** Options passed when using a custom sampler strategy. */
export interface CustomSamplerOptions {
  /** Runtime context of the request */
  runtimeContext?: RuntimeContext;
  /** Metadata given to the root span */
  metadata?: Record<string, unknown>;
}

/**
 * Sampling strategy configuration. The decision is taken once per trace, at
 * the root span; children always follow it.
 */
export type SamplingStrategy =
  | { type: 'always' }
  | { type: 'never' }
  | { type: 'ratio'; probability: number }
  | { type: 'custom'; sampler: (options?: CustomSamplerOptions) => boolean };
