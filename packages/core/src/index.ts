// Public API of @aitracing/core. Every name here is a promise we keep.

export { getCurrentSpan } from './context/async-context';
export type { SpanStarter, StartInContextOptions } from './context/start-span-in-context';
export { startSpanInContext } from './context/start-span-in-context';
export type { LogTraceContext } from './context/trace-context';
export { getTraceContext } from './context/trace-context';
export type { TracedOptions } from './context/traced';
export { traced, tracedAsync } from './context/traced';
export { CostEstimator, computeCost } from './cost/cost-estimator';
export { MODEL_PRICE_SOURCES, MODEL_PRICES, MODEL_PRICES_AS_OF } from './cost/model-prices';
export { findModelPrice } from './cost/price-lookup';
export type { InstrumentClassOptions } from './decorators/instrument-class';
export { InstrumentClass } from './decorators/instrument-class';
export type { WithSpanOptions } from './decorators/with-span';
export { withSpan } from './decorators/with-span';
export { AITracingError } from './errors/aitracing-error';
export { AITracingConfigError } from './errors/config-error';
export type { DefaultLoggerOptions } from './logger/default-logger';
export { DefaultLogger, LOG_LEVEL_ENV } from './logger/default-logger';
export type { ObservabilityConfig } from './observability/observability';
export { DEFAULT_INSTANCE_NAME, Observability } from './observability/observability';
export { setupAITracing } from './observability/setup-ai-tracing';
export { DEFAULT_SENSITIVE_FIELDS, SensitiveDataFilter } from './processors/sensitive-data-filter';
export type { BaggageEntry } from './propagation/baggage';
export { parseBaggage } from './propagation/baggage';
export type { HeaderCarrier, RemoteTraceContext } from './propagation/propagation';
export { extractContext, injectContext } from './propagation/propagation';
export { AITracingRegistry } from './registry/ai-tracing-registry';
export {
  clearAITracingRegistry,
  getAITracing,
  getAllAITracing,
  getDefaultAITracing,
  getSelectedAITracing,
  hasAITracing,
  registerAITracing,
  setSelector,
  shutdownAITracingRegistry,
  unregisterAITracing,
} from './registry/default-registry';
export { safeSerialize } from './serialization/safe-serialize';
export type { SerializationLimits } from './serialization/serialization-options';
export { DEFAULT_SERIALIZATION_LIMITS } from './serialization/serialization-options';
export type { SpanCreateOptions } from './spans/default-ai-span';
export { DefaultAISpan } from './spans/default-ai-span';
export type { SpanLifecycle } from './spans/span-lifecycle';
export { BaseAITracing, DEFAULT_FLUSH_TIMEOUT_MS } from './tracing/base-ai-tracing';
export { DefaultAITracing } from './tracing/default-ai-tracing';
export { TRACING_ENV } from './tracing/env-config';
export { EXIT_FLUSH_TIMEOUT_MS, FLUSH_ON_EXIT_ENV } from './tracing/exit-flush';
export type { TracingConstructorConfig } from './tracing/resolve-config';
export type { CostEstimatorOptions } from './types/cost-estimator-options';
export type { AITracingEvent, AITracingExporter, ExporterInitOptions } from './types/exporter';
export { AITracingEventType } from './types/exporter';
export type { AITracingLogger, LogLevel } from './types/logger';
export type { ModelPrice } from './types/model-price';
export type { AISpanProcessor } from './types/processor';
export { RuntimeContext } from './types/runtime-context';
export type { RedactionStyle, SensitiveDataFilterOptions } from './types/sensitive-data-filter-options';
export type { SerializationOptions } from './types/serialization-options';
export type {
  AISpan,
  AISpanErrorInfo,
  AnyAISpan,
  ChildEventOptions,
  ChildSpanOptions,
  EndSpanOptions,
  ErrorSpanOptions,
  ExportedAISpan,
  ExportedAISpanEvent,
  StartSpanOptions,
  UpdateSpanOptions,
} from './types/span';
export type {
  AgentRunAttributes,
  AIBaseAttributes,
  AISpanTypeMap,
  LLMChunkAttributes,
  LLMCost,
  LLMGenerationAttributes,
  LLMParameters,
  LLMUsage,
  MCPToolCallAttributes,
  ToolCallAttributes,
  WorkflowConditionalAttributes,
  WorkflowConditionalEvalAttributes,
  WorkflowLoopAttributes,
  WorkflowParallelAttributes,
  WorkflowRunAttributes,
  WorkflowRunStatus,
  WorkflowSleepAttributes,
  WorkflowStepAttributes,
  WorkflowStepStatus,
  WorkflowWaitEventAttributes,
} from './types/span-attributes';
export { AISpanType, InternalSpans } from './types/span-type';
export type {
  AITracing,
  ConfigSelector,
  ConfigSelectorOptions,
  CustomSamplerOptions,
  ObservabilityRegistryConfig,
  SamplingStrategy,
  StreamChunksMode,
  TracingConfig,
  TracingContext,
  TracingOptions,
  TracingPolicy,
  TracingProperties,
} from './types/tracing';
export { SamplingStrategyType } from './types/tracing';
