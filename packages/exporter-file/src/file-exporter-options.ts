import type { RedactionPolicy } from '@aitracing/core';
/**
 * Environment variables read when the matching option is not given
 * (explicit options always win).
 */
export const FILE_EXPORTER_ENV = {
  /** Directory the trace files are written to (relative paths are resolved against `process.cwd()`) */
  directory: 'AITRACING_FILE_DIR',
} as const;

/** Options of {@link FileExporter}. Every field is optional. */
export interface FileExporterOptions {
  /**
   * Extra redaction for this exporter's copy of each span, on top of the
   * instance-wide `SensitiveDataFilter`: `'secrets'`, `'pii'`, `'content'`
   * (no input, output or messages) or a function (see `RedactionPolicy` in
   * `@aitracing/core`). Applied by core before the span reaches this exporter.
   * @defaultValue `undefined` (the span as the instance exports it)
   */
  redaction?: RedactionPolicy;
  /**
   * Directory of the trace files, created on the first write (with a
   * `.gitignore` so traces are never committed by accident).
   * @defaultValue `AITRACING_FILE_DIR` or `.aitracing/traces` under `process.cwd()`
   */
  directory?: string;
  /**
   * A file that would grow past this size is closed and a new one started
   * (a single batch larger than this still goes into one file).
   * @defaultValue `10485760` (10 MiB)
   */
  maxFileBytes?: number;
  /**
   * Retention: after each rotation the oldest trace files of the directory
   * (from any writer) are deleted until they total at most this size.
   * @defaultValue `104857600` (100 MiB)
   */
  maxTotalBytes?: number;
  /**
   * Retention: at most this many trace files are kept in the directory;
   * the oldest go first.
   * @defaultValue `100`
   */
  maxFiles?: number;
  /**
   * Spans waiting to be written, at most; one more is dropped, counted and
   * logged once.
   * @defaultValue `10000`
   */
  maxQueueSize?: number;
  /**
   * Spans per write at most.
   * @defaultValue `1000`
   */
  maxBatchSize?: number;
  /**
   * How long an ended span waits for others to share its write.
   * @defaultValue `200`
   */
  scheduledDelayMs?: number;
}
