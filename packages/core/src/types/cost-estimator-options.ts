import type { AITracingLogger } from './logger';
import type { ModelPrice } from './model-price';

/** Options of `CostEstimator` (`TracingConfig.costEstimation`). */
export interface CostEstimatorOptions {
  /**
   * Prices (USD per 1M tokens) that override or extend the built-in table,
   * keyed by model id or `provider/model`.
   */
  prices?: Record<string, ModelPrice>;
  /** Where unknown models are reported (once each, at debug level). */
  logger?: AITracingLogger;
}
