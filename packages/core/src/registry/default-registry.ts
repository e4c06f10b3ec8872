import { DefaultLogger } from '../logger/default-logger';
import type { ConfigSelector, ConfigSelectorOptions } from '../types/registry-config';
import type { AITracing } from '../types/tracing';
import { AITracingRegistry } from './ai-tracing-registry';

// The process-wide registry behind the module-level functions (document 001).
// `Observability` objects have their own registries unless made with setupAITracing
// (observability/setup-ai-tracing.ts, the floor above, which hands them this one).
const defaultRegistry = new AITracingRegistry(new DefaultLogger());

/** The process-wide registry behind the module-level functions. */
export function getDefaultRegistry(): AITracingRegistry {
  return defaultRegistry;
}

/** Register `instance` under `name` in the process-wide registry. */
export function registerAITracing(name: string, instance: AITracing, isDefault = false): void {
  defaultRegistry.register(name, instance, isDefault);
}

/** The process-wide instance registered under `name`. */
export function getAITracing(name: string): AITracing | undefined {
  return defaultRegistry.get(name);
}

/** The process-wide default instance. */
export function getDefaultAITracing(): AITracing | undefined {
  return defaultRegistry.getDefault();
}

/** Set the process-wide selector, consulted for each new trace. */
export function setSelector(selector: ConfigSelector | undefined): void {
  defaultRegistry.setSelector(selector);
}

/** The process-wide instance the selector picks (the default as fallback). Never throws. */
export function getSelectedAITracing(options: ConfigSelectorOptions = {}): AITracing | undefined {
  return defaultRegistry.getSelected(options);
}

/** Remove `name` from the process-wide registry. */
export function unregisterAITracing(name: string): boolean {
  return defaultRegistry.unregister(name);
}

/** Whether `name` is registered process-wide. */
export function hasAITracing(name: string): boolean {
  return defaultRegistry.has(name);
}

/** Every process-wide instance by name. */
export function getAllAITracing(): ReadonlyMap<string, AITracing> {
  return defaultRegistry.getAll();
}

/**
 * Shut every process-wide instance down (each once) and empty the registry:
 * the names, the default and the selector are forgotten at once, so
 * `setupAITracing` / `registerAITracing` with the same names work again.
 * Always settles.
 */
export function shutdownAITracingRegistry(timeoutMs?: number): Promise<void> {
  return defaultRegistry.shutdownAndClear(timeoutMs);
}

/** Forget every process-wide instance and the selector (for tests). */
export function clearAITracingRegistry(): void {
  defaultRegistry.clear();
}
