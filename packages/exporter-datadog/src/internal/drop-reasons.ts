import type { DatadogSpanDropReason } from '../datadog-exporter-options';

/** Every drop reason, in the order stats list them. */
export const DROP_REASONS: readonly DatadogSpanDropReason[] = Object.freeze([
  'exporterDisabled',
  'afterShutdown',
  'mappingFailed',
  'lateEvent',
  'agentRejected',
  'retriesExhausted',
  'queueFull',
  'tooLarge',
  'shutdownTimeout',
]);
