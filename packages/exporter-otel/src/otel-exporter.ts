import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type AITracingLogger,
  DefaultLogger,
  type ExporterInitOptions,
} from '@aitracing/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { BatchQueue, type BatchQueueStats, type DropReason } from './batch-queue';
import {
  type OtelExporterOptions,
  type ResolvedOtelExporterOptions,
  resolveOtelExporterOptions,
} from './otel-exporter-options';
import { createOtlpTransport, type SpanTransport } from './otlp-transport';
import { createResource } from './resource';
import { SpanConverter } from './span-converter';

const RESOLVED = Promise.resolve();
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 300);
  return String(error).slice(0, 300);
}

/** Strip credentials from a URL before it is logged. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '[invalid url]';
  }
}

/**
 * Exports finished AI spans over OTLP — HTTP/protobuf (default), HTTP/JSON or
 * gRPC — with OpenTelemetry GenAI semantic conventions, to a Collector or any
 * OTLP backend.
 *
 * Owns its batching: a bounded queue (a full queue drops the newest span,
 * counted and warned once), batches sent one at a time, retried with backoff
 * on 429/5xx, timeouts and network errors (the official exporter honours
 * `Retry-After`), dropped with one logged error on other failures. Never
 * throws into the app; API keys never appear in logs.
 *
 * @example
 * ```ts
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support',
 *   exporters: [new OtelExporter({ preset: { provider: 'honeycomb' } })],
 * });
 * ```
 */
export class OtelExporter implements AITracingExporter {
  readonly name = 'otel';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED] as const;
  readonly #options: ResolvedOtelExporterOptions;
  readonly #queue: BatchQueue<ReadableSpan>;
  #logger: AITracingLogger;
  #converter: SpanConverter | undefined;
  #transport: SpanTransport | undefined;
  #transportFailed = false;
  readonly #loggedCauses = new Set<string>();
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for invalid options (naming the field, never a key). */
  constructor(options: OtelExporterOptions = {}) {
    this.#options = resolveOtelExporterOptions(options);
    this.#logger = new DefaultLogger();
    this.#queue = new BatchQueue<ReadableSpan>(
      {
        maxQueueSize: this.#options.maxQueueSize,
        maxBatchSize: this.#options.maxBatchSize,
        scheduledDelayMs: this.#options.scheduledDelayMs,
        immediate: this.#options.immediate,
        maxRetryDurationMs: this.#options.maxRetryDurationMs,
        onDrop: (reason, count, error) => this.#onDrop(reason, count, error),
      },
      (spans) => this.#send(spans),
    );
  }

  /** Counters: accepted, exported, retries and drops by reason. */
  getStats(): Readonly<BatchQueueStats> {
    return this.#queue.stats;
  }

  init(options: ExporterInitOptions): void {
    this.#logger = options.logger;
    this.#converter = this.#createConverter(options.serviceName);
    this.#logger.debug(
      `otel exporter: ${this.#options.protocol} to ${safeUrl(this.#options.url)} (service ${this.#serviceName(options.serviceName)})`,
    );
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
    try {
      this.#converter ??= this.#createConverter(undefined);
      this.#queue.add(this.#converter.convert(event.exportedSpan));
    } catch (error) {
      this.#logOnce(
        'convert',
        `otel exporter could not convert span "${event.exportedSpan.name}": ${describe(error)}`,
      );
    }
    return RESOLVED;
  }

  /** Send everything queued now. Resolves when the queue is empty (or retries are still pending after a timeout). */
  async flush(): Promise<void> {
    await this.#queue.flush();
  }

  /** Send what is queued within `timeoutMs`, drop the rest (counted), close the transport. Runs once. */
  shutdown(timeoutMs: number = DEFAULT_SHUTDOWN_TIMEOUT_MS): Promise<void> {
    this.#shutdownPromise ??= (async () => {
      await this.#queue.close(timeoutMs);
      try {
        await this.#transport?.shutdown();
      } catch (error) {
        this.#logOnce('transport-shutdown', `otel exporter transport shutdown failed: ${describe(error)}`);
      }
    })();
    return this.#shutdownPromise;
  }

  #serviceName(fromTracing: string | undefined): string {
    return this.#options.serviceName ?? fromTracing ?? process.env.OTEL_SERVICE_NAME ?? 'unknown_service';
  }

  #createConverter(serviceName: string | undefined): SpanConverter {
    return new SpanConverter({
      resource: createResource({
        serviceName: this.#serviceName(serviceName),
        serviceVersion: this.#options.serviceVersion,
        environment: this.#options.environment,
        attributes: this.#options.resourceAttributes,
      }),
      captureContent: this.#options.captureContent,
      openInference: this.#options.openInference,
    });
  }

  async #send(spans: ReadableSpan[]) {
    if (this.#transport === undefined && !this.#transportFailed) {
      try {
        this.#transport = createOtlpTransport(this.#options);
      } catch (error) {
        this.#transportFailed = true;
        this.#logger.error(
          `otel exporter cannot use ${this.#options.protocol}: ${describe(error)}. ` +
            'For gRPC install @opentelemetry/exporter-trace-otlp-grpc and @grpc/grpc-js.',
        );
      }
    }
    if (this.#transport === undefined) return { status: 'failed', error: new Error('no transport') } as const;
    return this.#transport.send(spans);
  }

  #onDrop(reason: DropReason, count: number, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${describe(error)}`;
    const message: Record<DropReason, string> = {
      queueFull: `otel exporter queue is full (${this.#options.maxQueueSize} spans); new spans are dropped and counted`,
      rejected: `otel exporter: ${safeUrl(this.#options.url)} rejected a batch of ${count} spans${detail}; not retried`,
      retriesExhausted: `otel exporter: dropped a batch of ${count} spans after retrying for ${this.#options.maxRetryDurationMs} ms${detail}`,
      shutdown: `otel exporter: ${count} spans were still queued at shutdown and are dropped`,
    };
    // One line per cause, however often it happens; the counters keep the totals.
    this.#logOnce(`drop:${reason}`, message[reason], reason === 'queueFull' ? 'warn' : 'error');
  }

  #logOnce(key: string, message: string, level: 'warn' | 'error' = 'warn'): void {
    if (this.#loggedCauses.has(key)) return;
    this.#loggedCauses.add(key);
    try {
      this.#logger[level](message);
    } catch {
      // A failing logger never breaks export.
    }
  }
}
