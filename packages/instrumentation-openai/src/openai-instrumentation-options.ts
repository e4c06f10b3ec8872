import type { InstrumentationOptions } from '@aitracing/core/instrumentation';

/**
 * Options of {@link instrumentOpenAI}: the ones every aitracing
 * instrumentation shares.
 *
 * - `tracing`: where a call starts a root span when no span is current
 *   (default: the app's instance set up with `setupAITracing`/`Observability`).
 * - `captureContent`: record prompts and completions (default:
 *   `AITRACING_CAPTURE_CONTENT`, else `true`).
 * - `captureChunks`: one `LLM_CHUNK` event span per streamed chunk
 *   (default: `false`).
 */
export interface OpenAIInstrumentationOptions extends InstrumentationOptions {}
