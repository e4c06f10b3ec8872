/**
 * How long `flush()` and `shutdown()` wait when the caller gives no timeout:
 * 30 s, the default of core's tracing instance, its registry and every
 * exporter of ours.
 */
export const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;
