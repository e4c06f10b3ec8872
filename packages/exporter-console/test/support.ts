import { Writable } from 'node:stream';
import { type AITracingLogger, DefaultAITracing } from '@aitracing/core';
import { ConsoleExporter } from '../src/console-exporter';
import type { ConsoleExporterOptions } from '../src/console-exporter-options';

/** A stream that keeps what is written, optionally pretending to be a terminal. */
export interface CollectingStream {
  readonly stream: Writable & { isTTY?: boolean };
  /** Everything written so far */
  text(): string;
  /** Number of `write` calls */
  writes(): number;
}

export function collectingStream(options: { isTTY?: boolean } = {}): CollectingStream {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { isTTY?: boolean };
  if (options.isTTY !== undefined) stream.isTTY = options.isTTY;
  return { stream, text: () => chunks.join(''), writes: () => chunks.length };
}

/** A logger that records every message, by level. */
export interface RecordingLogger extends AITracingLogger {
  readonly messages: Array<{ level: string; message: string }>;
}

export function recordingLogger(): RecordingLogger {
  const messages: Array<{ level: string; message: string }> = [];
  const record = (level: string) => (message: string) => {
    messages.push({ level, message });
  };
  return {
    messages,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** Replace what changes between runs (ids, durations) so output can be snapshotted. */
export function normalise(text: string): string {
  return text
    .replace(/\b[0-9a-f]{32}\b/g, '<trace-id>')
    .replace(/\b[0-9a-f]{16}\b/g, '<span-id>')
    .replace(/\d+(\.\d+)?(ms|s)\b/g, '<t>');
}

/** A tracing instance printing through a colourless console exporter into a collecting stream. */
export function setup(options: ConsoleExporterOptions = {}) {
  const output = collectingStream();
  const logger = recordingLogger();
  const exporter = new ConsoleExporter({ color: false, stream: output.stream, ...options });
  const tracing = new DefaultAITracing({ serviceName: 'support-app', exporters: [exporter], logger });
  return { output, logger, exporter, tracing };
}
