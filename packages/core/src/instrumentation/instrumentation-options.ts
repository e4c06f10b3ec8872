import type { SpanStarter } from '../context/start-span-in-context';
import type { AITracing } from '../types/tracing';

/**
 * Options every aitracing instrumentation accepts (each package adds its own).
 */
export interface InstrumentationOptions {
  /**
   * Where a call starts a root span when no span is current (a child of the
   * current span is always preferred).
   * @defaultValue the app's instance (`setupAITracing`, selector applied)
   */
  tracing?: SpanStarter | AITracing;
  /**
   * Record prompts and completions (input and output). With `false`, spans
   * keep model, usage, timings and errors only.
   * @defaultValue `AITRACING_CAPTURE_CONTENT`, else `true`
   */
  captureContent?: boolean;
  /**
   * Record one `LLM_CHUNK` event span per streamed chunk (the generation
   * always carries the chunk count, full text and time to first token).
   * @defaultValue `false`
   */
  captureChunks?: boolean;
}
