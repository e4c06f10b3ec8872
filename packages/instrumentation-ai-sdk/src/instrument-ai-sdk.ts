import { type InstrumentationOptions, resolveCaptureContent } from '@aitracing/core/instrumentation';
import type { AISDKTelemetry } from './ai-sdk-telemetry';
import type { RecordingSettings } from './internal/recording-settings';
import { SdkTracer } from './internal/sdk-tracer';
import { TelemetryIntegration } from './internal/telemetry-integration';
import type { OpenTelemetryTracerLike } from './opentelemetry-shapes';

/**
 * Options of {@link instrumentAISDK}: where root spans go and whether prompts
 * and completions are recorded. `captureChunks` has no effect here: the AI
 * SDK's telemetry does not report individual chunks.
 */
export interface AISDKInstrumentationOptions extends InstrumentationOptions {}

class AISDKTelemetryObject extends TelemetryIntegration implements AISDKTelemetry {
  readonly isEnabled = true as const;
  readonly recordInputs: boolean;
  readonly recordOutputs: boolean;
  readonly tracer: OpenTelemetryTracerLike;

  constructor(settings: RecordingSettings) {
    super(settings);
    this.recordInputs = settings.captureContent;
    this.recordOutputs = settings.captureContent;
    this.tracer = new SdkTracer(settings);
  }
}

/**
 * Trace the Vercel AI SDK (`ai` v5, v6 and v7): `generateText` and
 * `streamText` become an `AGENT_RUN` span with one `LLM_GENERATION` per model
 * step and one `TOOL_CALL` per tool execution; `generateObject`,
 * `streamObject`, `embed` and `embedMany` become one `LLM_GENERATION`. Spans
 * are children of the current span (`withSpan`, `traced`), else roots of
 * `options.tracing`, else of the app's instance. Results, streams and errors
 * are the SDK's own, untouched; tracing failures never reach the app.
 *
 * Returns an {@link AISDKTelemetry}: pass it per call on v5/v6, register it
 * once on v7. Create it once per app and reuse it.
 *
 * @example
 * ```ts
 * // AI SDK v7: once, at startup
 * registerTelemetry(instrumentAISDK());
 *
 * // AI SDK v5 / v6: per call
 * const telemetry = instrumentAISDK();
 * await generateText({ model, prompt, experimental_telemetry: telemetry });
 * ```
 */
export function instrumentAISDK(options: AISDKInstrumentationOptions = {}): AISDKTelemetry {
  return new AISDKTelemetryObject({
    tracing: options.tracing,
    captureContent: resolveCaptureContent(options.captureContent),
  });
}
