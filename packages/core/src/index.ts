// Public API of @aitracing/core. Every name here is a promise we keep.

export { RuntimeContext } from './context/runtime-context';
export { AITracingError } from './errors/aitracing-error';
export { AITracingConfigError } from './errors/config-error';
export type { DefaultLoggerOptions } from './logger/default-logger';
export { DefaultLogger, LOG_LEVEL_ENV } from './logger/default-logger';
export type { AITracingLogger, LogLevel } from './logger/logger';
export type { RedactionStyle, SensitiveDataFilterOptions } from './processors/sensitive-data-filter';
export { DEFAULT_SENSITIVE_FIELDS, SensitiveDataFilter } from './processors/sensitive-data-filter';
export { safeSerialize } from './serialization/safe-serialize';
export type { SerializationLimits, SerializationOptions } from './serialization/serialization-options';
export { DEFAULT_SERIALIZATION_LIMITS } from './serialization/serialization-options';
export type { SpanCreateOptions } from './spans/default-ai-span';
export { DefaultAISpan } from './spans/default-ai-span';
export type { SpanLifecycle } from './spans/span-lifecycle';
export { BaseAITracing, DEFAULT_FLUSH_TIMEOUT_MS } from './tracing/base-ai-tracing';
export { DefaultAITracing } from './tracing/default-ai-tracing';
export type { TracingConstructorConfig } from './tracing/resolve-config';
export type { AITracingEvent, AITracingExporter, ExporterInitOptions } from './types/exporter';
export { AITracingEventType } from './types/exporter';
export type { AISpanProcessor } from './types/processor';
export type {
  AISpan,
  AISpanErrorInfo,
  AnyAISpan,
  ChildEventOptions,
  ChildSpanOptions,
  EndSpanOptions,
  ErrorSpanOptions,
  ExportedAISpan,
  StartSpanOptions,
  UpdateSpanOptions,
} from './types/span';
export type {
  AgentRunAttributes,
  AIBaseAttributes,
  AISpanTypeMap,
  LLMChunkAttributes,
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
  SamplingStrategyType,
  TracingConfig,
  TracingContext,
  TracingOptions,
  TracingPolicy,
  TracingProperties,
} from './types/tracing';
