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
import { type RequestFailure, RequestMonitor } from './internal/request-monitor';
import { type ResolvedDatadogOptions, resolveDatadogOptions } from './internal/resolve-options';
import { type EmittedSpan, SpanEmitter } from './internal/span-emitter';
import { DROP_REASONS, SpanLedger } from './internal/span-ledger';
import { type DatadogRuntime, setUpTracer } from './internal/tracer-setup';
import { TraceAssembler } from './trace-assembler';

const RESOLVED: Promise<void> = Promise.resolve();
const EVENT_TYPES: readonly AITracingEventType[] = Object.freeze([AITracingEventType.SPAN_ENDED]);
const noop = (): void => {};
// Longest wait for the LLM Observability request a flush triggers to show up (its socket connecting).
const LLMOBS_START_GRACE_MS = 250;
// Paths of the payloads that carry our spans, by channel (agent and agentless).
const LLMOBS_SPAN_PATHS = ['/evp_proxy/v2/api/v2/llmobs', '/api/v2/llmobs'];
const APM_SPAN_PATHS = ['/v0.4/traces', '/v0.5/traces'];

type ExporterState = 'idle' | 'running' | 'disabled' | 'shut-down';

interface Running {
  readonly runtime: DatadogRuntime;
  readonly emitter: SpanEmitter;
  readonly assembler: TraceAssembler<EmittedSpan>;
  readonly sweepTimer: NodeJS.Timeout;
  readonly ledger: SpanLedger;
}

/**
 * Sends aitracing spans to Datadog through `dd-trace`: to LLM Observability
 * (default), as APM spans, or both.
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
 * tracing instance's logger. dd-trace retries only network errors and drops a
 * payload the agent answers with an HTTP error.
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
  // Spans handed over so far, and LLM Observability requests seen, as of the last hand-over.
  #handedOver = 0;
  #llmobsStartsAtHandOver = 0;
  #handedOverAtLastDelivery = 0;

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
      this.#noteHandOver(running);
    } catch (error) {
      this.#log.error('export', 'Datadog exporter failed to export a span: %s', describeError(error));
    }
    return RESOLVED;
  }

  /**
   * Make dd-trace send what it holds (LLM Observability events and APM traces)
   * and wait for those requests, at most `flushTimeoutMs` (or `timeoutMs`, the
   * time the tracing instance has left, when shorter). Traces whose root has
   * not ended stay held. Never rejects.
   */
  flush(timeoutMs?: number): Promise<void> {
    if (this.#state !== 'running' || this.#running === undefined) return RESOLVED;
    const limit = shorter(this.#options.flushTimeoutMs, timeoutMs);
    return settleWithin(this.#deliver(this.#running), limit, this.#waits).then(noop);
  }

  /**
   * Emit every held trace (incomplete ones under a placeholder root), make
   * dd-trace send everything and wait for it, at most `shutdownTimeoutMs` (or
   * `timeoutMs`, the time the tracing instance has left, when shorter); then
   * stop. Later spans are dropped and counted. Runs once: a second call
   * returns the first call's promise. dd-trace itself keeps running: it may be
   * your application's tracer. Never rejects.
   */
  shutdown(timeoutMs?: number): Promise<void> {
    this.#shutdownPromise ??= this.#shutDown(shorter(this.#options.shutdownTimeoutMs, timeoutMs));
    return this.#shutdownPromise;
  }

  /**
   * Counters: spans received, handed over to dd-trace, delivered, dropped (by
   * reason) or still unconfirmed; held traces; request outcomes. Drops at a
   * shutdown that timed out are counted before `shutdown()` settles.
   */
  getStats(): DatadogExporterStats {
    const assembler = this.#running?.assembler.stats;
    const emitter = this.#running?.emitter.counts;
    const ledger = this.#running?.ledger.counts;
    const requests = this.#monitor.counts;
    const byReason: Record<DatadogSpanDropReason, number> = {
      exporterDisabled: this.#droppedDisabled,
      afterShutdown: this.#droppedAfterShutdown,
      ddTraceRefused: emitter?.refused ?? 0,
      lateEvent: emitter?.lateEvents ?? 0,
      agentRejected: ledger?.agentRejected ?? 0,
      networkError: ledger?.networkError ?? 0,
      shutdownTimeout: ledger?.shutdownTimeout ?? 0,
    };
    return {
      spansReceived: this.#spansReceived,
      spansHandedOver: emitter?.handedOver ?? 0,
      eventSpansAttached: emitter?.eventsAttached ?? 0,
      spansDelivered: ledger?.delivered ?? 0,
      spansUnconfirmed: ledger?.unconfirmed ?? 0,
      spansDropped: DROP_REASONS.reduce((total, reason) => total + byReason[reason], 0),
      spansDroppedByReason: byReason,
      tracesCompleted: assembler?.tracesCompleted ?? 0,
      tracesIncomplete: assembler?.tracesIncomplete ?? 0,
      tracesEvicted: assembler?.tracesEvicted ?? 0,
      lateSpans: assembler?.lateSpans ?? 0,
      heldTraces: assembler?.heldTraces ?? 0,
      heldBytes: assembler?.heldBytes ?? 0,
      requestsSucceeded: requests.succeeded,
      requestsRejected: requests.rejected,
      requestsFailed: requests.failed,
    };
  }

  #reportFailure(failure: RequestFailure): void {
    const channel = failure.path.includes('llmobs') ? 'LLM Observability' : 'APM';
    if (failure.kind === 'rejected') {
      this.#log.error(
        `rejected:${channel}:${failure.status}`,
        'Datadog exporter: dd-trace sent %s data and was answered HTTP %s; dd-trace drops such a payload ' +
          'without retrying (counted in getStats().requestsRejected and spansDroppedByReason.agentRejected)',
        channel,
        failure.status,
      );
    } else {
      this.#log.warn(
        `failed:${channel}:${failure.code}`,
        'Datadog exporter: dd-trace could not send %s data (%s); dd-trace retries network errors a few ' +
          'times, then drops the payload (counted in getStats().requestsFailed)',
        channel,
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
    const emitter = new SpanEmitter({
      tracer: runtime.tracer,
      llmobs: runtime.llmobs,
      keepApm: runtime.keepApm,
      mlApp: options.mlApp,
      service: options.service,
      log: this.#log,
    });
    const assembler = new TraceAssembler<EmittedSpan>(emitter, options);
    const spanPaths = runtime.llmobs === undefined ? APM_SPAN_PATHS : LLMOBS_SPAN_PATHS;
    const ledger = new SpanLedger(
      (path) => spanPaths.some((prefix) => path.startsWith(prefix)),
      () => emitter.counts.handedOver + emitter.counts.eventsAttached,
    );
    const sweepEveryMs = Math.min(
      5_000,
      Math.max(25, Math.min(options.traceTimeoutMs, options.lateSpanWindowMs) / 4),
    );
    const sweepTimer = setInterval(() => {
      try {
        assembler.sweep();
        if (this.#running !== undefined) this.#noteHandOver(this.#running);
      } catch (error) {
        this.#log.error('sweep', 'Datadog exporter failed to emit held traces: %s', describeError(error));
      }
    }, sweepEveryMs);
    sweepTimer.unref();
    this.#monitor.start();
    this.#running = { runtime, emitter, assembler, sweepTimer, ledger };
    this.#state = 'running';
    return this.#running;
  }

  async #deliver(running: Running): Promise<void> {
    const { tracer, llmobs } = running.runtime;
    this.#noteHandOver(running);
    // dd-trace's LLM Observability writer holds something unless it has sent a request since our last hand-over.
    const expectLLMObsRequest =
      llmobs !== undefined &&
      this.#handedOver > this.#handedOverAtLastDelivery &&
      this.#monitor.llmobsStarts === this.#llmobsStartsAtHandOver;
    this.#handedOverAtLastDelivery = this.#handedOver;
    const llmobsStarts = this.#monitor.llmobsStarts;
    try {
      llmobs?.flush();
    } catch (error) {
      this.#log.warn('llmobs-flush', 'dd-trace failed to flush LLM Observability: %s', describeError(error));
    }
    // dd-trace has no public APM flush; its exporter's flush(done) is stable across 5.x and 6.x.
    const exporter = tracer._tracer?._exporter;
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
    // The LLM Observability writer reports no completion: wait for its request to start, then to settle.
    if (expectLLMObsRequest) await this.#monitor.llmobsStarted(llmobsStarts, LLMOBS_START_GRACE_MS);
    await this.#monitor.idle();
  }

  #noteHandOver(running: Running): void {
    const handedOver = running.emitter.counts.handedOver;
    if (handedOver === this.#handedOver) return;
    this.#handedOver = handedOver;
    this.#llmobsStartsAtHandOver = this.#monitor.llmobsStarts;
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
      const settled = await settleWithin(this.#deliver(running), timeoutMs);
      // Counted and logged before shutdown settles.
      const lost = running.ledger.close(!settled);
      if (lost.networkError + lost.shutdownTimeout > 0) {
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
