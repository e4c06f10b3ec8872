import type { OpenTelemetryTracerLike } from './opentelemetry-shapes';

/**
 * What {@link instrumentAISDK} returns: one object that is both the AI SDK
 * v5/v6 per-call telemetry settings and an AI SDK v7 telemetry integration.
 *
 * - v5 / v6: pass it per call, `experimental_telemetry: telemetry`
 *   (`isEnabled`, `recordInputs`, `recordOutputs` and `tracer` are read).
 *   Spread it to add the SDK's own fields:
 *   `{ ...telemetry, functionId: 'support-agent', metadata: { userId } }`.
 * - v7: register it once, `registerTelemetry(telemetry)`, or per call
 *   `telemetry: { integrations: [telemetry] }`. Its lifecycle methods are
 *   called by the SDK, not by you.
 */
export interface AISDKTelemetry {
  /** Telemetry on for the call (v5/v6) */
  readonly isEnabled: true;
  /** `false` when content capture is off: the SDK then does not even serialise prompts (v5/v6) */
  readonly recordInputs: boolean;
  /** `false` when content capture is off (v5/v6) */
  readonly recordOutputs: boolean;
  /** The tracer the AI SDK v5/v6 records its spans with; they become aitracing spans */
  readonly tracer: OpenTelemetryTracerLike;
  /** v7: an operation starts (`generateText`, `streamText`, `generateObject`, `streamObject`, `embed`, `embedMany`) */
  onStart(event: unknown): void;
  /** v7: a model call starts */
  onLanguageModelCallStart(event: unknown): void;
  /** v7: runs the model call with its generation span current */
  executeLanguageModelCall<T>(options: { callId: string; execute: () => PromiseLike<T> }): PromiseLike<T>;
  /** v7: a model call ended */
  onLanguageModelCallEnd(event: unknown): void;
  /** v7: a step failed before producing a result */
  onStepError(event: unknown): void;
  /** v7: a tool execution starts */
  onToolExecutionStart(event: unknown): void;
  /** v7: runs the tool with its span current */
  executeTool<T>(options: {
    callId: string;
    toolCallId: string;
    execute: () => PromiseLike<T>;
  }): PromiseLike<T>;
  /** v7: a tool execution ended */
  onToolExecutionEnd(event: unknown): void;
  /** v7: the model call of `generateObject` / `streamObject` starts */
  onObjectStepStart(event: unknown): void;
  /** v7: the model call of `generateObject` / `streamObject` ended */
  onObjectStepEnd(event: unknown): void;
  /** v7: an operation ended */
  onEnd(event: unknown): void;
  /** v7: an operation failed */
  onError(event: unknown): void;
  /** v7: a stream was aborted */
  onAbort(event: unknown): void;
}
