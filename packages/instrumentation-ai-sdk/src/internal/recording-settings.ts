import type { AITracing, SpanStarter } from '@aitracing/core';

/** The instrumentation options, resolved once by `instrumentAISDK`. */
export interface RecordingSettings {
  /** Where calls outside any current span start their root span */
  readonly tracing: SpanStarter | AITracing | undefined;
  /** Record prompts and completions */
  readonly captureContent: boolean;
}
