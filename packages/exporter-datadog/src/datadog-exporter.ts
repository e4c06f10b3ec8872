import type { RedactionPolicy } from '@aitracing/core';
import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultLogger,
  type ExportedScore,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  describeError,
  endWaits,
  LogOnce,
  type PendingWaits,
  settleWithin,
} from '@aitracing/core/exporter-kit';
import { type EvaluationIntakeCounts, evaluationStats } from './datadog-evaluation-stats';
import type {
  DatadogExporterOptions,
  DatadogExporterStats,
  DatadogSpanDropReason,
} from './datadog-exporter-options';
import { resolveAgentUrl } from './internal/agent-url';
import { ApmDelivery } from './internal/apm-delivery';
import { channelStats } from './internal/channel-stats';
import { DROP_REASONS } from './internal/drop-reasons';
import { EvaluationDelivery } from './internal/evaluation-delivery';
import { LLMObsDelivery } from './internal/llmobs-delivery';
import {
  resolveEvaluationEndpoint,
  resolveLLMObsContext,
  resolveLLMObsEndpoint,
} from './internal/llmobs-endpoint';
import { type ResolvedDatadogOptions, resolveDatadogOptions } from './internal/resolve-options';
import { type ApmSink, type EmittedSpan, type LLMObsSink, SpanEmitter } from './internal/span-emitter';
import { setUpTracer } from './internal/tracer-setup';
import { mapLLMObsEvaluation } from './llmobs-evaluation-mapping';
import { TraceAssembler } from './trace-assembler';

const RESOLVED: Promise<void> = Promise.resolve();
const SPAN_EVENTS: readonly AITracingEventType[] = Object.freeze([AITracingEventType.SPAN_ENDED]);
const SPAN_AND_SCORE_EVENTS: readonly AITracingEventType[] = Object.freeze([
  AITracingEventType.SPAN_ENDED,
  AITracingEventType.SCORE_ADDED,
]);
const noop = (): void => {};
// dd-trace's own last resort when no service is configured anywhere.
const DEFAULT_SERVICE = 'aitracing';

type ExporterState = 'idle' | 'running' | 'disabled' | 'shut-down';

interface Running {
  readonly emitter: SpanEmitter;
  readonly assembler: TraceAssembler<EmittedSpan>;
  readonly sweepTimer: NodeJS.Timeout;
  /** Delivery of LLM Observability span events (modes `llmobs`, `both`) */
  readonly llmobs: LLMObsDelivery | undefined;
  /** Delivery of APM spans to the agent's trace endpoint (modes `apm`, `both`) */
  readonly apm: ApmDelivery | undefined;
  /** Delivery of scores as LLM Observability evaluations (modes `llmobs`, `both`) */
  readonly evaluations: EvaluationDelivery | undefined;
  /** The ML app evaluations are filed under */
  readonly mlApp: string;
}

/**
 * Sends aitracing spans to Datadog: to LLM Observability (default), as APM
 * spans, or both.
 *
 * Both are delivered by the exporter itself on core's delivery kit: LLM
 * Observability span events to the agent's EVP proxy or, agentless, to the
 * intake; APM spans to the agent's trace endpoint (`/v0.4/traces`,
 * MessagePack). Each channel has a bounded queue; 408, 429 (after
 * `Retry-After`), 5xx, network errors and timeouts are retried with backoff
 * for up to `maxRetryDurationMs`; every span is delivered or counted by
 * reason in {@link DatadogExporter.getStats}, and each cause is logged once.
 * `dd-trace` supplies the application's configuration (service, env,
 * version, global tags, agent URL, site); the exporter initialises it (with
 * auto-instrumentation off) only if the application has not.
 *
 * The spans of a trace are held until the root ends and then handed over as
 * a tree, each span with its exact start and end time and aitracing's own
 * ids, so that an LLM Observability span and its APM twin share their ids and
 * a trace continued from a caller (W3C `traceparent`) joins the caller's APM
 * trace; late children still attach to their parent. Held traces are bounded
 * in count, bytes and age (see {@link DatadogExporterOptions}).
 *
 * The exporter never throws into the application (configuration errors at
 * construction excepted).
 *
 * @example
 * ```ts
 * import { DefaultAITracing } from '@aitracing/core';
 * import { DatadogExporter } from '@aitracing/exporter-datadog';
 *
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support-app',
 *   exporters: [new DatadogExporter({ mlApp: 'support-bot', mode: 'both' })],
 * });
 * // ... traced work ...
 * await tracing.flush(); // at the end of a serverless invocation
 * ```
 */
export class DatadogExporter implements AITracingExporter {
  /** Exporter name, as it appears in aitracing's logs. */
  readonly name = 'datadog';
  /** Ended spans, and scores (as LLM Observability evaluations) unless the mode is `apm`. */
  readonly eventTypes: readonly AITracingEventType[];
  readonly #options: ResolvedDatadogOptions;
  readonly #log: LogOnce;
  #serviceName: string | undefined;
  #state: ExporterState = 'idle';
  #running: Running | undefined;
  #shutdownPromise: Promise<void> | undefined;
  readonly #waits: PendingWaits = new Set();
  #spansReceived = 0;
  #droppedDisabled = 0;
  #droppedAfterShutdown = 0;
  readonly #scoreCounts: EvaluationIntakeCounts = {
    received: 0,
    exporterDisabled: 0,
    afterShutdown: 0,
    mappingFailed: 0,
  };

  /**
   * @param options - every field optional; see {@link DatadogExporterOptions}
   * for defaults and the environment variables that set them.
   * @throws AITracingConfigError for an invalid option (an invalid environment
   * variable is logged once at init and the default applies)
   */
  /** This exporter's extra redaction (the `redaction` option), applied by core. */
  readonly redaction: RedactionPolicy | undefined;

  constructor(options: DatadogExporterOptions = {}) {
    this.redaction = options.redaction;
    this.#options = resolveDatadogOptions(options);
    this.#log = new LogOnce(new DefaultLogger());
    // APM has no place for scores: in mode `apm` they are never routed here.
    this.eventTypes = this.#options.mode === 'apm' ? SPAN_EVENTS : SPAN_AND_SCORE_EVENTS;
  }

  /**
   * Called by the tracing instance: keeps its logger and service name and sets
   * up dd-trace (initialising it if the application has not). Never throws.
   */
  init(options: ExporterInitOptions): void {
    this.#log.logger = options.logger;
    this.#serviceName = options.serviceName;
    for (const warning of this.#options.environmentWarnings) this.#log.warn(`env:${warning}`, warning);
    this.#start();
  }

  /**
   * Accept a `span_ended` event: hold the span until its trace can be emitted,
   * or queue it for delivery now. Never throws or rejects; returns a resolved
   * promise.
   */
  exportEvent(event: AITracingEvent): Promise<void> {
    try {
      if (event.type === AITracingEventType.SCORE_ADDED) {
        this.#addScore(event.score);
        return RESOLVED;
      }
      if (event.type !== AITracingEventType.SPAN_ENDED) return RESOLVED;
      this.#spansReceived += 1;
      const running = this.#start();
      if (running === undefined) {
        if (this.#state === 'shut-down') this.#droppedAfterShutdown += 1;
        else this.#droppedDisabled += 1;
        return RESOLVED;
      }
      running.assembler.add(event.exportedSpan);
    } catch (error) {
      this.#log.error('export', 'Datadog exporter failed to export a span: %s', describeError(error));
    }
    return RESOLVED;
  }

  /**
   * Send the queued LLM Observability span events and APM spans and wait for
   * those requests (retries included), at most `flushTimeoutMs` (or
   * `timeoutMs`, the time the tracing instance has left, when shorter); what
   * is not delivered by then stays queued. Traces whose root has not ended
   * stay held. Never rejects.
   */
  flush(timeoutMs?: number): Promise<void> {
    if (this.#state !== 'running' || this.#running === undefined) return RESOLVED;
    const limit = shorter(this.#options.flushTimeoutMs, timeoutMs);
    const running = this.#running;
    return settleWithin(
      Promise.all([
        running.apm?.flush(limit),
        running.llmobs?.flush(limit),
        running.evaluations?.flush(limit),
      ]),
      limit,
      this.#waits,
    ).then(noop);
  }

  /**
   * Emit every held trace (incomplete ones under a placeholder root), send
   * everything and wait for it, at most `shutdownTimeoutMs` (or `timeoutMs`,
   * the time the tracing instance has left, when shorter); then stop. Spans
   * still undelivered then are dropped, counted (`shutdownTimeout`) and
   * logged before the promise settles. Later spans are dropped and counted.
   * Runs once: a second call returns the first call's promise. dd-trace
   * itself keeps running: it may be your application's tracer. Never rejects.
   */
  shutdown(timeoutMs?: number): Promise<void> {
    this.#shutdownPromise ??= this.#shutDown(shorter(this.#options.shutdownTimeoutMs, timeoutMs));
    return this.#shutdownPromise;
  }

  /**
   * Counters: spans received, handed over, delivered, dropped (by reason) or
   * still unconfirmed; held traces; request outcomes; and each channel's own
   * numbers (`llmobs`, `apm`). The span counters at the top follow the LLM
   * Observability channel when it is on, else the APM channel. Drops at a
   * shutdown that timed out are counted before `shutdown()` settles.
   */
  getStats(): DatadogExporterStats {
    const running = this.#running;
    const assembler = running?.assembler.stats;
    const emitter = running?.emitter.counts;
    const llmobs = running?.llmobs === undefined ? undefined : channelStats(running.llmobs);
    const apm = running?.apm === undefined ? undefined : channelStats(running.apm);
    const primary = llmobs ?? apm;
    const delivery = primary?.spansDroppedByReason;
    const byReason: Record<DatadogSpanDropReason, number> = {
      exporterDisabled: this.#droppedDisabled,
      afterShutdown: this.#droppedAfterShutdown,
      mappingFailed: emitter?.mappingFailed ?? 0,
      lateEvent: emitter?.lateEvents ?? 0,
      agentRejected: delivery?.agentRejected ?? 0,
      retriesExhausted: delivery?.retriesExhausted ?? 0,
      queueFull: delivery?.queueFull ?? 0,
      tooLarge: delivery?.tooLarge ?? 0,
      shutdownTimeout: delivery?.shutdownTimeout ?? 0,
    };
    return {
      spansReceived: this.#spansReceived,
      spansHandedOver: emitter?.handedOver ?? 0,
      eventSpansAttached: emitter?.eventsAttached ?? 0,
      spansDelivered: primary?.spansDelivered ?? 0,
      spansUnconfirmed: (llmobs?.spansPending ?? 0) + (apm?.spansPending ?? 0),
      spansDropped: DROP_REASONS.reduce((total, reason) => total + byReason[reason], 0),
      spansDroppedByReason: byReason,
      tracesCompleted: assembler?.tracesCompleted ?? 0,
      tracesIncomplete: assembler?.tracesIncomplete ?? 0,
      tracesEvicted: assembler?.tracesEvicted ?? 0,
      lateSpans: assembler?.lateSpans ?? 0,
      heldTraces: assembler?.heldTraces ?? 0,
      heldBytes: assembler?.heldBytes ?? 0,
      requestsSucceeded: (llmobs?.requestsSucceeded ?? 0) + (apm?.requestsSucceeded ?? 0),
      requestsRejected: (llmobs?.requestsRejected ?? 0) + (apm?.requestsRejected ?? 0),
      requestsFailed: (llmobs?.requestsFailed ?? 0) + (apm?.requestsFailed ?? 0),
      llmobs,
      apm,
      evaluations: evaluationStats(this.#scoreCounts, running?.evaluations?.stats),
    };
  }

  /** Queue a score as an evaluation of its span (or of its trace's root span); never throws. */
  #addScore(score: ExportedScore): void {
    this.#scoreCounts.received += 1;
    const running = this.#start();
    if (running?.evaluations === undefined) {
      if (this.#state === 'shut-down') this.#scoreCounts.afterShutdown += 1;
      else this.#scoreCounts.exporterDisabled += 1;
      return;
    }
    try {
      running.evaluations.add(mapLLMObsEvaluation(score, running.mlApp));
    } catch (error) {
      this.#scoreCounts.mappingFailed += 1;
      this.#log.error('evaluation-map', 'Datadog exporter could not map a score: %s', describeError(error));
    }
  }

  /** Set up once, on `init` or the first span; undefined when disabled or shut down. */
  #start(): Running | undefined {
    if (this.#state !== 'idle') return this.#state === 'running' ? this.#running : undefined;
    const options = this.#options;
    if (options.agentless && !options.hasApiKey) {
      this.#state = 'disabled';
      this.#log.warn(
        'no-api-key',
        'Datadog exporter: agentless mode needs an API key (apiKey option or DD_API_KEY); the exporter is disabled',
      );
      return undefined;
    }
    const runtime = setUpTracer(options, this.#serviceName, this.#log.logger, this.#log);
    if (runtime === undefined) {
      this.#state = 'disabled';
      return undefined;
    }
    const context = resolveLLMObsContext(options, runtime.config, this.#serviceName);
    let llmobs: LLMObsDelivery | undefined;
    let llmobsSink: LLMObsSink | undefined;
    let evaluations: EvaluationDelivery | undefined;
    if (runtime.llmobs) {
      const endpoint = resolveLLMObsEndpoint(options, runtime.config);
      if (endpoint.problem !== undefined)
        this.#log.warn('agent-url', `Datadog exporter: ${endpoint.problem}`);
      const delivery = new LLMObsDelivery(endpoint, this.#log, options.maxRetryDurationMs);
      llmobs = delivery;
      llmobsSink = { context, add: (event) => delivery.add(event) };
      evaluations = new EvaluationDelivery(
        resolveEvaluationEndpoint(options, runtime.config),
        this.#log,
        options.maxRetryDurationMs,
      );
    }
    let apm: ApmDelivery | undefined;
    let apmSink: ApmSink | undefined;
    if (runtime.keepApm) {
      const agent = resolveAgentUrl(options, runtime.config);
      if (agent.problem !== undefined) this.#log.warn('agent-url', `Datadog exporter: ${agent.problem}`);
      const delivery = new ApmDelivery(agent.url, this.#log, options.maxRetryDurationMs);
      apm = delivery;
      apmSink = {
        context: {
          service: context.service ?? DEFAULT_SERVICE,
          env: context.env,
          version: context.version,
          globalTags: context.globalTags,
        },
        add: (span) => delivery.add(span),
      };
    }
    const emitter = new SpanEmitter({
      llmobs: llmobsSink,
      apm: apmSink,
      mlApp: options.mlApp,
      service: options.service,
      log: this.#log,
    });
    const assembler = new TraceAssembler<EmittedSpan>(emitter, options);
    const sweepEveryMs = Math.min(
      5_000,
      Math.max(25, Math.min(options.traceTimeoutMs, options.lateSpanWindowMs) / 4),
    );
    const sweepTimer = setInterval(() => {
      try {
        assembler.sweep();
      } catch (error) {
        this.#log.error('sweep', 'Datadog exporter failed to emit held traces: %s', describeError(error));
      }
    }, sweepEveryMs);
    sweepTimer.unref();
    this.#running = { emitter, assembler, sweepTimer, llmobs, apm, evaluations, mlApp: context.mlApp };
    this.#state = 'running';
    return this.#running;
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    const running = this.#state === 'running' ? this.#running : undefined;
    this.#state = 'shut-down';
    if (running !== undefined) {
      clearInterval(running.sweepTimer);
      try {
        running.assembler.emitAll();
      } catch (error) {
        this.#log.error('shutdown', 'Datadog exporter failed to emit held traces: %s', describeError(error));
      }
      // Each drops what is still queued at the deadline: counted and logged before shutdown settles.
      await Promise.all([
        running.apm?.close(timeoutMs),
        running.llmobs?.close(timeoutMs),
        running.evaluations?.close(timeoutMs),
      ]);
    }
    // Flushes the tracing instance stopped waiting for end here: no timer of ours outlives shutdown.
    endWaits(this.#waits);
  }
}

/** The smaller of a configured limit and a caller's time left (ignored unless a finite number). */
function shorter(limitMs: number, timeLeftMs: number | undefined): number {
  return typeof timeLeftMs === 'number' && Number.isFinite(timeLeftMs)
    ? Math.max(0, Math.min(limitMs, timeLeftMs))
    : limitMs;
}
