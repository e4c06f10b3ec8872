import { safeLog } from '../exporter-kit/log-once';
import { processGlobal } from '../internal/process-global';
import { DefaultLogger } from '../logger/default-logger';
import type { ConfigSelectorOptions } from '../types/registry-config';
import type { AITracing } from '../types/tracing';

/** What the fallback needs of an `Observability`: stable across versions of core. */
export interface AppObservability {
  getSelected(options: ConfigSelectorOptions): AITracing | undefined;
}

/** Process-wide, shared by every copy of core (ESM and CommonJS builds). */
interface AppObservabilitySlot {
  current: AppObservability | undefined;
  warnedUnconfigured: boolean;
}

const slot = processGlobal<AppObservabilitySlot>('aitracing.appObservability', () => ({
  current: undefined,
  warnedUnconfigured: false,
}));

/** Make `observability` the app's: the fallback for root spans started in context. */
export function setAppObservability(observability: AppObservability): void {
  slot.current = observability;
}

/** Forget `observability` as the app's, if it still is (it was shut down). */
export function releaseAppObservability(observability: AppObservability): void {
  if (slot.current === observability) slot.current = undefined;
}

/** The instance the app's `Observability` selects for a new trace, if any. Never throws. */
export function getAppTracing(options: ConfigSelectorOptions): AITracing | undefined {
  try {
    return slot.current?.getSelected(options);
  } catch {
    return undefined;
  }
}

/** Say once per process that spans are asked for but nothing is configured to record them. */
export function warnNothingConfigured(): void {
  if (slot.warnedUnconfigured) return;
  slot.warnedUnconfigured = true;
  safeLog(
    new DefaultLogger(),
    'warn',
    'a span was started in context (traced(), a decorator or an instrumentation) but no tracing is ' +
      'configured, so nothing is recorded. Create an `Observability` (the most recent one is used), ' +
      'call `setupAITracing(...)`, or pass `tracing` to traced() / the instrumentation.',
  );
}
