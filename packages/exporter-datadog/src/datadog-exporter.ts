import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultLogger,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  describeError,
  endWaits,
  LogOnce,
  type PendingWaits,
  settleWithin,
} from '@aitracing/core/exporter-kit';
import type {
  DatadogExporterOptions,
  DatadogExporterStats,
  DatadogSpanDropReason,
} from './datadog-exporter-options';
import { LLMObsDelivery } from './internal/llmobs-delivery';
import { resolveLLMObsContext, resolveLLMObsEndpoint } from './internal/llmobs-endpoint';
import { type RequestFailure, RequestMonitor } from './internal/request-monitor';
import { type ResolvedDatadogOptions, resolveDatadogOptions } from './internal/resolve-options';
import { type EmittedSpan, SpanEmitter } from './internal/span-emitter';
import { DROP_REASONS, SpanLedger } from './internal/span-ledger';
import { type DatadogRuntime, setUpTracer } from './internal/tracer-setup';
import { TraceAssembler } from './trace-assembler';

const RESOLVED: Promise<void> = Promise.resolve();
const EVENT_TYPES: readonly AITracingEventType[] = Object.freeze([AITracingEventType.SPAN_ENDED]);
const noop = (): void => {};
// Paths of dd-trace's payloads that carry our APM spans.
const APM_SPAN_PATHS = ['/v0.4/traces', '/v0.5/traces'];

type ExporterState = 'idle' | 'running' | 'disabled' | 'shut-down';

interface Running {
  readonly runtime: DatadogRuntime;
  readonly emitter: SpanEmitter;
  readonly assembler: TraceAssembler<EmittedSpan>;
  readonly sweepTimer: NodeJS.Timeout;
  /** Delivery of APM spans by dd-trace, confirmed from its requests (mode `apm`) */
  readonly ledger: SpanLedger;
  /** Our own delivery of LLM Observability span events (modes `llmobs`, `both`) */
  readonly llmobs: LLMObsDelivery | undefined;
}

/**
 * Sends aitracing spans to Datadog: to LLM Observability (default), as APM
 * spans, or both.
 *
 * LLM Observability span events are built here and delivered by core's
 * delivery kit (a bounded queue; 408, 429, 5xx and network errors retried
 * with backoff and `Retry-After` for up to `maxRetryDurationMs`) to the agent's EVP proxy or,
 * agentless, to the intake. APM spans go through `dd-trace`, which also
 * supplies the application's configuration (service, env, version, agent).
 *
 * dd-trace picks its own span ids and needs a parent before its children, so
 * the spans of a trace are held until the root ends and then handed over as a
 * tree, each span with its exact start and end time; late children still
 * attach to their parent. Held traces are bounded in count, bytes and age
 * (see {@link DatadogExporterOptions}); whatever is emitted early or dropped
 * is counted in {@link DatadogExporter.getStats}.
 *
 * If the application already initialised dd-trace, that tracer is reused;
 * otherwise the exporter initialises it with auto-instrumentation off. The
 * exporter never throws into the application (configuration errors at
 * construction excepted): failures are logged once per cause through the
 * tracing instance's logger. For APM spans, dd-trace retries only network
 * errors and drops a payload the agent answers with an HTTP error.
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
  /** Only ended spans are exported. */
  readonly eventTypes: readonly AITracingEventType[] = EVENT_TYPES;
  readonly #options: ResolvedDatadogOptions;
  readonly #log: LogOnce;
  // dd-trace logs its own delivery failures only in debug mode: report them here, once per cause.
  readonly #monitor = new RequestMonitor((failure) => this.#reportFailure(failure), {
    started: (request, path) => this.#running?.ledger.started(request, path),
    answered: (request, ok) => this.#running?.ledger.answered(request, ok),
    failed: (request) => this.#running?.ledger.failed(request),
  });
  #serviceName: string | undefined;
  #state: ExporterState = 'idle';
  #running: Running | undefined;
  #shutdownPromise: Promise<void> | undefined;
  readonly #waits: PendingWaits = new Set();
  #spansReceived = 0;
  #droppedDisabled = 0;
  #droppedAfterShutdown = 0;

  /**
   * @param options - every field optional; see {@link DatadogExporterOptions}
   * for defaults and the environment variables that set them.
   * @throws AITracingConfigError for an invalid option (an invalid environment
   * variable is logged once at init and the default applies)
   */
  constructor(options: DatadogExporterOptions = {}) {
    this.#options = resolveDatadogOptions(options);
    this.#log = new LogOnce(new DefaultLogger());
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
   * or hand it to dd-trace now. Never throws or rejects; returns a resolved
   * promise.
   */
  exportEvent(event: AITracingEvent): Promise<void> {
    try {
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
   * Send the queued LLM Observability span events and make dd-trace send the
   * APM traces it holds, and wait for those requests (retries included), at
   * most `flushTimeoutMs` (or `timeoutMs`, the time the tracing instance has
   * left, when shorter); what is not delivered by then stays queued. Traces
   * whose root has not ended stay held. Never rejects.
   */
  flush(timeoutMs?: number): Promise<void> {
    if (this.#state !== 'running' || this.#running === undefined) return RESOLVED;
    const limit = shorter(this.#options.flushTimeoutMs, timeoutMs);
    const running = this.#running;
    return settleWithin(
      Promise.all([this.#deliverApm(running), running.llmobs?.flush(limit)]),
      limit,
      this.#waits,
    ).then(noop);
  }

  /**
   * Emit every held trace (incomplete ones under a placeholder root), send
   * everything and wait for it, at most `shutdownTimeoutMs` (or `timeoutMs`,
   * the time the tracing instance has left, when shorter); then stop. LLM
   * Observability spans still undelivered then are dropped and counted
   * (`shutdownTimeout`) before the promise settles. Later spans are dropped and counted. Runs once: a second call
   * returns the first call's promise. dd-trace itself keeps running: it may be
   * your application's tracer. Never rejects.
   */
  shutdown(timeoutMs?: number): Promise<void> {
    this.#shutdownPromise ??= this.#shutDown(shorter(this.#options.shutdownTimeoutMs, timeoutMs));
    return this.#shutdownPromise;
  }

  /**
   * Counters: spans received, handed over, delivered, dropped (by reason) or
   * still unconfirmed — LLM Observability spans when that is on (from the
   * delivery queue), else APM spans (from dd-trace's requests); held traces;
   * request outcomes. Drops at a shutdown that timed out are counted before
   * `shutdown()` settles.
   */
  getStats(): DatadogExporterStats {
    const assembler = this.#running?.assembler.stats;
    const emitter = this.#running?.emitter.counts;
    const ledger = this.#running?.ledger.counts;
    const llmobs = this.#running?.llmobs;
    const queue = llmobs?.stats;
    const requests = this.#monitor.counts;
    const byReason: Record<DatadogSpanDropReason, number> = {
      exporterDisabled: this.#droppedDisabled,
      afterShutdown: this.#droppedAfterShutdown,
      ddTraceRefused: emitter?.refused ?? 0,
      lateEvent: emitter?.lateEvents ?? 0,
      agentRejected: queue === undefined ? (ledger?.agentRejected ?? 0) : queue.dropped.rejected,
      networkError: queue === undefined ? (ledger?.networkError ?? 0) : 0,
      retriesExhausted: queue?.dropped.retriesExhausted ?? 0,
      queueFull: queue?.dropped.queueFull ?? 0,
      shutdownTimeout: queue === undefined ? (ledger?.shutdownTimeout ?? 0) : queue.dropped.shutdown,
    };
    return {
      spansReceived: this.#spansReceived,
      spansHandedOver: emitter?.handedOver ?? 0,
      eventSpansAttached: emitter?.eventsAttached ?? 0,
      spansDelivered: queue === undefined ? (ledger?.delivered ?? 0) : queue.exported,
      spansUnconfirmed: llmobs === undefined ? (ledger?.unconfirmed ?? 0) : llmobs.pending,
      spansDropped: DROP_REASONS.reduce((total, reason) => total + byReason[reason], 0),
      spansDroppedByReason: byReason,
      tracesCompleted: assembler?.tracesCompleted ?? 0,
      tracesIncomplete: assembler?.tracesIncomplete ?? 0,
      tracesEvicted: assembler?.tracesEvicted ?? 0,
      lateSpans: assembler?.lateSpans ?? 0,
      heldTraces: assembler?.heldTraces ?? 0,
      heldBytes: assembler?.heldBytes ?? 0,
      requestsSucceeded: requests.succeeded + (llmobs?.requests.succeeded ?? 0),
      requestsRejected: requests.rejected + (llmobs?.requests.rejected ?? 0),
      requestsFailed: requests.failed + (llmobs?.requests.failed ?? 0),
    };
  }

  #reportFailure(failure: RequestFailure): void {
    // Only dd-trace's APM requests: LLM Observability delivery reports its own drops.
    if (failure.path.includes('llmobs') || failure.path.startsWith('/evp_proxy/')) return;
    if (failure.kind === 'rejected') {
      this.#log.error(
        `rejected:APM:${failure.status}`,
        'Datadog exporter: dd-trace sent APM data and was answered HTTP %s; dd-trace drops such a payload ' +
          'without retrying (counted in getStats().requestsRejected)',
        failure.status,
      );
    } else {
      this.#log.warn(
        `failed:APM:${failure.code}`,
        'Datadog exporter: dd-trace could not send APM data (%s); dd-trace retries network errors a few ' +
          'times, then drops the payload (counted in getStats().requestsFailed)',
        failure.code,
      );
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
    let llmobs: LLMObsDelivery | undefined;
    let llmobsSink: ConstructorParameters<typeof SpanEmitter>[0]['llmobs'];
    if (runtime.llmobs) {
      const endpoint = resolveLLMObsEndpoint(options, runtime.config);
      if (endpoint.problem !== undefined)
        this.#log.warn('llmobs-endpoint', `Datadog exporter: ${endpoint.problem}`);
      const delivery = new LLMObsDelivery(endpoint, this.#log, options.maxRetryDurationMs);
      llmobs = delivery;
      llmobsSink = {
        context: resolveLLMObsContext(options, runtime.config, this.#serviceName),
        add: (event) => delivery.add(event),
      };
    }
    const emitter = new SpanEmitter({
      tracer: runtime.tracer,
      llmobs: llmobsSink,
      keepApm: runtime.keepApm,
      mlApp: options.mlApp,
      service: options.service,
      log: this.#log,
    });
    const assembler = new TraceAssembler<EmittedSpan>(emitter, options);
    const ledger = new SpanLedger(
      (path) => APM_SPAN_PATHS.some((prefix) => path.startsWith(prefix)),
      () => emitter.counts.handedOver + emitter.counts.eventsAttached,
    );
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
    this.#monitor.start();
    this.#running = { runtime, emitter, assembler, sweepTimer, ledger, llmobs };
    this.#state = 'running';
    return this.#running;
  }

  /** Make dd-trace send the APM traces it holds and wait for its requests. */
  async #deliverApm(running: Running): Promise<void> {
    if (!running.runtime.keepApm) return;
    // dd-trace has no public APM flush; its exporter's flush(done) is stable across 5.x and 6.x.
    const exporter = running.runtime.tracer._tracer?._exporter;
    await new Promise<void>((resolve) => {
      if (typeof exporter?.flush !== 'function') {
        resolve();
        return;
      }
      try {
        exporter.flush(() => resolve());
      } catch (error) {
        this.#log.warn('apm-flush', 'dd-trace failed to flush APM traces: %s', describeError(error));
        resolve();
      }
    });
    await this.#monitor.idle();
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
      const [settled] = await Promise.all([
        settleWithin(this.#deliverApm(running), timeoutMs),
        // Drops what is still queued at the deadline: counted and logged before shutdown settles.
        running.llmobs?.close(timeoutMs),
      ]);
      const lost = running.ledger.close(!settled);
      if (running.llmobs === undefined && lost.networkError + lost.shutdownTimeout > 0) {
        this.#log.warn(
          'shutdown-lost',
          'Datadog exporter: at shutdown, %s span(s) were not confirmed delivered (networkError: %s, ' +
            'shutdownTimeout: %s after %s ms); counted in getStats().spansDroppedByReason',
          lost.networkError + lost.shutdownTimeout,
          lost.networkError,
          lost.shutdownTimeout,
          timeoutMs,
        );
      }
    }
    this.#monitor.stop();
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
