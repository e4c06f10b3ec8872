import { AITracingConfigError, type LogLevel } from '@aitracing/core';
import { runtimeEnvironment } from '@aitracing/core/exporter-kit';
import {
  CONSOLE_EXPORTER_ENV,
  type ConsoleExporterFormat,
  type ConsoleExporterOptions,
  type ConsoleExporterStream,
} from '../console-exporter-options';
import { detectColor } from './color-support';
import { defaultConsoleStream } from './console-stream';

/** Console exporter options with every default applied and every field checked. */
export interface ResolvedConsoleExporterOptions {
  readonly stream: ConsoleExporterStream;
  readonly format: ConsoleExporterFormat;
  readonly color: boolean;
  readonly showInput: boolean;
  readonly showOutput: boolean;
  readonly maxPreviewLength: number;
  readonly logLevel: LogLevel;
  readonly incompleteTraceTimeoutMs: number;
  readonly maxBufferedTraces: number;
  readonly maxBufferedSpans: number;
}

// The one place defaults live; `ConsoleExporterOptions` documents each with `@defaultValue`.
const DEFAULTS = {
  format: 'pretty',
  showInput: true,
  showOutput: true,
  maxPreviewLength: 100,
  logLevel: 'info',
  incompleteTraceTimeoutMs: 30_000,
  maxBufferedTraces: 1_000,
  maxBufferedSpans: 10_000,
} as const satisfies Partial<ResolvedConsoleExporterOptions>;

const FORMATS: readonly ConsoleExporterFormat[] = ['pretty', 'json'];
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
// setTimeout fires at once for longer delays.
const MAX_TIMEOUT_MS = 2_147_483_647;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new AITracingConfigError(field, `must be one of ${allowed.map((item) => `'${item}'`).join(', ')}`);
}

function booleanOption(field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new AITracingConfigError(field, 'must be true or false');
}

function booleanFromEnv(variable: string, text: string): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new AITracingConfigError(variable, "must be 'true', 'false', '1' or '0'");
}

function positiveInteger(field: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
  throw new AITracingConfigError(field, `must be an integer between 1 and ${max}`);
}

function checkStream(stream: unknown): ConsoleExporterStream {
  if (
    typeof stream === 'object' &&
    stream !== null &&
    typeof (stream as ConsoleExporterStream).write === 'function'
  ) {
    return stream as ConsoleExporterStream;
  }
  throw new AITracingConfigError('stream', 'must have a write(text) method, like process.stdout');
}

/**
 * Apply defaults (option, then environment variable, then built-in default)
 * and check every field. Throws `AITracingConfigError` naming the field or
 * the environment variable; nothing else throws.
 */
export function resolveConsoleExporterOptions(
  options: ConsoleExporterOptions | undefined,
  env: NodeJS.ProcessEnv = runtimeEnvironment(),
): ResolvedConsoleExporterOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new AITracingConfigError('options', 'must be an object like { format: "pretty" }');
  }
  const given = options ?? {};
  const stream = given.stream === undefined ? defaultConsoleStream() : checkStream(given.stream);

  // Each field: the option if given, else its environment variable, else the default.
  const resolve = <T>(
    given: unknown,
    field: string,
    envName: string,
    fromOption: (field: string, value: unknown) => T,
    fromEnv: (envName: string, text: string) => T,
    fallback: T,
  ): T => {
    if (given !== undefined) return fromOption(field, given);
    const text = nonEmpty(env[envName]);
    return text === undefined ? fallback : fromEnv(envName, text);
  };
  const format = resolve(
    given.format,
    'format',
    CONSOLE_EXPORTER_ENV.format,
    (field, value) => oneOf(field, value, FORMATS),
    (name, text) => oneOf(name, text.toLowerCase(), FORMATS),
    DEFAULTS.format,
  );
  const logLevel = resolve(
    given.logLevel,
    'logLevel',
    CONSOLE_EXPORTER_ENV.logLevel,
    (field, value) => oneOf(field, value, LOG_LEVELS),
    (name, text) => oneOf(name, text.toLowerCase(), LOG_LEVELS),
    DEFAULTS.logLevel,
  );
  const showInput = resolve(
    given.showInput,
    'showInput',
    CONSOLE_EXPORTER_ENV.showInput,
    booleanOption,
    booleanFromEnv,
    DEFAULTS.showInput,
  );
  const showOutput = resolve(
    given.showOutput,
    'showOutput',
    CONSOLE_EXPORTER_ENV.showOutput,
    booleanOption,
    booleanFromEnv,
    DEFAULTS.showOutput,
  );
  const maxPreviewLength = resolve(
    given.maxPreviewLength,
    'maxPreviewLength',
    CONSOLE_EXPORTER_ENV.maxPreviewLength,
    (field, value) => positiveInteger(field, value),
    (name, text) => positiveInteger(name, Number(text)),
    DEFAULTS.maxPreviewLength,
  );

  return {
    stream,
    format,
    color: given.color !== undefined ? booleanOption('color', given.color) : detectColor(stream, env),
    showInput,
    showOutput,
    maxPreviewLength,
    logLevel,
    incompleteTraceTimeoutMs:
      given.incompleteTraceTimeoutMs === undefined
        ? DEFAULTS.incompleteTraceTimeoutMs
        : positiveInteger('incompleteTraceTimeoutMs', given.incompleteTraceTimeoutMs, MAX_TIMEOUT_MS),
    maxBufferedTraces:
      given.maxBufferedTraces === undefined
        ? DEFAULTS.maxBufferedTraces
        : positiveInteger('maxBufferedTraces', given.maxBufferedTraces),
    maxBufferedSpans:
      given.maxBufferedSpans === undefined
        ? DEFAULTS.maxBufferedSpans
        : positiveInteger('maxBufferedSpans', given.maxBufferedSpans),
  };
}
