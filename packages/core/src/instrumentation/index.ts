// `@aitracing/core/instrumentation`: what integration packages (OpenAI, Anthropic,
// AI SDK, MCP, your own) share. Start spans with `startSpanInContext` from the
// package index; run code under them with `withSpan`.

export { CAPTURE_CONTENT_ENV, resolveCaptureContent } from './capture-content';
export type { InstrumentationOptions } from './instrumentation-options';
export {
  insideInstrumentedGeneration,
  markInstrumentedGeneration,
  spanNow,
} from './instrumented-generation';
