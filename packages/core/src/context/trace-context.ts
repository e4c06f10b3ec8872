import { getCurrentSpan } from './async-context';

/** Ids to put on a log line so it can be joined with its trace. */
export interface LogTraceContext {
  /** 32-hex trace id */
  readonly traceId: string;
  /** 16-hex id of the current span */
  readonly spanId: string;
}

/**
 * The trace and span id of the current span, for log correlation, or
 * undefined outside a traced context (or in a sampled-out trace).
 *
 * @example
 * ```ts
 * const logger = pino({ mixin: () => getTraceContext() ?? {} });
 * ```
 */
export function getTraceContext(): LogTraceContext | undefined {
  const span = getCurrentSpan();
  if (span === undefined || !span.isValid) return undefined;
  return { traceId: span.traceId, spanId: span.id };
}
