import { type AITracingLogger, DefaultLogger } from '@aitracing/core';
import {
  BatchQueue,
  type BatchQueueStats,
  DEFAULT_FLUSH_TIMEOUT_MS,
  type DropReason,
  describeError,
  LogOnce,
  type SendOutcome,
  safeUrl,
} from '@aitracing/core/exporter-kit';
import type { OtlpProtocol } from './otlp-protocol';
import type { OtlpSpan } from './otlp-span';
import { createOtlpTransport, type SpanTransport } from './otlp-transport';

/** Settings of {@link QueuedSpanExporter}: where to send and how to queue. */
export interface QueuedSpanExporterOptions {
  /** Full traces URL (HTTP) or `http://host:port` (gRPC) */
  readonly url: string;
  readonly protocol: OtlpProtocol;
  /** Request headers; their values are never logged */
  readonly headers: Record<string, string>;
  readonly exportTimeoutMs: number;
  readonly compression: 'gzip' | 'none';
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly scheduledDelayMs: number;
  /** Send as soon as spans arrive instead of waiting for the delay */
  readonly immediate: boolean;
  readonly maxRetryDurationMs: number;
  /** Prefix of log lines, e.g. `otel exporter` */
  readonly label: string;
}

/**
 * Converted spans through a bounded, retrying queue to an OTLP endpoint,
 * with our own encoding and transport (HTTP/protobuf, HTTP/JSON, gRPC).
 * `add()` only queues; batches go out in order, retried with backoff (after
 * the backend's `Retry-After`) on retryable errors, and every drop is
 * counted and logged once per cause. Shared by the OTel and Langfuse
 * exporters.
 *
 * @example
 * ```ts
 * const exporter = new QueuedSpanExporter({ url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf', ... });
 * exporter.add(converter.convert(exportedSpan));
 * await exporter.shutdown();
 * ```
 */
export class QueuedSpanExporter {
  readonly #options: QueuedSpanExporterOptions;
  readonly #queue: BatchQueue<OtlpSpan>;
  readonly #log = new LogOnce(new DefaultLogger());
  #transport: SpanTransport | undefined;
  #transportFailed = false;
  #shutdownPromise: Promise<void> | undefined;

  constructor(options: QueuedSpanExporterOptions) {
    this.#options = options;
    this.#queue = new BatchQueue<OtlpSpan>(
      {
        maxQueueSize: options.maxQueueSize,
        maxBatchSize: options.maxBatchSize,
        scheduledDelayMs: options.scheduledDelayMs,
        immediate: options.immediate,
        maxRetryDurationMs: options.maxRetryDurationMs,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (spans) => this.#send(spans),
    );
  }

  /** Use aitracing's logger (given to exporters in `init`). */
  setLogger(logger: AITracingLogger): void {
    this.#log.logger = logger;
  }

  /** Counters: accepted, exported, retries and drops by reason. */
  getStats(): Readonly<BatchQueueStats> {
    return this.#queue.stats;
  }

  /** Queue one span; never blocks or throws (a full queue drops it, counted and warned once). */
  add(span: OtlpSpan): void {
    this.#queue.add(span);
  }

  /**
   * Send everything queued now; settles when the queue is empty or after
   * `timeoutMs` (spans still pending then stay queued, warned once). Keeps
   * the process alive until it settles; never rejects.
   */
  async forceFlush(timeoutMs?: number): Promise<void> {
    if (await this.#queue.flush(timeoutMs)) return;
    this.logOnce(
      'flush-timeout',
      `${this.#options.label}: flush did not finish within ${timeoutMs} ms; ${this.#queue.pending} spans stay queued`,
    );
  }

  /**
   * Send what is queued within `timeoutMs`, drop the rest (counted as
   * `shutdown` and logged before the promise settles), abort what is in
   * flight and close every socket. Runs once; never rejects.
   */
  shutdown(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.#shutdownPromise ??= (async () => {
      await this.#queue.close(timeoutMs);
      try {
        await this.#transport?.shutdown();
      } catch (error) {
        this.logOnce(
          'transport-shutdown',
          `${this.#options.label}: transport shutdown failed: ${describeError(error)}`,
        );
      }
    })();
    return this.#shutdownPromise;
  }

  /** Log `message` the first time `key` is seen; never throws. */
  logOnce(key: string, message: string, level: 'warn' | 'error' = 'warn'): void {
    this.#log[level](key, message);
  }

  async #send(spans: OtlpSpan[]): Promise<SendOutcome> {
    if (this.#transport === undefined && !this.#transportFailed) {
      try {
        this.#transport = createOtlpTransport(this.#options);
      } catch (error) {
        this.#transportFailed = true;
        this.logOnce(
          'transport',
          `${this.#options.label} cannot use ${this.#options.protocol}: ${describeError(error)}. ` +
            'For gRPC install @grpc/grpc-js.',
          'error',
        );
      }
    }
    if (this.#transport === undefined) return { status: 'failed', error: new Error('no transport') };
    return this.#transport.send(spans);
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    const { label, url, maxQueueSize, maxRetryDurationMs } = this.#options;
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    const message: Record<DropReason, string> = {
      queueFull: `${label} queue is full (${maxQueueSize} spans); new spans are dropped and counted`,
      rejected: `${label}: ${safeUrl(url)} rejected a batch of ${count} spans${detail}; not retried`,
      retriesExhausted: `${label}: dropped a batch of ${count} spans after retrying for ${maxRetryDurationMs} ms${detail}`,
      shutdown: `${label}: ${count} spans were still queued at shutdown and are dropped`,
    };
    // One line per cause, however often it happens; the counters keep the totals.
    this.logOnce(`drop:${reason}`, message[reason], reason === 'queueFull' ? 'warn' : 'error');
  }
}
