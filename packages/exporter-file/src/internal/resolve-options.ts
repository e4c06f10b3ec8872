import { resolve } from 'node:path';
import { AITracingConfigError } from '@aitracing/core';
import { FILE_EXPORTER_ENV, type FileExporterOptions } from '../file-exporter-options';

/** File exporter options with every default applied and every field checked. */
export interface ResolvedFileExporterOptions {
  readonly directory: string;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly scheduledDelayMs: number;
}

// The one place defaults live; `FileExporterOptions` documents each with `@defaultValue`.
const DEFAULTS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxFiles: 100,
  maxQueueSize: 10_000,
  maxBatchSize: 1_000,
  scheduledDelayMs: 200,
} as const;

/** Where traces go when neither the option nor `AITRACING_FILE_DIR` says. */
export const DEFAULT_TRACE_DIRECTORY = '.aitracing/traces';

// setTimeout fires at once for longer delays.
const MAX_TIMEOUT_MS = 2_147_483_647;

function integer(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new AITracingConfigError(field, `must be an integer between ${min} and ${max}`);
}

/**
 * Apply defaults (option, then environment variable, then built-in default)
 * and check every field; throws `AITracingConfigError` naming the field.
 */
export function resolveFileExporterOptions(
  options: FileExporterOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedFileExporterOptions {
  if (typeof options !== 'object' || options === null) {
    throw new AITracingConfigError('options', 'must be an object');
  }
  const fromEnv = env[FILE_EXPORTER_ENV.directory]?.trim();
  const directory = options.directory ?? (fromEnv === '' ? undefined : fromEnv) ?? DEFAULT_TRACE_DIRECTORY;
  if (typeof directory !== 'string' || directory.trim() === '') {
    throw new AITracingConfigError('directory', 'must be a non-empty path');
  }
  return {
    directory: resolve(process.cwd(), directory),
    maxFileBytes: integer('maxFileBytes', options.maxFileBytes ?? DEFAULTS.maxFileBytes, 1),
    maxTotalBytes: integer('maxTotalBytes', options.maxTotalBytes ?? DEFAULTS.maxTotalBytes, 1),
    maxFiles: integer('maxFiles', options.maxFiles ?? DEFAULTS.maxFiles, 1),
    maxQueueSize: integer('maxQueueSize', options.maxQueueSize ?? DEFAULTS.maxQueueSize, 1),
    maxBatchSize: integer('maxBatchSize', options.maxBatchSize ?? DEFAULTS.maxBatchSize, 1),
    scheduledDelayMs: integer(
      'scheduledDelayMs',
      options.scheduledDelayMs ?? DEFAULTS.scheduledDelayMs,
      0,
      MAX_TIMEOUT_MS,
    ),
  };
}
