import type { AITracingLogger } from '@aitracing/core';

const MAX_KEYS = 1_000;

/**
 * Logs each cause once: repeated failures of one kind write one line, not one
 * per span. Never throws, even if the injected logger does. Keys are bounded.
 */
export class LogOnce {
  readonly #seen = new Set<string>();

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

/** Call a logger without letting it throw into tracing code. */
export function safeLog(
  logger: AITracingLogger,
  level: keyof AITracingLogger,
  message: string,
  args: readonly unknown[] = [],
): void {
  try {
    logger[level](message, ...args);
  } catch {
    // A throwing logger is ignored: logging must not break tracing.
  }
}

/** A short description of a thrown value for log lines (no stack, bounded). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  try {
    return String(error).slice(0, 500);
  } catch {
    return 'unknown error';
  }
}
