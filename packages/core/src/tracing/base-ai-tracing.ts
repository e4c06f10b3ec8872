import { getCurrentSpan } from '../context/async-context';
import { EventDispatcher } from '../export/event-dispatcher';
import { DEFAULT_FLUSH_TIMEOUT_MS } from '../exporter-kit/default-timeout';
import { describeError, LogOnce } from '../exporter-kit/log-once';
import { settleWithin } from '../exporter-kit/settle-within';
import { contextFromBaggage } from '../propagation/baggage-attributes';
import { createSampler, type Sampler } from '../sampling/sampler';
import { ScoreIntake, scoreOfSpan } from '../scores/score-intake';
import { foldChunk } from '../spans/chunk-fold';
import type { DefaultAISpan, SpanCreateOptions } from '../spans/default-ai-span';
import { NoOpAISpan } from '../spans/no-op-ai-span';
import { SampledOutSpan } from '../spans/sampled-out-span';
import type { ExportedAISpan } from '../types/exported-span';
import { AITracingEventType, type AITracingExporter } from '../types/exporter';
import type { AITracingLogger } from '../types/logger';
import type { ScoreInput, SpanScoreInput } from '../types/score';
import type { AISpanType } from '../types/span-type';
import type {
  AISpan,
  AISpanProcessor,
  AITracing,
  AnyAISpan,
  StartSpanOptions,
  StreamChunksMode,
  TracingConfig,
} from '../types/tracing';
import { BridgeHooks } from './bridge-hooks';
import { armExitFlush, disarmExitFlush, EXIT_FLUSH_TIMEOUT_MS } from './exit-flush';
import { resolveTracingConfig, type TracingConstructorConfig } from './resolve-config';
import { planSnapshots } from './snapshot-plan';
import { SpanSnapshotBuilder } from './span-snapshot';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * The tracing engine: sampling at the root, span lifecycle, processors,
 * safe serialisation and asynchronous, isolated fan-out to exporters.
 * Internal to core: `DefaultAITracing` is the public class (it chooses the
 * span class through `createSpan`).
 *
 * Nothing here throws into user code except the constructor, for an invalid
 * config (`AITracingConfigError`).
 */
// Spans see it as their SpanLifecycle (structurally, checked where DefaultAITracing creates them:
// the members tagged internal are left out of the published declarations, so it is not named here).
export abstract class BaseAITracing implements AITracing {
  /** @internal The public instance spans point to (this object). */
  readonly instance: AITracing = this;
  /** @internal Whether hidden internal spans are exported anyway. */
  readonly includeInternalSpans: boolean;
  /** @internal What becomes of streamed chunks. */
  readonly streamChunks: StreamChunksMode;
  /** The logger of this instance. */
  readonly logger: AITracingLogger;
  /** @internal The configured tracing bridge, guarded; undefined when none. */
  readonly bridge: BridgeHooks | undefined;
  protected readonly config: Readonly<Required<TracingConfig>>;
  readonly #log: LogOnce;
  readonly #enabled: boolean;
  readonly #sampler: Sampler;
  readonly #processors: readonly AISpanProcessor[];
  /**
   * What happens to each snapshot, by span type: the leading processors with a
   * fast path are fused into serialisation, so most spans need no processing
   * view at all (see snapshot-plan.ts).
   */
  readonly #snapshots: SpanSnapshotBuilder;
  readonly #scores: ScoreIntake;
  readonly #dispatcher: EventDispatcher;
  readonly #noOpSpan: NoOpAISpan;
  #shutdownPromise: Promise<void> | undefined;
  /** Set when shutdown begins: new traces are no-ops from then on. */
  #closing = false;
  /** Set when exporters are shut down: nothing can be delivered any more. */
  #closed = false;
  /** Whether spans wait for the flush at exit (armed by the first span after each such flush). */
  #exitArmed = false;
  readonly #flushOnExit: boolean;
  readonly #exitFlush = (): void => {
    this.#exitArmed = false;
    void this.flush(EXIT_FLUSH_TIMEOUT_MS);
  };

  constructor(config: TracingConstructorConfig) {
    const resolved = resolveTracingConfig(config);
    this.config = resolved.config;
    this.logger = resolved.config.logger;
    this.includeInternalSpans = resolved.config.includeInternalSpans;
    this.streamChunks = resolved.config.streamChunks;
    this.#flushOnExit = resolved.config.flushOnExit;
    this.#log = new LogOnce(this.logger);
    const sampler = createSampler(resolved.config.sampling, this.#log);
    this.#enabled = resolved.config.enabled;
    this.#sampler = this.#enabled ? sampler : () => false;
    this.#processors = resolved.processors;
    const plans = planSnapshots(resolved.processors, this.#log);
    this.#snapshots = new SpanSnapshotBuilder(plans, resolved.limits, resolved.includeIO, this.#log);
    this.#dispatcher = new EventDispatcher(resolved.config.exporters, this.#log);
    this.#scores = new ScoreIntake(this.#dispatcher, plans.other.redactor, resolved.limits, this.#log);
    this.#noOpSpan = new NoOpAISpan(this);
    const bridge = resolved.config.bridge;
    this.bridge = bridge === null ? undefined : new BridgeHooks(bridge, this.#log);
    for (const exporter of resolved.config.exporters) {
      try {
        exporter.init?.({
          logger: this.logger,
          serviceName: this.config.serviceName,
          tracingName: this.config.name,
        });
      } catch (error) {
        this.#log.error(
          `init:${exporter.name}`,
          `exporter "${exporter.name}" failed to initialise:`,
          describeError(error),
        );
      }
    }
    this.bridge?.init(
      { logger: this.logger, serviceName: this.config.serviceName, tracingName: this.config.name },
      resolved.config.exporters,
    );
  }

  /**
   * @internal Create the span object for a sampled-in span. `parent` is
   * undefined for a root span.
   */
  protected abstract createSpan<TType extends AISpanType>(
    options: SpanCreateOptions<TType>,
    parent: DefaultAISpan<AISpanType> | undefined,
    isEvent: boolean,
  ): DefaultAISpan<TType>;

  getConfig(): Readonly<Required<TracingConfig>> {
    return this.config;
  }

  getExporters(): readonly AITracingExporter[] {
    return this.config.exporters;
  }

  getProcessors(): readonly AISpanProcessor[] {
    return this.#processors;
  }

  getLogger(): AITracingLogger {
    return this.logger;
  }

  startSpan<TType extends AISpanType>(options: StartSpanOptions<TType>): AISpan<TType> {
    try {
      if (options.parent !== undefined) return options.parent.createChildSpan(options);
      if (this.#closing) {
        this.#log.warn(
          'start-after-shutdown',
          `span "${String(options.name).slice(0, 100)}" started after shutdown() on tracing instance "${this.config.name}": it is a no-op and is not exported (logged once)`,
        );
        return this.#noOp();
      }
      // An explicit remote parent wins over the current span; an invalid one is ignored.
      const remote = options.traceId === undefined ? undefined : this.#remoteParent(options);
      if (remote !== undefined) return this.#continueTrace(remote);
      const current = options.root === true ? undefined : getCurrentSpan();
      if (current !== undefined) return this.#startUnder(current, options);
      // No span of ours is current: a bridged system's active span (an HTTP request) is the parent.
      const external = options.root === true ? undefined : this.bridge?.externalParent();
      if (external !== undefined) {
        return this.#continueTrace({
          ...options,
          traceId: external.traceId,
          parentSpanId: external.spanId,
          sampled: external.sampled,
          traceState: external.traceState,
        });
      }
      if (!this.#sampler(options)) return new SampledOutSpan(this) as unknown as AISpan<TType>;
      const span = this.createSpan(
        options.traceId === undefined ? options : { ...options, traceId: undefined },
        undefined,
        false,
      );
      this.spanStarted(span);
      return span;
    } catch (error) {
      this.#log.error(
        'start-span',
        'could not start a span; tracing continues with a no-op span:',
        describeError(error),
      );
      return this.#noOp();
    }
  }

  score(score: ScoreInput): void {
    if (this.#closed) {
      this.#log.warn('score-after-shutdown', 'a score added after shutdown() was not exported (logged once)');
      return;
    }
    if (this.#scores.add(score)) this.#armExitFlush();
  }

  /** @internal */
  scoreSpan(span: DefaultAISpan<AISpanType>, input: SpanScoreInput): void {
    this.score(scoreOfSpan(span, input));
  }

  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    try {
      await this.#dispatcher.flush(timeoutMs);
    } catch (error) {
      this.#log.error('flush', 'flush failed:', describeError(error));
    }
  }

  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    this.#closing = true;
    this.#shutdownPromise ??= this.#shutdown(timeoutMs);
    return this.#shutdownPromise;
  }

  /** @internal */
  spanStarted(span: DefaultAISpan<AISpanType>): void {
    if (span.isExported && this.#dispatcher.wantsStarted) this.#emit(AITracingEventType.SPAN_STARTED, span);
  }

  /** @internal */
  spanUpdated(span: DefaultAISpan<AISpanType>): void {
    if (span.isExported && this.#dispatcher.wantsUpdated) this.#emit(AITracingEventType.SPAN_UPDATED, span);
  }

  /** @internal */
  spanEnded(span: DefaultAISpan<AISpanType>): void {
    let exported = span.isExported;
    // A chunk its generation can no longer take (it ended first) is exported as a span: never lost silently.
    if (span.foldsIntoParent && !this.#foldIntoParent(span))
      exported = !span.isInternal || this.includeInternalSpans;
    if (!exported) return;
    if (this.#closed) {
      this.#log.warn('ended-after-shutdown', `span "${span.name}" ended after shutdown and was not exported`);
      if (span.bridged !== undefined)
        this.bridge?.end(span.bridged, undefined, span.endTime ?? span.startTime);
      return;
    }
    const snapshot = this.#emit(AITracingEventType.SPAN_ENDED, span);
    if (span.bridged !== undefined) this.bridge?.end(span.bridged, snapshot, span.endTime ?? span.startTime);
  }

  /** @internal */
  createChild<TType extends AISpanType>(
    parent: DefaultAISpan<AISpanType>,
    options: SpanCreateOptions<TType>,
    isEvent: boolean,
  ): AnyAISpan {
    try {
      const span = this.createSpan(options, parent, isEvent);
      if (isEvent) span.end();
      else this.spanStarted(span);
      return span as unknown as AnyAISpan;
    } catch (error) {
      this.#log.error(
        'create-child',
        'could not create a child span; using a no-op span:',
        describeError(error),
      );
      return this.#noOp();
    }
  }

  // Streamed chunk → its live parent generation (see chunk-fold.ts); false when the generation has ended.
  #foldIntoParent(chunk: DefaultAISpan<AISpanType>): boolean {
    const generation = chunk.parent as DefaultAISpan<AISpanType> | undefined;
    if (generation === undefined || generation.endTime !== undefined) return false;
    try {
      generation.chunkFold = foldChunk(generation.chunkFold, chunk, this.streamChunks === 'events');
      return true;
    } catch (error) {
      // A chunk we cannot fold (a hostile name) is exported as a span instead: never thrown, never lost.
      this.logger.debug(`could not fold chunk "${String(chunk.id)}": ${describeError(error)}`);
      return false;
    }
  }

  // A span started while another is current joins that trace, as OpenTelemetry's startSpan does.
  #startUnder<TType extends AISpanType>(current: AnyAISpan, options: StartSpanOptions<TType>): AISpan<TType> {
    // Same instance, or a sampled-out trace (nothing is recorded anywhere): a plain child.
    if (current.aiTracing === this.instance || !current.isValid) return current.createChildSpan(options);
    // Another instance's span: this instance records the span (its exporters, its processors)
    // under the current one, like a remote parent, so the trace stays one.
    const propagated = (current as Partial<DefaultAISpan<AISpanType>>).propagated;
    return this.#continueTrace({
      ...options,
      traceId: current.traceId,
      parentSpanId: current.id,
      sampled: true,
      traceState: propagated?.traceState,
      baggage: propagated?.baggage,
    });
  }

  // Continues a trace from a (validated) remote parent. The remote decision is honoured;
  // without one the local sampler decides. Sampled out, the trace id travels on.
  #continueTrace<TType extends AISpanType>(remote: StartSpanOptions<TType>): AISpan<TType> {
    const sampled =
      this.#enabled && (remote.sampled === true || (remote.sampled !== false && this.#sampler(remote)));
    if (!sampled) {
      const propagated =
        remote.traceState === undefined && remote.baggage === undefined
          ? undefined
          : { traceState: remote.traceState, baggage: remote.baggage };
      return new SampledOutSpan(this, remote.traceId, propagated) as unknown as AISpan<TType>;
    }
    const inheritedContext =
      remote.baggage === undefined || this.config.baggage === null
        ? undefined
        : contextFromBaggage(remote.baggage, this.config.baggage);
    const span = this.createSpan(
      inheritedContext === undefined ? remote : { ...remote, inheritedContext },
      undefined,
      false,
    );
    this.spanStarted(span);
    return span;
  }

  // Checks a remote parent; an invalid one is ignored (a new trace starts), never thrown.
  #remoteParent<TType extends AISpanType>(
    options: StartSpanOptions<TType>,
  ): StartSpanOptions<TType> | undefined {
    const { traceId, parentSpanId } = options;
    const valid =
      typeof traceId === 'string' &&
      TRACE_ID.test(traceId) &&
      traceId !== ZERO_TRACE_ID &&
      typeof parentSpanId === 'string' &&
      SPAN_ID.test(parentSpanId) &&
      parentSpanId !== ZERO_SPAN_ID;
    if (valid) return options;
    this.logger.debug('startSpan: invalid remote traceId/parentSpanId ignored; starting a new trace');
    return undefined;
  }

  // Lazily, once per batch: a script that just ends still delivers (see exit-flush.ts).
  #armExitFlush(): void {
    if (!this.#exitArmed && this.#flushOnExit && !this.#closing) {
      this.#exitArmed = true;
      armExitFlush(this.#exitFlush);
    }
  }

  #noOp<TType extends AISpanType>(): AISpan<TType> {
    return this.#noOpSpan as unknown as AISpan<TType>;
  }

  #emit(type: AITracingEventType, span: DefaultAISpan<AISpanType>): ExportedAISpan | undefined {
    try {
      const exported = this.#snapshots.build(span);
      if (exported === undefined) return undefined;
      this.#dispatcher.enqueue(type, exported);
      this.#armExitFlush();
      return exported;
    } catch (error) {
      this.#log.error('emit', `could not export span "${span.name}":`, describeError(error));
      return undefined;
    }
  }

  async #shutdown(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Shutdown flushes; the exit flush has nothing left to do and must not hold a reference to us.
    disarmExitFlush(this.#exitFlush);
    this.#exitArmed = false;
    try {
      await this.#dispatcher.shutdown(timeoutMs);
      this.#closed = true;
      await settleWithin(
        Promise.all(
          this.#processors.map(async (processor) => {
            try {
              await processor.shutdown?.();
            } catch (error) {
              this.#log.warn(
                `processor-shutdown:${processor.name}`,
                `processor "${processor.name}" shutdown failed:`,
                describeError(error),
              );
            }
          }),
        ),
        Math.max(0, deadline - Date.now()),
      );
    } catch (error) {
      this.#log.error('shutdown', 'shutdown failed:', describeError(error));
    } finally {
      this.#closed = true;
    }
  }
}
