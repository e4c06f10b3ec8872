import type { RedactionPolicy } from '@aitracing/core';
import {
  AISpanType,
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultLogger,
  type ExportedScore,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  type BatchQueueStats,
  basicAuthorization,
  DEFAULT_FLUSH_TIMEOUT_MS,
  describeError,
  LogOnce,
  runtimeEnvironment,
} from '@aitracing/core/exporter-kit';
import { createResource, QueuedSpanExporter, SpanConverter } from '@aitracing/exporter-otel';
import { CompletionStartTracker } from './completion-start-tracker';
import { maskAttributes } from './internal/mask-attributes';
import { ScoreDelivery } from './internal/score-delivery';
import { mapLangfuse } from './langfuse-attributes';
import {
  type LangfuseExporterOptions,
  type ResolvedLangfuseExporterOptions,
  resolveLangfuseExporterOptions,
} from './langfuse-exporter-options';
import { type LangfuseScoreBody, mapLangfuseScore } from './langfuse-score-mapping';

const RESOLVED = Promise.resolve();
const EVENT_TYPES = [AITracingEventType.SPAN_ENDED, AITracingEventType.SCORE_ADDED] as const;

/** Counters of the span queue, with those of the score queue under `scores`. */
export interface LangfuseExporterStats extends BatchQueueStats {
  /** Scores: accepted, exported (acknowledged by Langfuse), retries and drops by reason */
  readonly scores: Readonly<BatchQueueStats>;
}

/** A score for a trace or one of its spans (`spanId`), as Langfuse stores it. */
export interface TraceScore {
  /** The AI trace id (the Langfuse trace id is the same) */
  traceId: string;
  /** Score one observation (span) of the trace instead of the whole trace */
  spanId?: string;
  /** The score value */
  score: number;
  /** Why: shown as the score's comment */
  reason?: string;
  /** Name of the score (e.g. `helpfulness`) */
  scorerName: string;
  /** Extra data stored with the score */
  metadata?: Record<string, unknown>;
}

/**
 * Exports AI traces to Langfuse so they look native there: one Langfuse trace
 * per AI trace (same id, named after the root, with user, session, tags,
 * release, environment, metadata, input and output), observations typed from
 * span types (generation, embedding, agent, tool, chain, span, event) with
 * model, parameters, usage, cost, completion start time and prompt, errors
 * as level ERROR.
 *
 * Spans go to Langfuse's OTLP endpoint (`{baseUrl}/api/public/otel/v1/traces`)
 * through `@aitracing/exporter-otel`'s converter, OTLP/protobuf encoder and
 * bounded, retrying queue, with Langfuse's `langfuse.*` attributes and the
 * optional masking hook applied at conversion; no OpenTelemetry SDK is
 * involved. Scores (`score_added` events, from `tracing.score()` or
 * `span.score()`) go to `POST {baseUrl}/api/public/scores` through their own
 * bounded, retrying kit queue, counted in `getStats().scores`. Missing keys:
 * one warning and a disabled exporter, never an error in the app.
 *
 * @example
 * ```ts
 * const langfuse = new LangfuseExporter({ environment: 'production' }); // LANGFUSE_* env variables
 * const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [langfuse] });
 * ```
 */
export class LangfuseExporter implements AITracingExporter {
  readonly name = 'langfuse';
  readonly eventTypes = EVENT_TYPES;
  readonly #options: ResolvedLangfuseExporterOptions;
  readonly #spanExporter: QueuedSpanExporter | undefined;
  readonly #scores: ScoreDelivery | undefined;
  readonly #completionStarts = new CompletionStartTracker();
  readonly #log = new LogOnce(new DefaultLogger());
  #converter: SpanConverter | undefined;
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for malformed options; missing keys only disable the exporter. */
  /** This exporter's extra redaction (the `redaction` option), applied by core. */
  readonly redaction: RedactionPolicy | undefined;

  constructor(options: LangfuseExporterOptions = {}) {
    this.redaction = options.redaction;
    this.#options = resolveLangfuseExporterOptions(options);
    const credentials = this.#options.credentials;
    if (credentials === undefined) return;
    const authorization = basicAuthorization(credentials.publicKey, credentials.secretKey);
    this.#spanExporter = new QueuedSpanExporter({
      url: `${this.#options.baseUrl}/api/public/otel/v1/traces`,
      protocol: 'http/protobuf',
      headers: {
        authorization,
        'x-langfuse-ingestion-version': '4',
        'x-langfuse-public-key': credentials.publicKey,
      },
      exportTimeoutMs: this.#options.exportTimeoutMs,
      compression: 'none',
      maxQueueSize: this.#options.maxQueueSize,
      maxBatchSize: Math.min(this.#options.flushAt, this.#options.maxQueueSize),
      scheduledDelayMs: this.#options.flushIntervalMs,
      immediate: this.#options.immediate,
      maxRetryDurationMs: this.#options.maxRetryDurationMs,
      label: 'langfuse exporter',
    });
    this.#scores = new ScoreDelivery({
      url: `${this.#options.baseUrl}/api/public/scores`,
      headers: { authorization },
      exportTimeoutMs: this.#options.exportTimeoutMs,
      maxRetryDurationMs: this.#options.maxRetryDurationMs,
      maxQueueSize: this.#options.maxQueueSize,
      scheduledDelayMs: this.#options.flushIntervalMs,
      immediate: this.#options.immediate,
      log: this.#log,
    });
  }

  /** Whether keys were found; a disabled exporter drops everything (after one warning). */
  get isEnabled(): boolean {
    return this.#spanExporter !== undefined;
  }

  /**
   * Counters of the span queue (accepted, exported, retries, drops by
   * reason) and, under `scores`, of the score queue. Undefined when the
   * exporter is disabled (no keys).
   */
  getStats(): LangfuseExporterStats | undefined {
    if (this.#spanExporter === undefined || this.#scores === undefined) return undefined;
    return { ...this.#spanExporter.getStats(), scores: this.#scores.stats };
  }

  init(options: ExporterInitOptions): void {
    this.#log.logger = options.logger;
    this.#spanExporter?.setLogger(options.logger);
    this.#converter = this.#createConverter(options.serviceName);
    for (const warning of this.#options.warnings) this.#logOnce(warning, warning);
    if (!this.isEnabled) this.#warnDisabled();
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SCORE_ADDED) {
      this.#addScore(event.score);
      return RESOLVED;
    }
    if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
    if (this.#spanExporter === undefined) {
      this.#warnDisabled();
      return RESOLVED;
    }
    try {
      const span = event.exportedSpan;
      if (span.type === AISpanType.LLM_CHUNK && span.parentSpanId !== undefined) {
        this.#completionStarts.recordChunk(span.parentSpanId, span.startTime);
        if (!this.#options.exportChunkEvents) return RESOLVED;
      }
      this.#converter ??= this.#createConverter(undefined);
      this.#spanExporter.add(this.#converter.convert(span));
    } catch (error) {
      this.#logOnce(
        'convert',
        `langfuse exporter could not convert span "${event.exportedSpan.name}": ${describeError(error)}`,
      );
    }
    return RESOLVED;
  }

  /**
   * Send every pending span and score now, waiting at most `timeoutMs`
   * (spans still pending then stay queued, warned once). Keeps the process
   * alive until it settles; never rejects. Await it at the end of a
   * serverless handler.
   */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    const [, scoresIdle] = await Promise.all([
      this.#spanExporter?.forceFlush(timeoutMs),
      this.#scores?.flush(timeoutMs),
    ]);
    if (scoresIdle === false) {
      this.#logOnce(
        'score-flush-timeout',
        `langfuse exporter: scores still pending after ${timeoutMs} ms stay queued`,
      );
    }
  }

  /**
   * Flush within `timeoutMs`, then close: spans still pending are dropped,
   * counted (`getStats().dropped.shutdown`) and logged once before the
   * promise settles, and no timer or socket of ours is left. Runs once.
   */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.#shutdownPromise ??= Promise.all([
      this.#spanExporter?.shutdown(timeoutMs),
      this.#scores?.close(timeoutMs),
    ]).then(() => undefined);
    return this.#shutdownPromise;
  }

  /**
   * Create a Langfuse score for a trace (or one span of it). Prefer
   * `tracing.score()` / `span.score()`, which reach every exporter; this
   * queues the score on the same bounded, retrying score queue and resolves
   * once it is delivered or dropped (counted), at most `exportTimeoutMs`
   * later. Never rejects.
   */
  async addScoreToTrace(score: TraceScore): Promise<void> {
    const scores = this.#scores;
    if (scores === undefined) {
      this.#warnDisabled();
      return;
    }
    const body: LangfuseScoreBody = {
      id: randomHexId(),
      traceId: score.traceId,
      ...(score.spanId === undefined ? {} : { observationId: score.spanId }),
      name: score.scorerName,
      value: score.score,
      dataType: 'NUMERIC',
      ...(score.reason === undefined ? {} : { comment: score.reason }),
      ...(score.metadata === undefined ? {} : { metadata: score.metadata }),
      ...(this.#options.environment === undefined ? {} : { environment: this.#options.environment }),
    };
    scores.add(body);
    await scores.flush(this.#options.exportTimeoutMs);
  }

  #addScore(score: ExportedScore): void {
    if (this.#scores === undefined) {
      this.#warnDisabled();
      return;
    }
    try {
      this.#scores.add(mapLangfuseScore(score, this.#options.environment));
    } catch (error) {
      this.#logOnce(
        'score-map',
        `langfuse exporter could not map score "${score.name}": ${describeError(error)}`,
      );
    }
  }

  #createConverter(serviceName: string | undefined): SpanConverter {
    return new SpanConverter({
      // No `service.version` from `release`: Langfuse reads `service.version` as the observation's
      // `version` (OtelIngestionProcessor), a different field from `langfuse.release`.
      resource: createResource({
        serviceName: serviceName ?? runtimeEnvironment().OTEL_SERVICE_NAME ?? 'unknown_service',
        ...(this.#options.environment === undefined ? {} : { environment: this.#options.environment }),
      }),
      // Content travels in langfuse.observation.input/output; no second copy in gen_ai.* attributes.
      captureContent: false,
      spanNames: 'original',
      extraAttributes: (span) => {
        const attributes = mapLangfuse(span, {
          environment: this.#options.environment,
          release: this.#options.release,
          completionStartTime:
            span.type === AISpanType.LLM_GENERATION ? this.#completionStarts.take(span.id) : undefined,
        });
        if (this.#options.mask !== undefined) {
          const failure = maskAttributes(attributes, this.#options.mask);
          if (failure !== undefined) {
            this.#logOnce(
              'mask',
              // The error's name only: its message may quote the data being masked.
              `langfuse exporter: the mask function failed (${failure instanceof Error ? failure.name : typeof failure}); values were fully masked`,
            );
          }
        }
        return attributes;
      },
    });
  }

  #warnDisabled(): void {
    this.#log.warn(
      'disabled',
      'langfuse exporter is disabled: set publicKey and secretKey (or LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY)',
    );
  }

  #logOnce(key: string, message: string): void {
    this.#log.warn(key, message);
  }
}

// 16 random bytes as hex, from Web Crypto (present in Node, edge runtimes and browsers).
function randomHexId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
