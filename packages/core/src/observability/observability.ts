import { releaseAppObservability, setAppObservability } from '../context/app-observability';
import { getCurrentSpan } from '../context/async-context';
import { AITracingConfigError } from '../errors/config-error';
import { DEFAULT_FLUSH_TIMEOUT_MS } from '../exporter-kit/default-timeout';
import { readEnvironmentVariable } from '../internal/environment';
import { DefaultLogger } from '../logger/default-logger';
import { AITracingRegistry } from '../registry/ai-tracing-registry';
import { DETACHED_NO_OP_SPAN } from '../spans/no-op-ai-span';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { AITracingExporter } from '../types/exporter';
import type { AITracingLogger } from '../types/logger';
import type { ConfigSelectorOptions, ObservabilityRegistryConfig } from '../types/registry-config';
import type { ScoreInput } from '../types/score';
import type { AISpanType } from '../types/span-type';
import type { AISpan, AITracing, StartSpanOptions, TracingConfig } from '../types/tracing';

/** Name of the instance `default: { enabled: true }` registers. */
export const DEFAULT_INSTANCE_NAME = 'default';

/** `ObservabilityRegistryConfig` plus where the registry itself logs and the default instance's exporters. */
export interface ObservabilityConfig extends ObservabilityRegistryConfig {
  /**
   * `enabled: true` registers a `default` instance: sampling always, secrets
   * filtered, exporting to `exporters`. Without exporters it records spans
   * and delivers them nowhere, and says so once in the log.
   * @example `default: { enabled: true, exporters: [new ConsoleExporter()] }`
   */
  default?: {
    enabled?: boolean;
    /** Where the default instance's spans go. @defaultValue `[]` */
    exporters?: AITracingExporter[];
  };
  /**
   * Logger for the registry, and for every config that sets none.
   * @defaultValue a stderr logger at `AITRACING_LOG_LEVEL` or `'warn'`
   */
  logger?: AITracingLogger;
  /**
   * Flush automatically when the event loop empties, for every config that
   * does not set its own `flushOnExit` (ready instances keep theirs). See
   * `TracingConfig.flushOnExit`.
   * @defaultValue `AITRACING_FLUSH_ON_EXIT` or `true` (in Node)
   */
  flushOnExit?: boolean;
  /**
   * Be the app's `Observability`: where `traced()`, the decorators and
   * instrumentations start root spans when no span is current, no `tracing`
   * is passed and `setupAITracing` configured nothing. The most recently
   * created one wins; shutting it down removes it. Shared by every copy of
   * core in the process.
   * @defaultValue `true`
   */
  appFallback?: boolean;
}

/** Wiring for `setupAITracing` (the process-wide registry); not part of the public API. */
export interface ObservabilityInternals {
  registry?: AITracingRegistry;
}

function isAITracing(value: unknown): value is AITracing {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AITracing).startSpan === 'function' &&
    typeof (value as AITracing).getConfig === 'function'
  );
}

/**
 * The one object users configure: named tracing instances (configs or ready
 * instances, mixed freely), a selector that picks one per new trace, and an
 * optional `default` instance.
 *
 * Rules: the `default` instance (when enabled) or else the first config is
 * the default; the selector is asked for root spans only, children always
 * stay with their parent's instance; a selector that throws, returns
 * undefined or an unknown name falls back to the default. Each
 * `Observability` has its own registry: several in one process never
 * interfere. The most recently created one (unless `appFallback: false`) is
 * also the app's: `traced()`, the decorators and instrumentations start root
 * spans there when `setupAITracing` configured nothing, until it is shut
 * down.
 *
 * @example
 * ```ts
 * const observability = new Observability({
 *   configs: {
 *     langfuse: { serviceName: 'support', exporters: [new LangfuseExporter()] },
 *     console: { serviceName: 'support', exporters: [new ConsoleExporter()] },
 *   },
 *   configSelector: (options) =>
 *     options.runtimeContext?.get('environment') === 'production' ? 'langfuse' : 'console',
 * });
 * const span = observability.startSpan({ type: AISpanType.AGENT_RUN, name: 'support', runtimeContext });
 * ```
 */
export class Observability {
  /** The registry holding this object's instances. */
  readonly registry: AITracingRegistry;
  readonly #logger: AITracingLogger;
  readonly #flushOnExit: boolean | undefined;
  #shutdownPromise: Promise<void> | undefined;

  /** Throws `AITracingConfigError` for an invalid config; nothing else ever throws. */
  constructor(config: ObservabilityConfig = {}, internals: ObservabilityInternals = {}) {
    if (typeof config !== 'object' || config === null) {
      throw new AITracingConfigError('config', 'must be an object like { configs: { ... } }');
    }
    // null is "absent", as seed-era code passes it (`configs: null`, `configSelector: null`).
    const configs = config.configs ?? {};
    const configSelector = config.configSelector ?? undefined;
    if (typeof configs !== 'object' || configs === null || Array.isArray(configs)) {
      throw new AITracingConfigError('configs', 'must be an object mapping names to configs or instances');
    }
    if (configSelector !== undefined && typeof configSelector !== 'function') {
      throw new AITracingConfigError(
        'configSelector',
        'must be a function (options, availableConfigs) => name',
      );
    }
    const defaultEnabled = config.default?.enabled === true;
    if (defaultEnabled && Object.hasOwn(configs, DEFAULT_INSTANCE_NAME)) {
      throw new AITracingConfigError(
        `configs.${DEFAULT_INSTANCE_NAME}`,
        'is reserved while default.enabled is true: rename it or turn the default instance off',
      );
    }
    this.#logger = config.logger ?? new DefaultLogger();
    this.#flushOnExit = config.flushOnExit;
    this.registry = internals.registry ?? new AITracingRegistry(this.#logger);

    // Build everything first so a bad config registers nothing.
    const instances: Array<[string, AITracing]> = [];
    if (defaultEnabled) {
      const exporters = config.default?.exporters ?? [];
      if (!Array.isArray(exporters)) {
        throw new AITracingConfigError('default.exporters', 'must be an array of exporters');
      }
      instances.push([DEFAULT_INSTANCE_NAME, this.#createDefaultInstance(exporters)]);
    }
    for (const [name, value] of Object.entries(configs)) {
      if (isAITracing(value)) {
        instances.push([name, value]);
      } else if (typeof value === 'object' && value !== null) {
        const tracingConfig = value as Omit<TracingConfig, 'name'>;
        instances.push([
          name,
          new DefaultAITracing({
            ...tracingConfig,
            name,
            logger: tracingConfig.logger ?? this.#logger,
            flushOnExit: tracingConfig.flushOnExit ?? config.flushOnExit,
          }),
        ]);
      } else {
        throw new AITracingConfigError(
          `configs.${name}`,
          'must be a TracingConfig object or an AITracing instance',
        );
      }
    }
    for (const [name, instance] of instances) this.registry.register(name, instance);
    if (configSelector !== undefined) this.registry.setSelector(configSelector);
    if (config.appFallback !== false) setAppObservability(this);
  }

  /**
   * Start a span. With `parent`, or inside a span of one of this object's
   * instances (or of a sampled-out trace), the span is a child on that
   * span's instance; otherwise the selector picks the instance, which starts
   * a new trace, continues a remote one (`traceId`), or records the span
   * under the current span of an instance from elsewhere. `root: true` skips
   * the current span. Never throws; without any instance it returns a no-op
   * span.
   */
  startSpan<TType extends AISpanType>(options: StartSpanOptions<TType>): AISpan<TType> {
    if (options.parent !== undefined) return options.parent.createChildSpan(options);
    if (options.root !== true && options.traceId === undefined) {
      const current = getCurrentSpan();
      if (current !== undefined && (!current.isValid || this.#owns(current.aiTracing))) {
        return current.createChildSpan(options);
      }
    }
    const selected = this.registry.getSelected({ runtimeContext: options.runtimeContext });
    if (selected === undefined) return DETACHED_NO_OP_SPAN as unknown as AISpan<TType>;
    return selected.startSpan(options);
  }

  /** The instance registered under `name`. */
  get(name: string): AITracing | undefined {
    return this.registry.get(name);
  }

  /** The default instance. */
  getDefault(): AITracing | undefined {
    return this.registry.getDefault();
  }

  /** The instance the selector picks for `options` (the default as fallback). */
  getSelected(options: ConfigSelectorOptions = {}): AITracing | undefined {
    return this.registry.getSelected(options);
  }

  /**
   * Attach a score to a trace or span (see `AITracing.score`) through the
   * selected instance (the default as fallback). Never throws.
   */
  score(score: ScoreInput): void {
    try {
      this.registry.getSelected()?.score(score);
    } catch {
      // A failing selector: scores never break the app.
    }
  }

  /** Flush every instance. Always settles within `timeoutMs`. */
  flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    return this.registry.flush(timeoutMs);
  }

  /** Shut every instance down once. Later calls return the first promise. */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    releaseAppObservability(this);
    this.#shutdownPromise ??= this.registry.shutdown(timeoutMs);
    return this.#shutdownPromise;
  }

  #owns(instance: AITracing): boolean {
    for (const own of this.registry.getAll().values()) if (own === instance) return true;
    return false;
  }

  #createDefaultInstance(exporters: AITracingExporter[]): AITracing {
    if (exporters.length === 0) {
      this.#logger.warn(
        'default tracing instance has no exporter: spans are recorded but delivered nowhere. ' +
          'Pass one, e.g. `default: { enabled: true, exporters: [new ConsoleExporter()] }` ' +
          "(from '@aitracing/exporter-console'), or add instances through `configs`",
      );
    }
    return new DefaultAITracing({
      name: DEFAULT_INSTANCE_NAME,
      serviceName:
        readEnvironmentVariable('AITRACING_SERVICE_NAME') ??
        readEnvironmentVariable('OTEL_SERVICE_NAME') ??
        'aitracing',
      sensitiveDataFilter: true,
      exporters,
      logger: this.#logger,
      flushOnExit: this.#flushOnExit,
    });
  }
}
