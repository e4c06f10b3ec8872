export { instrumentOpenAI } from './instrument-openai';
export type { OpenAIInstrumentationOptions } from './openai-instrumentation-options';
