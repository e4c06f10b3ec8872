import {
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultLogger,
  type ExporterInitOptions,
} from '@aitracing/core';
import {
  DEFAULT_FLUSH_TIMEOUT_MS,
  describeError,
  HttpSender,
  LogOnce,
  ProtobufWriter,
  type SendOutcome,
  safeUrl,
  settleWithin,
} from '@aitracing/core/exporter-kit';
import type { AIMetricName, MetricLabels } from './ai-metric-definitions';
import { AIMetricsObserver, type MetricRecorder } from './ai-metrics-observer';
import { MetricStore } from './internal/metric-store';
import type { MetricsRequestData } from './internal/metrics-request';
import { encodeMetricsJson } from './internal/otlp-metrics-json';
import { encodeMetricsProtobuf } from './internal/otlp-metrics-protobuf';
import {
  type OtlpMetricsExporterOptions,
  type ResolvedOtlpMetricsOptions,
  type ResourceAttributeValue,
  resolveOtlpMetricsOptions,
} from './otlp-metrics-options';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version';

/** Counters of {@link OtlpMetricsExporter}, to see that nothing failed silently. */
export interface OtlpMetricsExporterStats {
  /** Pushes the receiver acknowledged */
  pushes: number;
  /**
   * Pushes given up: not retryable, or retries ran out of time before the
   * next push. Values are cumulative, so the next successful push carries
   * everything a failed one held.
   */
  failedPushes: number;
  /** Attempts repeated after a retryable failure (5xx, 429, timeout, network error) */
  retries: number;
}

const RESOLVED = Promise.resolve();
const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const JITTER = 0.2;
/** An awaited push gives up this much before the caller's deadline, so the caller's own timer never beats it. */
const SETTLE_MARGIN_MS = 50;

function backoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** attempt);
  return Math.round(base * (1 - JITTER + Math.random() * 2 * JITTER));
}

/**
 * Pushes the AI metrics derived from finished spans — the ones of
 * `AI_METRICS`, as `AIMetricsCollector` serves them to Prometheus — to an
 * OTLP/HTTP metrics endpoint, encoded by us (protobuf or JSON), with no
 * OpenTelemetry SDK. Counters are monotonic cumulative sums, histograms
 * cumulative explicit-bucket histograms; label cardinality is capped.
 *
 * Every `exportIntervalMs` (an `unref()`ed timer: it never keeps the process
 * alive) the current totals are pushed. A retryable failure is retried with
 * backoff (or the receiver's `Retry-After`) until the next push is due; a
 * push that fails for good is counted (`getStats().failedPushes`) and
 * logged once, and the next push carries its values (they are
 * cumulative). `flush()` pushes now; `shutdown()` pushes a last time and
 * stops, once. Both settle within their timeout, keeping the process alive
 * while awaited. Never throws into the app.
 *
 * @example
 * ```ts
 * const tracing = new DefaultAITracing({
 *   serviceName: 'support',
 *   exporters: [new OtlpMetricsExporter({ url: 'http://localhost:4318/v1/metrics' })],
 * });
 * ```
 */
export class OtlpMetricsExporter implements AITracingExporter, MetricRecorder {
  readonly name = 'otlp-metrics';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED] as const;
  readonly #options: ResolvedOtlpMetricsOptions;
  readonly #store = new MetricStore();
  readonly #stats: OtlpMetricsExporterStats = { pushes: 0, failedPushes: 0, retries: 0 };
  readonly #log = new LogOnce(new DefaultLogger());
  readonly #writer = new ProtobufWriter(4096);
  readonly #sender: HttpSender | undefined;
  readonly #startMs = Date.now();
  readonly #timer: ReturnType<typeof setInterval>;
  /** Wake-ups of retry waits in progress: a newer push supersedes them. */
  readonly #waits = new Set<() => void>();
  #observer: AIMetricsObserver;
  #serviceName: string;
  #resource: ReadonlyArray<readonly [string, ResourceAttributeValue]> = [];
  #tail: Promise<void> = RESOLVED;
  #pending = 0;
  /** Observations so far, and how many of them the receiver has acknowledged. */
  #recorded = 0;
  #acknowledged = 0;
  #stopped = false;
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for invalid options; bad env values are logged once and ignored. */
  constructor(options: OtlpMetricsExporterOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    this.#options = resolveOtlpMetricsOptions(options, env);
    this.#serviceName = this.#options.serviceName ?? this.#options.envServiceName ?? 'unknown_service';
    this.#observer = this.#createObserver();
    if (this.#options.transport === undefined) {
      this.#sender = new HttpSender({
        url: this.#options.url,
        headers: this.#options.headers,
        timeoutMs: this.#options.exportTimeoutMs,
        compression: this.#options.compression,
        userAgent: `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
      });
    }
    this.#timer = setInterval(() => this.#tick(), this.#options.exportIntervalMs);
    this.#timer.unref?.();
  }

  /** Takes the tracing instance's logger, and its service name unless `serviceName` was given. */
  init(options: ExporterInitOptions): void {
    this.#log.logger = options.logger;
    for (const warning of this.#options.warnings) this.#log.warn(`env:${warning}`, warning);
    if (this.#options.serviceName === undefined && options.serviceName) {
      this.#serviceName = options.serviceName;
      this.#observer = this.#createObserver();
    }
  }

  exportEvent(event: AITracingEvent): Promise<void> {
    if (event.type === AITracingEventType.SPAN_ENDED && !this.#stopped)
      this.#observer.observe(event.exportedSpan, this);
    return RESOLVED;
  }

  /** @internal Counter increment from the shared observer. */
  add(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#recorded++;
    this.#store.add(name, value, labels);
  }

  /** @internal Histogram observation from the shared observer. */
  record(name: AIMetricName, value: number, labels: MetricLabels): void {
    this.#recorded++;
    this.#store.record(name, value, labels);
  }

  /** A copy of the counters: pushes acknowledged, given up, retried. */
  getStats(): OtlpMetricsExporterStats {
    return { ...this.#stats };
  }

  /**
   * Push the current totals now, retrying a retryable failure within
   * `timeoutMs`. Always settles within `timeoutMs`; never rejects.
   * @param timeoutMs - @defaultValue `30000`
   */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    if (this.#stopped) return;
    await settleWithin(this.#enqueuePush(timeoutMs), timeoutMs);
  }

  /**
   * Push a last time (retrying within `timeoutMs`) and stop: no more timer,
   * sockets closed. Runs once (later calls return the first promise);
   * always settles within `timeoutMs`; never rejects.
   * @param timeoutMs - @defaultValue `30000`
   */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.#shutdownPromise ??= (async () => {
      this.#stopped = true;
      clearInterval(this.#timer);
      await settleWithin(this.#enqueuePush(timeoutMs), timeoutMs);
      await this.#sender?.shutdown();
    })();
    return this.#shutdownPromise;
  }

  #tick(): void {
    // A push still retrying ends before this one is due; skip rather than queue behind it.
    if (this.#pending > 0 || this.#stopped) return;
    const deadline = Date.now() + this.#options.exportIntervalMs;
    // Periodic pushes repeat unchanged totals, as OpenTelemetry SDKs do: backends keep the series fresh.
    void this.#enqueue(() => this.#push(deadline, false, true));
  }

  #enqueuePush(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs - SETTLE_MARGIN_MS;
    // A background push waiting to retry is superseded: this one carries newer totals.
    for (const wake of [...this.#waits]) wake();
    return this.#enqueue(() => this.#push(deadline, true, false));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#pending++;
    const run = this.#tail.then(task).finally(() => {
      this.#pending--;
    });
    this.#tail = run.catch(() => {});
    return this.#tail;
  }

  /**
   * Push the current totals, retrying until `deadline`. `repeat`: push even
   * when the receiver already has these totals (flush and shutdown do not).
   */
  async #push(deadline: number, awaited: boolean, repeat: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.#store.empty || (!repeat && this.#recorded === this.#acknowledged)) return;
      const recorded = this.#recorded;
      const outcome = await this.#sendOnce();
      if (outcome.status === 'success') {
        this.#stats.pushes++;
        this.#acknowledged = recorded;
        return;
      }
      const waitMs =
        outcome.status === 'retryable'
          ? (outcome.retryAfterMs ?? backoffMs(attempt))
          : Number.POSITIVE_INFINITY;
      if (Date.now() + waitMs > deadline || (this.#stopped && !awaited)) {
        this.#stats.failedPushes++;
        this.#log.error(
          `push:${outcome.status}`,
          `otlp metrics: a push to ${safeUrl(this.#options.url)} failed (${describeError(outcome.error)}); ` +
            `counted in getStats().failedPushes, the next push carries the same cumulative totals. ` +
            'Logged once.',
        );
        return;
      }
      this.#stats.retries++;
      if (await this.#wait(waitMs, awaited)) return;
    }
  }

  /** Resolves `true` when woken early (a newer push supersedes this one). Unref'd unless a caller awaits the push. */
  #wait(ms: number, awaited: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.#waits.delete(wake);
        resolve(woken);
      };
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), ms);
      if (!awaited) timer.unref?.();
      this.#waits.add(wake);
    });
  }

  async #sendOnce(): Promise<SendOutcome> {
    try {
      const data: MetricsRequestData = {
        resource: this.#resourceAttributes(),
        scopeName: PACKAGE_NAME,
        scopeVersion: PACKAGE_VERSION,
        startMs: this.#startMs,
        timeMs: Date.now(),
        store: this.#store,
      };
      const json = this.#options.protocol === 'http/json';
      const body = json ? encodeMetricsJson(data) : encodeMetricsProtobuf(data, this.#writer);
      const contentType = json ? 'application/json' : 'application/x-protobuf';
      const transport = this.#options.transport;
      if (transport !== undefined) return await transport(body, contentType);
      return await this.#sender!.post(body, contentType);
    } catch (error) {
      return { status: 'failed', error };
    }
  }

  #resourceAttributes(): ReadonlyArray<readonly [string, ResourceAttributeValue]> {
    if (this.#resource[0]?.[1] === this.#serviceName) return this.#resource;
    this.#resource = [
      ['service.name', this.#serviceName],
      ...this.#options.resourceAttributes.filter(([key]) => key !== 'service.name'),
    ];
    return this.#resource;
  }

  #createObserver(): AIMetricsObserver {
    return new AIMetricsObserver({
      serviceName: this.#serviceName,
      maxLabelValues: this.#options.maxLabelValues,
      labels: this.#options.labels,
    });
  }
}
