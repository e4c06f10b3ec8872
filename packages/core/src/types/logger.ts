/** Levels of the logger, from most to least verbose. `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * The one logger interface of aitracing. Core and every exporter log through
 * it; inject your own (pino, winston, console) with `TracingConfig.logger`.
 * Implementations must not throw.
 */
export interface AITracingLogger {
  /** Diagnostic detail, off by default */
  debug(message: string, ...args: unknown[]): void;
  /** Lifecycle information, off by default */
  info(message: string, ...args: unknown[]): void;
  /** Something was lost or misconfigured; tracing carries on */
  warn(message: string, ...args: unknown[]): void;
  /** Tracing itself failed somewhere; the application is not affected */
  error(message: string, ...args: unknown[]): void;
}
