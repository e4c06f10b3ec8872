import type { RedactionPolicy } from '@aitracing/core';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  type BatchQueueStats,
  DEFAULT_FLUSH_TIMEOUT_MS,
  runtimeEnvironment,
  safeUrl,
} from '@aitracing/core/exporter-kit';
import { type GenAiConventions, resolveGenAiConventions } from './genai-conventions';
import {
  type OtelExporterOptions,
  type ResolvedOtelExporterOptions,
  resolveOtelExporterOptions,
} from './otel-exporter-options';
import { QueuedSpanExporter } from './queued-span-exporter';
import { createResource } from './resource';
import { SpanConverter } from './span-converter';

const RESOLVED = Promise.resolve();

/**
 * Exports finished AI spans over OTLP — HTTP/protobuf (default), HTTP/JSON or
 * gRPC — with OpenTelemetry GenAI semantic conventions, to a Collector or any
 * OTLP backend.
 *
 * Owns its batching: a bounded queue (a full queue drops the newest span,
 * counted and warned once), batches sent one at a time, retried in one place
 * by status code — 408, 429, 500, 502, 503, 504, timeouts and network errors
 * — after the backend's `Retry-After` or a backoff, dropped with one logged
 * error on other failures. `exportTimeoutMs` bounds each request as a whole,
 * body included. `flush()` and `shutdown()` keep the process alive until
 * they settle, and after `shutdown()` no timer or socket of ours remains.
 * Never throws into the app; API keys never appear in logs.
 *
 * Scores (`tracing.score()`, `span.score()`) go out as short spans
 * `evaluation {name}` carrying the GenAI `gen_ai.evaluation.result` event,
 * children of the scored span, through the same queue (counted in
 * `getStats()` like spans).
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
  readonly eventTypes = [AITracingEventType.SPAN_ENDED, AITracingEventType.SCORE_ADDED] as const;
  readonly #options: ResolvedOtelExporterOptions;
  readonly #spanExporter: QueuedSpanExporter;
  readonly #conventions: GenAiConventions | undefined;
  #converter: SpanConverter | undefined;

  /** Throws `AITracingConfigError` for invalid options (naming the field, never a key). */
  /** This exporter's extra redaction (the `redaction` option), applied by core. */
  readonly redaction: RedactionPolicy | undefined;

  constructor(options: OtelExporterOptions = {}) {
    this.redaction = options.redaction;
    this.#options = resolveOtelExporterOptions(options);
    this.#conventions =
      options.conventions === undefined
        ? undefined
        : resolveGenAiConventions(runtimeEnvironment(), options.conventions);
    this.#spanExporter = new QueuedSpanExporter({ ...this.#options, label: 'otel exporter' });
  }

  /** Counters: accepted, exported, retries and drops by reason. */
  getStats(): Readonly<BatchQueueStats> {
    return this.#spanExporter.getStats();
  }

  init(options: ExporterInitOptions): void {
    this.#spanExporter.setLogger(options.logger);
    this.#converter = this.#createConverter(options.serviceName);
    for (const warning of this.#options.warnings) this.#spanExporter.logOnce(warning, warning);
    options.logger.debug(
      `otel exporter: ${this.#options.protocol} to ${safeUrl(this.#options.url)} (service ${this.#serviceName(options.serviceName)})`,
    );
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SCORE_ADDED) {
      try {
        this.#converter ??= this.#createConverter(undefined);
        this.#spanExporter.add(this.#converter.convertScore(event.score));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.#spanExporter.logOnce('convert-score', `otel exporter could not convert a score: ${reason}`);
      }
      return RESOLVED;
    }
    if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
    try {
      this.#converter ??= this.#createConverter(undefined);
      this.#spanExporter.add(this.#converter.convert(event.exportedSpan));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#spanExporter.logOnce(
        'convert',
        `otel exporter could not convert span "${event.exportedSpan.name}": ${reason}`,
      );
    }
    return RESOLVED;
  }

  /**
   * Send everything queued now, waiting at most `timeoutMs` (spans still
   * pending then stay queued). Keeps the process alive until it settles.
   */
  flush(timeoutMs?: number): Promise<void> {
    return this.#spanExporter.forceFlush(timeoutMs);
  }

  /** Send what is queued within `timeoutMs`, drop the rest (counted), close the transport. Runs once. */
  shutdown(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    return this.#spanExporter.shutdown(timeoutMs);
  }

  #serviceName(fromTracing: string | undefined): string {
    return (
      this.#options.serviceName ?? fromTracing ?? runtimeEnvironment().OTEL_SERVICE_NAME ?? 'unknown_service'
    );
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
      ...(this.#conventions === undefined ? {} : { conventions: this.#conventions }),
    });
  }
}
