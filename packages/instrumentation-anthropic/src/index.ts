// Public API of @aitracing/instrumentation-anthropic: everything else is internal.
export type { AnthropicInstrumentationOptions } from './instrument-anthropic';
export { instrumentAnthropic } from './instrument-anthropic';
