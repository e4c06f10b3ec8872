import { CostEstimator } from '../cost/cost-estimator';
import { AITracingConfigError } from '../errors/config-error';
import { DefaultLogger, isLogLevel } from '../logger/default-logger';
import { SensitiveDataFilter } from '../processors/sensitive-data-filter';
import { DEFAULT_BAGGAGE_KEYS, DEFAULT_BAGGAGE_MAX_BYTES } from '../propagation/baggage-attributes';
import {
  resolveSerializationOptions,
  type SerializationLimits,
} from '../serialization/serialization-options';
import type { AITracingExporter } from '../types/exporter';
import type { AITracingLogger } from '../types/logger';
import type { BaggageAttributeKey, BaggagePropagationOptions } from '../types/propagated-attributes';
import type { SamplingStrategy } from '../types/sampling';
import type { AISpanProcessor, StreamChunksMode, TracingConfig } from '../types/tracing';
import type { TracingBridge } from '../types/tracing-bridge';
import { readTracingEnv } from './env-config';
import { resolveFlushOnExit } from './exit-flush';

/** A tracing config with every default applied and every field checked. */
export interface ResolvedTracingConfig {
  /** What `getConfig()` returns */
  readonly config: Readonly<Required<TracingConfig>>;
  /** Sensitive-data filter first (when on), then the user's processors */
  readonly processors: readonly AISpanProcessor[];
  readonly limits: SerializationLimits;
  readonly includeIO: boolean;
}

/**
 * Config accepted by the constructors: `name` defaults to `serviceName`, and
 * `serviceName` to `AITRACING_SERVICE_NAME` / `OTEL_SERVICE_NAME`.
 */
export type TracingConstructorConfig = Omit<TracingConfig, 'name' | 'serviceName'> & {
  name?: string;
  serviceName?: string;
};

const STREAM_CHUNKS_MODES: readonly StreamChunksMode[] = ['fold', 'events', 'spans'];

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function checkExporters(exporters: unknown): AITracingExporter[] {
  if (exporters === undefined) return [];
  if (!Array.isArray(exporters)) throw new AITracingConfigError('exporters', 'must be an array of exporters');
  exporters.forEach((exporter, index) => {
    const candidate = exporter as Partial<AITracingExporter> | null;
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      typeof candidate.exportEvent !== 'function' ||
      typeof candidate.shutdown !== 'function'
    ) {
      throw new AITracingConfigError(`exporters[${index}]`, 'must have exportEvent() and shutdown() methods');
    }
    if (!isNonEmptyString(candidate.name)) {
      throw new AITracingConfigError(`exporters[${index}].name`, 'must be a non-empty string');
    }
  });
  return exporters as AITracingExporter[];
}

function checkProcessors(processors: unknown): AISpanProcessor[] {
  if (processors === undefined) return [];
  if (!Array.isArray(processors))
    throw new AITracingConfigError('processors', 'must be an array of processors');
  processors.forEach((processor, index) => {
    const candidate = processor as Partial<AISpanProcessor> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.process !== 'function') {
      throw new AITracingConfigError(`processors[${index}]`, 'must have a process() method');
    }
  });
  return processors as AISpanProcessor[];
}

function checkBridge(bridge: unknown): TracingBridge | null {
  if (bridge === undefined || bridge === null) return null;
  const candidate = bridge as Partial<TracingBridge>;
  if (typeof candidate.externalParent !== 'function' || typeof candidate.startSpan !== 'function') {
    throw new AITracingConfigError(
      'bridge',
      'must be a tracing bridge with externalParent() and startSpan() methods (e.g. new OtelBridge())',
    );
  }
  return bridge as TracingBridge;
}

const BAGGAGE_KEYS: readonly BaggageAttributeKey[] = ['userId', 'sessionId', 'tags'];

function checkBaggage(baggage: unknown): BaggagePropagationOptions | null {
  if (baggage === undefined || baggage === null) return null;
  if (typeof baggage !== 'object') {
    throw new AITracingConfigError(
      'baggage',
      "must be an object like { keys: ['userId', 'sessionId'] } or null",
    );
  }
  const { keys, maxBytes } = baggage as BaggagePropagationOptions;
  if (keys !== undefined && (!Array.isArray(keys) || !keys.every((key) => BAGGAGE_KEYS.includes(key)))) {
    throw new AITracingConfigError('baggage.keys', "must be an array of 'userId', 'sessionId', 'tags'");
  }
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > 8_192)) {
    throw new AITracingConfigError('baggage.maxBytes', 'must be an integer from 1 to 8192');
  }
  return Object.freeze({
    keys: Object.freeze([...(keys ?? DEFAULT_BAGGAGE_KEYS)]),
    maxBytes: maxBytes ?? DEFAULT_BAGGAGE_MAX_BYTES,
  });
}

function checkLogger(logger: unknown): AITracingLogger | undefined {
  if (logger === undefined) return undefined;
  const candidate = logger as Partial<AITracingLogger> | null;
  const complete =
    typeof candidate === 'object' &&
    candidate !== null &&
    (['debug', 'info', 'warn', 'error'] as const).every((level) => typeof candidate[level] === 'function');
  if (!complete) throw new AITracingConfigError('logger', 'must have debug, info, warn and error methods');
  return logger as AITracingLogger;
}

/**
 * Check a tracing config and apply every default in one place. Throws
 * `AITracingConfigError` naming the field and what it allows.
 */
export function resolveTracingConfig(input: TracingConstructorConfig): ResolvedTracingConfig {
  if (typeof input !== 'object' || input === null) {
    throw new AITracingConfigError('config', "must be an object like { serviceName: 'my-app' }");
  }
  // The logger first: invalid environment variables are reported through it.
  if (input.logLevel !== undefined && !isLogLevel(input.logLevel)) {
    throw new AITracingConfigError('logLevel', "must be one of 'debug', 'info', 'warn', 'error', 'silent'");
  }
  const logger = checkLogger(input.logger) ?? new DefaultLogger({ level: input.logLevel });
  const env = readTracingEnv(logger);
  const serviceName = input.serviceName ?? env.serviceName;
  if (!isNonEmptyString(serviceName)) {
    throw new AITracingConfigError(
      'serviceName',
      'must be a non-empty string (or set AITRACING_SERVICE_NAME / OTEL_SERVICE_NAME)',
    );
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
    throw new AITracingConfigError('enabled', `must be true or false, got ${typeof input.enabled}`);
  }
  if (input.name !== undefined && !isNonEmptyString(input.name)) {
    throw new AITracingConfigError('name', 'must be a non-empty string');
  }
  if (input.includeInternalSpans !== undefined && typeof input.includeInternalSpans !== 'boolean') {
    throw new AITracingConfigError('includeInternalSpans', 'must be a boolean');
  }
  const streamChunks = input.streamChunks ?? 'fold';
  if (!STREAM_CHUNKS_MODES.includes(streamChunks)) {
    throw new AITracingConfigError('streamChunks', "must be one of 'fold', 'events', 'spans'");
  }
  const filterOption = input.sensitiveDataFilter ?? true;
  if (typeof filterOption !== 'boolean' && (typeof filterOption !== 'object' || filterOption === null)) {
    throw new AITracingConfigError('sensitiveDataFilter', 'must be a boolean or an options object');
  }
  const costOption = input.costEstimation ?? true;
  if (typeof costOption !== 'boolean' && (typeof costOption !== 'object' || costOption === null)) {
    throw new AITracingConfigError('costEstimation', 'must be a boolean or an options object');
  }
  const exporters = checkExporters(input.exporters);
  const bridge = checkBridge(input.bridge);
  const baggage = checkBaggage(input.baggage);
  const userProcessors = checkProcessors(input.processors);
  const { limits, includeIO } = resolveSerializationOptions(input.serialization);

  const processors: AISpanProcessor[] = [];
  // The filter runs first so that no user processor ever sees a secret.
  const userHasFilter = userProcessors.some((processor) => processor instanceof SensitiveDataFilter);
  if (filterOption !== false && !userHasFilter) {
    processors.push(new SensitiveDataFilter(filterOption === true ? undefined : filterOption));
  }
  processors.push(...userProcessors);
  const userHasCostEstimator = userProcessors.some((processor) => processor instanceof CostEstimator);
  if (costOption !== false && !userHasCostEstimator) {
    // Right after the sensitive-data filter (wherever the user put it), before other processors.
    const filterIndex = processors.findIndex((processor) => processor instanceof SensitiveDataFilter);
    processors.splice(
      filterIndex + 1,
      0,
      new CostEstimator({ logger, ...(costOption === true ? {} : costOption) }),
    );
  }

  const enabled = input.enabled ?? env.enabled ?? true;
  const sampling: SamplingStrategy =
    input.sampling ??
    (env.sampleRate === undefined ? { type: 'always' } : { type: 'ratio', probability: env.sampleRate });
  const config: Required<TracingConfig> = {
    name: input.name ?? serviceName,
    serviceName,
    enabled,
    sampling,
    exporters,
    processors,
    includeInternalSpans: input.includeInternalSpans ?? false,
    sensitiveDataFilter: filterOption,
    costEstimation: costOption,
    serialization: { ...limits, includeIO },
    logger,
    logLevel: input.logLevel ?? 'warn',
    flushOnExit: resolveFlushOnExit(input.flushOnExit, logger),
    bridge,
    streamChunks,
    baggage,
  };
  return { config: Object.freeze(config), processors, limits, includeIO };
}
