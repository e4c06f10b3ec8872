// Public API of @aitracing/instrumentation-ai-sdk.

export type { AISDKTelemetry } from './ai-sdk-telemetry';
export type { AISDKInstrumentationOptions } from './instrument-ai-sdk';
export { instrumentAISDK } from './instrument-ai-sdk';
export type {
  OpenTelemetrySpanContextLike,
  OpenTelemetrySpanLike,
  OpenTelemetrySpanOptionsLike,
  OpenTelemetryTracerLike,
} from './opentelemetry-shapes';
