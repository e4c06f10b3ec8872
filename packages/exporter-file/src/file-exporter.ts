import type { RedactionPolicy } from '@aitracing/core';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type AITracingLogger,
  type ExportedAISpan,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  BatchQueue,
  type BatchQueueStats,
  DEFAULT_FLUSH_TIMEOUT_MS,
  type DropReason,
  describeError,
  LogOnce,
  type SendOutcome,
} from '@aitracing/core/exporter-kit';
import type { FileExporterOptions } from './file-exporter-options';
import { type ResolvedFileExporterOptions, resolveFileExporterOptions } from './internal/resolve-options';
import { TraceFileWriter } from './internal/trace-file-writer';
import { formatTraceRecord } from './store/trace-record';

const RESOLVED = Promise.resolve();
const ignore = (): void => {};
// Until `init` hands over aitracing's logger, our own problems go nowhere.
const SILENT: AITracingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
// File-system errors that pass: worth retrying the batch later.
const RETRYABLE_CODES = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'EINTR']);

/**
 * Writes every ended span as one JSON line to a local directory
 * (`.aitracing/traces/` under the working directory by default), where
 * `aitracing view` (`@aitracing/viewer`) shows them. See the package README
 * for the file format.
 *
 * Each exporter writes files of its own, so any number of processes can
 * share the directory: nothing interleaves, nothing is lost. Files rotate at
 * `maxFileBytes`; the oldest go once the directory passes `maxTotalBytes` or
 * `maxFiles`. Spans are queued (bounded, counted when dropped) and written
 * in batches off the hot path; `flush()` and `shutdown()` keep the process
 * alive until the spans are on disk, and core flushes on exit. What is
 * written is core's snapshot, already redacted. Never throws after
 * construction.
 *
 * @example
 * ```ts
 * import { DefaultAITracing } from '@aitracing/core';
 * import { FileExporter } from '@aitracing/exporter-file';
 *
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support-app',
 *   exporters: [new FileExporter()],
 * });
 * ```
 */
export class FileExporter implements AITracingExporter {
  /** Exporter name, `file`. */
  readonly name = 'file';
  /** Only ended spans are written: core skips building start and update snapshots. */
  readonly eventTypes: readonly AITracingEventType[] = [AITracingEventType.SPAN_ENDED];
  readonly #options: ResolvedFileExporterOptions;
  readonly #queue: BatchQueue<ExportedAISpan>;
  readonly #writer: TraceFileWriter;
  readonly #log = new LogOnce(SILENT);
  #service = '';
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` naming the field for an invalid option; nothing else ever throws. */
  /** This exporter's extra redaction (the `redaction` option), applied by core. */
  readonly redaction: RedactionPolicy | undefined;

  constructor(options?: FileExporterOptions) {
    this.redaction = options?.redaction;
    this.#options = resolveFileExporterOptions(options);
    this.#writer = new TraceFileWriter(this.#options);
    this.#queue = new BatchQueue<ExportedAISpan>(
      {
        maxQueueSize: this.#options.maxQueueSize,
        maxBatchSize: this.#options.maxBatchSize,
        scheduledDelayMs: this.#options.scheduledDelayMs,
        immediate: false,
        maxRetryDurationMs: 30_000,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (spans) => this.#write(spans),
    );
  }

  /** The directory written to (absolute). */
  get directory(): string {
    return this.#options.directory;
  }

  /** Counters: spans accepted, written, and dropped by reason. */
  getStats(): Readonly<BatchQueueStats> {
    return this.#queue.stats;
  }

  /** Keeps aitracing's logger (for our own problems) and the service name (written with each span). */
  init(options: ExporterInitOptions): void {
    this.#log.logger = options.logger;
    this.#service = options.serviceName;
  }

  /** Queue an ended span. Returns a resolved promise; never throws or rejects. */
  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SPAN_ENDED) this.#queue.add(event.exportedSpan);
    return RESOLVED;
  }

  /**
   * Write everything queued now; settles when it is on disk or after
   * `timeoutMs` (what is left stays queued, warned once). Never rejects.
   */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    if (await this.#queue.flush(timeoutMs)) return;
    this.#log.warn(
      'flush-timeout',
      `file exporter: flush did not finish within ${timeoutMs} ms; ${this.#queue.pending} spans stay queued`,
    );
  }

  /**
   * Write what is queued within `timeoutMs`, drop the rest (counted as
   * `shutdown`, logged before the promise settles) and close the file. Runs
   * once; never rejects.
   */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.#shutdownPromise ??= (async () => {
      await this.#queue.close(timeoutMs);
      try {
        await this.#writer.close();
      } catch (error) {
        this.#log.warn('close', `file exporter: closing the trace file failed: ${describeError(error)}`);
      }
    })();
    return this.#shutdownPromise;
  }

  async #write(spans: ExportedAISpan[]): Promise<SendOutcome> {
    const lines: string[] = [];
    for (const span of spans) {
      try {
        lines.push(formatTraceRecord(span, this.#service));
      } catch (error) {
        this.#log.warn(
          'serialise',
          `file exporter: span "${span.name}" could not be serialised (${describeError(error)}); skipped`,
        );
      }
    }
    if (lines.length === 0) return { status: 'success' };
    try {
      await this.#writer.append(Buffer.from(lines.join(''), 'utf8'));
      return { status: 'success' };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return typeof code === 'string' && RETRYABLE_CODES.has(code)
        ? { status: 'retryable', error }
        : { status: 'failed', error };
    }
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    const { directory, maxQueueSize } = this.#options;
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    const message: Record<DropReason, string> = {
      queueFull: `file exporter: queue is full (${maxQueueSize} spans); new spans are dropped and counted`,
      rejected: `file exporter: could not write ${count} spans to ${directory}${detail}`,
      retriesExhausted: `file exporter: gave up writing ${count} spans to ${directory}${detail}`,
      shutdown: `file exporter: ${count} spans were still queued at shutdown and are dropped`,
    };
    this.#log.error(`drop:${reason}`, message[reason]);
  }
}
