import { getDefaultRegistry } from '../registry/default-registry';
import { Observability, type ObservabilityConfig } from './observability';

/**
 * Configure the process-wide registry from one config object. `traced`,
 * `@withSpan` and `@InstrumentClass` start root spans there when no span is
 * current.
 */
export function setupAITracing(config: ObservabilityConfig): Observability {
  return new Observability(config, { registry: getDefaultRegistry() });
}
