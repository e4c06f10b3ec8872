import { AITracingConfigError } from '../errors/config-error';
import { readEnvironmentVariable } from '../internal/environment';
import { warnInvalidEnvOnce } from '../internal/invalid-env-warning';
import type { AITracingLogger, LogLevel } from '../types/logger';
import { defaultLogWrite, formatLogMessage } from './format-log-message';

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
  /** Where lines go. @defaultValue `process.stderr`, or `console.error` where there is none */
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
    if (options.level !== undefined && !isLogLevel(options.level)) {
      throw new AITracingConfigError('logLevel', `must be one of ${Object.keys(LEVEL_RANK).join(', ')}`);
    }
    this.#write = options.write ?? defaultLogWrite;
    const envText = options.level === undefined ? readEnvironmentVariable(LOG_LEVEL_ENV)?.trim() : undefined;
    const fromEnv = envText?.toLowerCase();
    const level = options.level ?? (isLogLevel(fromEnv) ? fromEnv : 'warn');
    this.#rank = LEVEL_RANK[level];
    // A bad level in the environment is ignored with one warning, never thrown.
    if (envText !== undefined && envText !== '' && !isLogLevel(fromEnv)) {
      warnInvalidEnvOnce(
        this,
        LOG_LEVEL_ENV,
        envText,
        `must be one of ${Object.keys(LEVEL_RANK).join(', ')}`,
        "the default ('warn')",
      );
    }
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
      const text = formatLogMessage(message, args);
      this.#write(`[aitracing] ${level.toUpperCase()} ${text}\n`);
    } catch {
      // A logger must never break the code that logs.
    }
  }
}
