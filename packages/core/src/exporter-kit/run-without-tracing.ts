// The global slot where `@opentelemetry/api` 1.x registers its context manager,
// tracer provider and propagator (shared by every copy of the API in the process).
const OTEL_API_GLOBAL = Symbol.for('opentelemetry.js.api.1');
// The key `@opentelemetry/core`'s `suppressTracing` sets: `createContextKey`
// is `Symbol.for(description)`, so the same symbol works without the package.
const SUPPRESS_TRACING_KEY = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

interface OtelContext {
  setValue(key: symbol, value: unknown): OtelContext;
}

interface OtelContextManager {
  active(): OtelContext;
  with<TResult>(context: OtelContext, fn: () => TResult): TResult;
}

/**
 * Run `fn` with OpenTelemetry tracing suppressed, when an OpenTelemetry API
 * is registered in the process: the app's HTTP, fetch or gRPC
 * instrumentation then records no span for the requests `fn` makes (and
 * injects no trace headers), as OpenTelemetry's own span processors do around
 * their exports. Wrap every export request in it, so an exporter's traffic
 * never shows up in the app's traces (nor becomes a child of whichever user
 * request happened to schedule the flush).
 *
 * Without OpenTelemetry in the process it just calls `fn` (one global
 * lookup). Needs no `@opentelemetry/*` package. Returns (or throws) exactly
 * what `fn` does, and calls it once.
 *
 * @example
 * ```ts
 * const queue = new BatchQueue(options, (batch) => runWithoutTracing(() => post(batch)));
 * ```
 */
export function runWithoutTracing<TResult>(fn: () => TResult): TResult {
  const api = (globalThis as Record<symbol, { context?: OtelContextManager } | undefined>)[OTEL_API_GLOBAL];
  const manager = api?.context;
  if (manager === undefined) return fn();
  let suppressed: OtelContext;
  try {
    suppressed = manager.active().setValue(SUPPRESS_TRACING_KEY, true);
  } catch {
    // An unusable context manager: nothing to suppress with.
    return fn();
  }
  return manager.with(suppressed, fn);
}
