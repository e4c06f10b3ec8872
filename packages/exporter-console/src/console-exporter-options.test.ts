import { AITracingConfigError } from '@aitracing/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectingStream } from '../test/support';
import { ConsoleExporter } from './console-exporter';
import type { ConsoleExporterOptions } from './console-exporter-options';
import { detectColor } from './internal/color-support';
import { resolveConsoleExporterOptions } from './internal/resolve-options';

afterEach(() => {
  vi.unstubAllEnvs();
});

function configErrorOf(create: () => unknown): AITracingConfigError | undefined {
  try {
    create();
  } catch (error) {
    if (AITracingConfigError.isInstance(error)) return error;
    throw error;
  }
  return undefined;
}

describe('ConsoleExporter options', () => {
  it('works with no options at all, as core creates it for the default instance', () => {
    const exporter = new ConsoleExporter();
    expect(exporter.name).toBe('console');
    expect(exporter.eventTypes).toEqual(['span_ended', 'score_added']);
  });

  it('applies the documented defaults', () => {
    const stream = collectingStream().stream;
    expect(resolveConsoleExporterOptions({ stream }, {})).toEqual({
      stream,
      format: 'pretty',
      color: false,
      showInput: true,
      showOutput: true,
      maxPreviewLength: 100,
      logLevel: 'info',
      incompleteTraceTimeoutMs: 30_000,
      maxBufferedTraces: 1_000,
      maxBufferedSpans: 10_000,
    });
    expect(resolveConsoleExporterOptions(undefined, {}).stream).toBe(process.stdout);
  });

  it('reads format, log level, previews from the environment, and explicit options win', () => {
    const env = {
      AITRACING_CONSOLE_FORMAT: 'JSON',
      AITRACING_CONSOLE_LOG_LEVEL: 'debug',
      AITRACING_CONSOLE_SHOW_INPUT: 'false',
      AITRACING_CONSOLE_SHOW_OUTPUT: '0',
      AITRACING_CONSOLE_MAX_PREVIEW_LENGTH: '40',
    };
    expect(resolveConsoleExporterOptions({}, env)).toMatchObject({
      format: 'json',
      logLevel: 'debug',
      showInput: false,
      showOutput: false,
      maxPreviewLength: 40,
    });
    expect(
      resolveConsoleExporterOptions(
        { format: 'pretty', logLevel: 'warn', showInput: true, showOutput: true, maxPreviewLength: 10 },
        env,
      ),
    ).toMatchObject({
      format: 'pretty',
      logLevel: 'warn',
      showInput: true,
      showOutput: true,
      maxPreviewLength: 10,
    });
  });

  it.each<[ConsoleExporterOptions, string]>([
    [{ format: 'yaml' as never }, 'format'],
    [{ logLevel: 'verbose' as never }, 'logLevel'],
    [{ stream: {} as never }, 'stream'],
    [{ color: 'yes' as never }, 'color'],
    [{ showInput: 1 as never }, 'showInput'],
    [{ maxPreviewLength: 0 }, 'maxPreviewLength'],
    [{ incompleteTraceTimeoutMs: 2 ** 31 }, 'incompleteTraceTimeoutMs'],
    [{ maxBufferedTraces: 1.5 }, 'maxBufferedTraces'],
    [{ maxBufferedSpans: -1 }, 'maxBufferedSpans'],
  ])('throws AITracingConfigError naming the field for %o', (options, field) => {
    const error = configErrorOf(() => new ConsoleExporter(options));
    expect(error?.field).toBe(field);
    expect(error?.message).toContain(field);
  });

  it('throws AITracingConfigError naming the environment variable for an invalid value', () => {
    vi.stubEnv('AITRACING_CONSOLE_FORMAT', 'xml');
    const error = configErrorOf(() => new ConsoleExporter());
    expect(error?.field).toBe('AITRACING_CONSOLE_FORMAT');
    expect(error?.message).toContain("'pretty', 'json'");
    expect(
      configErrorOf(() => resolveConsoleExporterOptions({}, { AITRACING_CONSOLE_SHOW_INPUT: 'maybe' }))
        ?.field,
    ).toBe('AITRACING_CONSOLE_SHOW_INPUT');
  });
});

describe('colour detection', () => {
  const terminal = { write: () => true, isTTY: true };
  const pipe = { write: () => true };

  it('is on for a terminal and off for a pipe or file', () => {
    expect(detectColor(terminal, {})).toBe(true);
    expect(detectColor(pipe, {})).toBe(false);
  });

  it('respects NO_COLOR (any non-empty value) and TERM=dumb', () => {
    expect(detectColor(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(detectColor(terminal, { NO_COLOR: '' })).toBe(true);
    expect(detectColor(terminal, { TERM: 'dumb' })).toBe(false);
  });

  it('lets FORCE_COLOR turn colour on, even over NO_COLOR, and FORCE_COLOR=0 turn it off', () => {
    expect(detectColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(detectColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(detectColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(detectColor(terminal, { FORCE_COLOR: '0' })).toBe(false);
    expect(detectColor(terminal, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('is decided by the color option when given', () => {
    expect(resolveConsoleExporterOptions({ stream: pipe, color: true }, { NO_COLOR: '1' }).color).toBe(true);
    expect(
      resolveConsoleExporterOptions({ stream: terminal, color: false }, { FORCE_COLOR: '1' }).color,
    ).toBe(false);
  });
});
