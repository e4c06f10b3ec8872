import type { RedactionPolicy } from '@aitracing/core';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type AITracingLogger,
  type ExportedScore,
  type ExporterInitOptions,
} from '@aitracing/core';
import { describeError, LogOnce, safeLog } from '@aitracing/core/exporter-kit';
import type { ConsoleExporterOptions } from './console-exporter-options';
import { createPalette } from './internal/colors';
import { formatScoreJson, formatScoreLine } from './internal/context-details';
import { formatSpanLine, keepsSpanLine } from './internal/json-format';
import { formatTrace, type PrettyFormatOptions } from './internal/pretty-format';
import {
  type ResolvedConsoleExporterOptions,
  resolveConsoleExporterOptions,
} from './internal/resolve-options';
import { type ReadyTrace, TraceBuffer } from './internal/trace-buffer';

const RESOLVED = Promise.resolve();

interface ErrorEmitter {
  listenerCount(event: 'error'): number;
  once(event: 'error', listener: () => void): unknown;
}

const ignore = (): void => {};

// Until `init` hands over aitracing's logger, our own problems go nowhere.
const SILENT: AITracingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * Prints traces for development: in `'pretty'` format each finished trace is
 * a tree (span types, names, durations, model, tokens, cost, tool ids,
 * workflow statuses, errors in red, user/session/tags, prompt name@version,
 * and per-trace totals) printed once its root span ends; in `'json'` format
 * every ended span is one line of JSON. Scores print as one line each when
 * they arrive.
 *
 * Writes only to the stream it is given (`process.stdout` by default).
 * Never throws after construction: a failing stream or formatter is logged
 * once through aitracing's logger. Memory stays bounded: traces whose root
 * never ends are printed, marked incomplete, after `incompleteTraceTimeoutMs`,
 * on `flush()` / `shutdown()`, or early when the buffer is full.
 *
 * @example
 * ```ts
 * import { DefaultAITracing } from '@aitracing/core';
 * import { ConsoleExporter } from '@aitracing/exporter-console';
 *
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support-app',
 *   exporters: [new ConsoleExporter()],
 * });
 * ```
 */
export class ConsoleExporter implements AITracingExporter {
  /** Exporter name, `console`. */
  readonly name = 'console';
  /** Ended spans and scores: core skips building start and update snapshots. */
  readonly eventTypes: readonly AITracingEventType[] = [
    AITracingEventType.SPAN_ENDED,
    AITracingEventType.SCORE_ADDED,
  ];
  readonly #options: ResolvedConsoleExporterOptions;
  readonly #buffer: TraceBuffer | undefined;
  readonly #reported = new LogOnce(SILENT);
  #prettyOptions: PrettyFormatOptions;
  #shutdownPromise: Promise<void> | undefined;

  /**
   * Throws `AITracingConfigError` (naming the option or environment variable)
   * for an invalid option; nothing else ever throws.
   */
  /** This exporter's extra redaction (the `redaction` option), applied by core. */
  readonly redaction: RedactionPolicy | undefined;

  constructor(options?: ConsoleExporterOptions) {
    this.redaction = options?.redaction;
    this.#options = resolveConsoleExporterOptions(options);
    const { format, logLevel } = this.#options;
    this.#prettyOptions = {
      palette: createPalette(this.#options.color),
      showInput: this.#options.showInput,
      showOutput: this.#options.showOutput,
      maxPreviewLength: this.#options.maxPreviewLength,
      logLevel,
      incompleteTraceTimeoutMs: this.#options.incompleteTraceTimeoutMs,
    };
    this.#buffer =
      format === 'pretty' && logLevel !== 'silent'
        ? new TraceBuffer({
            incompleteTraceTimeoutMs: this.#options.incompleteTraceTimeoutMs,
            maxBufferedTraces: this.#options.maxBufferedTraces,
            maxBufferedSpans: this.#options.maxBufferedSpans,
            onTrace: (trace) => this.#printTrace(trace),
            onFirstDrop: (traceId) =>
              this.#log(
                'warn',
                `console exporter: buffer full (maxBufferedSpans ${this.#options.maxBufferedSpans}) with spans of ` +
                  `trace ${traceId} alone; further spans of it are dropped and counted in its printed totals`,
              ),
          })
        : undefined;
  }

  /** Keeps aitracing's logger (for its own problems) and the service name (for trace headers). */
  init(options: ExporterInitOptions): void {
    this.#reported.logger = options.logger;
    this.#prettyOptions = { ...this.#prettyOptions, serviceName: options.serviceName };
  }

  /** Print or buffer an ended span. Returns a resolved promise; never throws or rejects. */
  exportEvent(event: AITracingEvent): Promise<void> {
    try {
      if (this.#shutdownPromise !== undefined) return RESOLVED;
      if (event.type === AITracingEventType.SCORE_ADDED) {
        this.#printScore(event.score);
        return RESOLVED;
      }
      if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
      const span = event.exportedSpan;
      if (this.#buffer !== undefined) {
        this.#buffer.add(span);
      } else if (this.#options.format === 'json' && keepsSpanLine(span, this.#options.logLevel)) {
        const line = formatSpanLine(span);
        if (line === undefined) {
          this.#logOnce(
            'serialise',
            'warn',
            `console exporter: span "${span.name}" could not be serialised; skipped`,
          );
        } else {
          this.#write(line);
        }
      }
    } catch (error) {
      this.#logOnce('export', 'error', `console exporter: could not print a span: ${describeError(error)}`);
    }
    return RESOLVED;
  }

  /**
   * Print every buffered trace now, those whose root has not ended marked
   * incomplete (`AITracing.flush()` calls this after delivering pending
   * events). Never rejects.
   */
  flush(): Promise<void> {
    try {
      this.#buffer?.releaseAll('flush');
    } catch (error) {
      this.#logOnce('flush', 'error', `console exporter: flush failed: ${describeError(error)}`);
    }
    return RESOLVED;
  }

  /**
   * Print every buffered trace (marked incomplete) and stop the timer. Runs
   * once: later calls return the first call's promise, and later events are
   * ignored. Never rejects.
   */
  shutdown(): Promise<void> {
    if (this.#shutdownPromise !== undefined) return this.#shutdownPromise;
    try {
      this.#buffer?.releaseAll('shutdown');
      this.#buffer?.stop();
    } catch (error) {
      this.#logOnce('shutdown', 'error', `console exporter: shutdown failed: ${describeError(error)}`);
    }
    this.#shutdownPromise = RESOLVED;
    return this.#shutdownPromise;
  }

  // A score is printed when it arrives (at log level info or debug), in the output format.
  #printScore(score: ExportedScore): void {
    const { format, logLevel } = this.#options;
    if (logLevel !== 'info' && logLevel !== 'debug') return;
    const line =
      format === 'json' ? formatScoreJson(score) : formatScoreLine(score, this.#prettyOptions.palette);
    if (line !== undefined) this.#write(line);
  }

  #printTrace(trace: ReadyTrace): void {
    try {
      const text = formatTrace(trace, this.#prettyOptions);
      if (text !== undefined) this.#write(text);
    } catch (error) {
      this.#logOnce(
        'format',
        'error',
        `console exporter: could not print trace ${trace.traceId}: ${describeError(error)}`,
      );
    }
  }

  #write(text: string): void {
    const { stream } = this.#options;
    if (stream.writableEnded === true || stream.destroyed === true) {
      this.#logOnce(
        'closed',
        'warn',
        'console exporter: the output stream is closed; traces are not printed',
      );
      return;
    }
    try {
      stream.write(text, this.#onWritten);
    } catch (error) {
      this.#logOnce(
        'write',
        'error',
        `console exporter: writing to the output stream failed: ${describeError(error)}`,
      );
    }
  }

  // Like Node's console: a failed write (EPIPE when piped to `head`) must not
  // crash the app through an unhandled 'error' event. Node calls this callback
  // before it emits 'error', so a listener added here catches it.
  readonly #onWritten = (error?: Error | null): void => {
    if (error === undefined || error === null) return;
    const emitter = this.#options.stream as Partial<ErrorEmitter>;
    if (typeof emitter.listenerCount === 'function' && typeof emitter.once === 'function') {
      if (emitter.listenerCount('error') === 0) emitter.once('error', ignore);
    }
    this.#logOnce(
      'write',
      'warn',
      `console exporter: writing to the output stream failed: ${describeError(error)}`,
    );
  };

  #logOnce(key: string, level: 'warn' | 'error', message: string): void {
    this.#reported[level](key, message);
  }

  #log(level: 'warn' | 'error', message: string): void {
    safeLog(this.#reported.logger, level, message);
  }
}
