import type { ModelPrice } from '@aitracing/model-prices';
import type { AITracingLogger } from './logger';

/** Options of `CostEstimator` (`TracingConfig.costEstimation`). */
export interface CostEstimatorOptions {
  /**
   * Prices (USD per 1M tokens) that override or extend the table of
   * `@aitracing/model-prices`, keyed by model id or `provider/model`
   * (matched with the same rules). An entry here wins over the table's.
   */
  prices?: Record<string, ModelPrice>;
  /** Where unknown models are reported (once each, at debug level). */
  logger?: AITracingLogger;
}
