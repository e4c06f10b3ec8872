import type { AITracingLogger } from '../types/logger';

/**
 * A logger for tests: records every line instead of printing it, so a test
 * can assert on warnings (e.g. "logged once").
 */
export class RecordingLogger implements AITracingLogger {
  readonly lines: Array<{ level: keyof AITracingLogger; message: string; args: unknown[] }> = [];

  debug(message: string, ...args: unknown[]): void {
    this.lines.push({ level: 'debug', message, args });
  }

  info(message: string, ...args: unknown[]): void {
    this.lines.push({ level: 'info', message, args });
  }

  warn(message: string, ...args: unknown[]): void {
    this.lines.push({ level: 'warn', message, args });
  }

  error(message: string, ...args: unknown[]): void {
    this.lines.push({ level: 'error', message, args });
  }

  /** Lines at `level`, as `message args...` text. */
  at(level: keyof AITracingLogger): string[] {
    return this.lines
      .filter((line) => line.level === level)
      .map((line) => [line.message, ...line.args].join(' '));
  }
}
