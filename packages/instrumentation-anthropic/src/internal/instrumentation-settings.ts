import type { AITracing, SpanStarter } from '@aitracing/core';
import { type InstrumentationOptions, resolveCaptureContent } from '@aitracing/core/instrumentation';

/** Options resolved once, when a client is instrumented. */
export interface ResolvedSettings {
  tracing: SpanStarter | AITracing | undefined;
  captureContent: boolean;
  captureChunks: boolean;
}

/** Apply defaults (and `AITRACING_CAPTURE_CONTENT`) in one place. */
export function resolveSettings(options: InstrumentationOptions | undefined): ResolvedSettings {
  return {
    tracing: options?.tracing,
    captureContent: resolveCaptureContent(options?.captureContent),
    captureChunks: options?.captureChunks === true,
  };
}
