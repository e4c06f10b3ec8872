import type { LogLevel, RedactionPolicy } from '@aitracing/core';

/** How the console exporter writes: a tree per trace, or one JSON line per span. */
export type ConsoleExporterFormat = 'pretty' | 'json';

/**
 * Where the console exporter writes: any object with a `write(text)` method,
 * such as `process.stdout`, `process.stderr`, a file stream or a `PassThrough`.
 */
export interface ConsoleExporterStream {
  /**
   * Write a chunk of text; called once per printed trace (pretty) or span
   * (json). Node streams call `callback` with the error of a failed write.
   */
  write(text: string, callback?: (error?: Error | null) => void): unknown;
  /** True for a terminal: colour is on by default then. */
  readonly isTTY?: boolean;
  /** Node writables set this after `end()`; nothing is written from then on. */
  readonly writableEnded?: boolean;
  /** Node writables set this once destroyed; nothing is written from then on. */
  readonly destroyed?: boolean;
}

/**
 * Environment variables read when the matching option is not given
 * (explicit options always win). An invalid value throws
 * `AITracingConfigError` naming the variable.
 */
export const CONSOLE_EXPORTER_ENV = {
  /** `pretty` or `json` */
  format: 'AITRACING_CONSOLE_FORMAT',
  /** `debug`, `info`, `warn`, `error` or `silent` */
  logLevel: 'AITRACING_CONSOLE_LOG_LEVEL',
  /** `true` / `1` or `false` / `0` */
  showInput: 'AITRACING_CONSOLE_SHOW_INPUT',
  /** `true` / `1` or `false` / `0` */
  showOutput: 'AITRACING_CONSOLE_SHOW_OUTPUT',
  /** A positive integer: characters per input/output preview */
  maxPreviewLength: 'AITRACING_CONSOLE_MAX_PREVIEW_LENGTH',
  /** Any non-empty value turns colour off (https://no-color.org) */
  noColor: 'NO_COLOR',
  /** Turns colour on whatever the stream; `0` or `false` turns it off. Wins over `NO_COLOR`, like in Node. */
  forceColor: 'FORCE_COLOR',
} as const;

/** Options of {@link ConsoleExporter}. Every field is optional. */
export interface ConsoleExporterOptions {
  /**
   * Extra redaction for this exporter's copy of each span, on top of the
   * instance-wide `SensitiveDataFilter`: `'secrets'`, `'pii'`, `'content'`
   * (no input, output or messages) or a function (see `RedactionPolicy` in
   * `@aitracing/core`). Applied by core before the span reaches this exporter.
   * @defaultValue `undefined` (the span as the instance exports it)
   */
  redaction?: RedactionPolicy;
  /**
   * Where to write. The exporter writes nowhere else.
   * @defaultValue `process.stdout`
   */
  stream?: ConsoleExporterStream;
  /**
   * `'pretty'` prints each finished trace as a tree; `'json'` writes one line
   * of JSON per ended span, for `jq` or a log shipper.
   * @defaultValue `AITRACING_CONSOLE_FORMAT` or `'pretty'`
   */
  format?: ConsoleExporterFormat;
  /**
   * ANSI colours in pretty output (JSON lines never have colour).
   * @defaultValue on when `FORCE_COLOR` is set (and not `0`/`false`); else off when
   * `NO_COLOR` is set or `TERM=dumb`; else on when `stream.isTTY`
   */
  color?: boolean;
  /**
   * Print a one-line preview of each span's input (pretty format).
   * @defaultValue `AITRACING_CONSOLE_SHOW_INPUT` or `true`
   */
  showInput?: boolean;
  /**
   * Print a one-line preview of each span's output (pretty format).
   * @defaultValue `AITRACING_CONSOLE_SHOW_OUTPUT` or `true`
   */
  showOutput?: boolean;
  /**
   * Characters per input/output preview; longer previews end with `…`.
   * @defaultValue `AITRACING_CONSOLE_MAX_PREVIEW_LENGTH` or `100`
   */
  maxPreviewLength?: number;
  /**
   * How much to print. `debug`: every span, event spans one by one, span ids,
   * metadata and error stacks. `info`: every trace, repeated event spans
   * (stream chunks) folded into one line. `warn`: only traces with an error,
   * an incomplete trace or dropped spans. `error`: only traces with an error.
   * `silent`: nothing. In JSON format, `warn` and `error` keep only spans
   * with an error.
   * @defaultValue `AITRACING_CONSOLE_LOG_LEVEL` or `'info'`
   */
  logLevel?: LogLevel;
  /**
   * A trace whose root has not ended is printed, marked incomplete, once none
   * of its spans has ended for this long.
   * @defaultValue `30000`
   */
  incompleteTraceTimeoutMs?: number;
  /**
   * Most traces waiting for their root (pretty format). Past it, the trace
   * idle the longest is printed early, marked incomplete.
   * @defaultValue `1000`
   */
  maxBufferedTraces?: number;
  /**
   * Most spans waiting for their trace's root, over all traces (pretty
   * format). Past it, the trace idle the longest is printed early; when the
   * arriving span's own trace holds them all, the span is dropped, counted,
   * and the first drop is logged once.
   * @defaultValue `10000`
   */
  maxBufferedSpans?: number;
}
