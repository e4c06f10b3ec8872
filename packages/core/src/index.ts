// Public API of @aitracing/core. Every name here is a promise we keep.

// The price type of `costEstimation.prices`, owned by the price table's package.
export type { ModelPrice } from '@aitracing/model-prices';
export { getCurrentSpan } from './context/async-context';
export { getPropagatedAttributes, propagateAttributes } from './context/attribute-scope';
export type { SpanStarter, StartInContextOptions } from './context/start-span-in-context';
export { startSpanInContext } from './context/start-span-in-context';
export type { LogTraceContext } from './context/trace-context';
export { getTraceContext } from './context/trace-context';
export type { TracedOptions } from './context/traced';
export { traced, tracedAsync } from './context/traced';
export { CostEstimator, computeCost } from './cost/cost-estimator';
export type { InstrumentClassOptions } from './decorators/instrument-class';
export { InstrumentClass } from './decorators/instrument-class';
export type { WithSpanOptions } from './decorators/with-span';
export { withSpan } from './decorators/with-span';
export { AITracingError } from './errors/aitracing-error';
export { AITracingConfigError } from './errors/config-error';
export { DEFAULT_FLUSH_TIMEOUT_MS } from './exporter-kit/default-timeout';
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
export { createPiiRedactor } from './redaction/create-pii-redactor';
export { redactSecrets } from './redaction/redact-secrets';
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
export { score } from './scores/score';
export { safeSerialize } from './serialization/safe-serialize';
export type { SerializationLimits } from './serialization/serialization-options';
export { DEFAULT_SERIALIZATION_LIMITS } from './serialization/serialization-options';
export { DefaultAITracing } from './tracing/default-ai-tracing';
export { TRACING_ENV } from './tracing/env-config';
export { EXIT_FLUSH_TIMEOUT_MS, FLUSH_ON_EXIT_ENV } from './tracing/exit-flush';
export type { TracingConstructorConfig } from './tracing/resolve-config';
export type { CostEstimatorOptions } from './types/cost-estimator-options';
export type { AISpanErrorInfo, ExportedAISpan, ExportedAISpanEvent } from './types/exported-span';
export type {
  AITracingEvent,
  AITracingExporter,
  AITracingScoreEvent,
  AITracingSpanEvent,
  ExporterInitOptions,
} from './types/exporter';
export { AITracingEventType } from './types/exporter';
export type { KeyRedactor } from './types/key-redactor';
export type { AITracingLogger, LogLevel } from './types/logger';
export type { PiiKind, PiiOptions, PiiReplacement } from './types/pii-options';
export type { ProcessorFastPath } from './types/processor-fast-path';
export type {
  BaggageAttributeKey,
  BaggagePropagationOptions,
  PropagatedAttributes,
  SpanContextOptions,
} from './types/propagated-attributes';
export type { RedactionPolicy } from './types/redaction-policy';
export type {
  ConfigSelector,
  ConfigSelectorOptions,
  ObservabilityRegistryConfig,
} from './types/registry-config';
export { RuntimeContext } from './types/runtime-context';
export type { CustomSamplerOptions, SamplingStrategy } from './types/sampling';
export { SamplingStrategyType } from './types/sampling';
export type {
  AIScore,
  ExportedScore,
  ScoreDataType,
  ScoreInput,
  ScoreSource,
  SpanScoreInput,
} from './types/score';
export type { RedactionStyle, SensitiveDataFilterOptions } from './types/sensitive-data-filter-options';
export type { SerializationOptions } from './types/serialization-options';
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
  PromptReference,
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
export type {
  ChildEventOptions,
  ChildSpanOptions,
  EndSpanOptions,
  ErrorSpanOptions,
  UpdateSpanOptions,
} from './types/span-options';
export { AISpanType, InternalSpans } from './types/span-type';
export type {
  AISpan,
  AISpanProcessor,
  AITracing,
  AnyAISpan,
  StartSpanOptions,
  StreamChunksMode,
  TracingConfig,
} from './types/tracing';
export type {
  BridgedSpan,
  BridgeSpanStart,
  ExternalParent,
  TracingBridge,
  TracingBridgeInitOptions,
} from './types/tracing-bridge';
export type { TracingContext, TracingOptions, TracingProperties } from './types/tracing-context';
export type { TracingPolicy } from './types/tracing-policy';
