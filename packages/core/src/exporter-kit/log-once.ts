import type { AITracingLogger } from '../types/logger';

const MAX_KEYS = 1_000;

/**
 * Wraps a logger so that repeated failures of one cause log one line, not one
 * per span. Never throws, even if the logger does. Keys are bounded (1,000);
 * past the bound it keeps quiet.
 *
 * @example
 * ```ts
 * const log = new LogOnce(logger);
 * log.error('drop:rejected', 'my exporter: the backend rejected a batch');
 * ```
 */
export class LogOnce {
  readonly #seen = new Set<string>();

  /** @param logger - where lines go; exporters replace it with the one `init` hands them. */
  constructor(public logger: AITracingLogger) {}

  /** Warn the first time `key` is seen. */
  warn(key: string, message: string, ...args: unknown[]): void {
    if (this.#first(key)) safeLog(this.logger, 'warn', message, args);
  }

  /** Log an error the first time `key` is seen. */
  error(key: string, message: string, ...args: unknown[]): void {
    if (this.#first(key)) safeLog(this.logger, 'error', message, args);
  }

  #first(key: string): boolean {
    if (this.#seen.has(key) || this.#seen.size >= MAX_KEYS) return false;
    this.#seen.add(key);
    return true;
  }
}

/** Call a user-supplied logger without letting it throw into tracing code. */
export function safeLog(
  logger: AITracingLogger,
  level: keyof AITracingLogger,
  message: string,
  args: readonly unknown[] = [],
): void {
  try {
    logger[level](message, ...args);
  } catch {
    // An injected logger that throws is ignored: logging must not break tracing.
  }
}

/** A short (at most 500 characters), stack-free description of a thrown value for log lines. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  try {
    return String(error).slice(0, 500);
  } catch {
    return 'unknown error';
  }
}
