import type { RuntimeContext } from './runtime-context';
import type { AITracing, TracingConfig } from './tracing';

/** Options passed when using a custom tracing config selector. */
export interface ConfigSelectorOptions {
  /** Runtime context */
  runtimeContext?: RuntimeContext;
}

/** Function to select which AI tracing instance to use for a given root span. */
export type ConfigSelector = (
  options: ConfigSelectorOptions,
  availableConfigs: ReadonlyMap<string, AITracing>,
) => string | undefined;

/** Complete AI Tracing registry configuration. */
export interface ObservabilityRegistryConfig {
  /** Enables default exporters, with sampling: always, and sensitive data filtering */
  default?: {
    enabled?: boolean;
  };
  /** Map of tracing instance names to their configurations or pre-instantiated instances */
  configs?: Record<string, Omit<TracingConfig, 'name'> | AITracing>;
  /** Optional selector function to choose which tracing instance to use */
  configSelector?: ConfigSelector;
}
