import { formatWithOptions } from 'node:util';
import { AITracingConfigError } from '../errors/config-error';
import type { AITracingLogger, LogLevel } from './logger';

const LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

/** Environment variable that sets the default logger's level. */
export const LOG_LEVEL_ENV = 'AITRACING_LOG_LEVEL';

/** Options of {@link DefaultLogger}. */
export interface DefaultLoggerOptions {
  /**
   * Lowest level written.
   * @defaultValue `process.env.AITRACING_LOG_LEVEL` or `'warn'`
   */
  level?: LogLevel;
  /** Where lines go. @defaultValue `process.stderr` */
  write?: (line: string) => void;
}

/** True when `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVEL_RANK, value);
}

/**
 * The logger used when none is injected: one line per message on stderr,
 * prefixed `[aitracing]`, quiet below `warn` by default. Never throws.
 */
export class DefaultLogger implements AITracingLogger {
  readonly #rank: number;
  readonly #write: (line: string) => void;

  constructor(options: DefaultLoggerOptions = {}) {
    const fromEnv = process.env[LOG_LEVEL_ENV]?.toLowerCase();
    const level = options.level ?? (isLogLevel(fromEnv) ? fromEnv : 'warn');
    if (!isLogLevel(level)) {
      throw new AITracingConfigError('logLevel', `must be one of ${Object.keys(LEVEL_RANK).join(', ')}`);
    }
    this.#rank = LEVEL_RANK[level];
    this.#write = options.write ?? ((line) => process.stderr.write(line));
  }

  debug(message: string, ...args: unknown[]): void {
    this.#log('debug', message, args);
  }

  info(message: string, ...args: unknown[]): void {
    this.#log('info', message, args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.#log('warn', message, args);
  }

  error(message: string, ...args: unknown[]): void {
    this.#log('error', message, args);
  }

  #log(level: LogLevel, message: string, args: unknown[]): void {
    if (LEVEL_RANK[level] < this.#rank) return;
    try {
      const text = formatWithOptions({ depth: 4, breakLength: Number.POSITIVE_INFINITY }, message, ...args);
      this.#write(`[aitracing] ${level.toUpperCase()} ${text}\n`);
    } catch {
      // A logger must never break the code that logs.
    }
  }
}
