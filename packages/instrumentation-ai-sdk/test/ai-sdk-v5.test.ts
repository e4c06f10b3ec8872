import { createOpenAI } from '@ai-sdk/openai-v2';
import {
  embed,
  generateObject,
  generateText,
  jsonSchema,
  stepCountIs,
  streamObject,
  streamText,
  tool,
} from 'ai-v5';
import { MockLanguageModelV2 } from 'ai-v5/test';
import { describeAISDK } from './scenarios';

// The oldest supported release: ai 5.0.0 with @ai-sdk/openai 2.0.0.
describeAISDK('AI SDK v5 (experimental_telemetry per call)', () => ({
  generateText: generateText as never,
  streamText: streamText as never,
  generateObject: generateObject as never,
  streamObject: streamObject as never,
  embed: embed as never,
  tool: tool as never,
  jsonSchema: jsonSchema as never,
  stepCountIs,
  openai: (baseURL) => createOpenAI({ baseURL, apiKey: 'sk-test' }),
  telemetryOption: (telemetry) => ({ experimental_telemetry: telemetry }),
  reportsFirstChunkBeforeEnd: true,
  generateReportsUsageDetails: false,
  mockModel: (probe) =>
    new MockLanguageModelV2({
      doGenerate: async () => {
        probe();
        return {
          content: [{ type: 'text', text: 'mock answer' }],
          finishReason: 'stop',
          usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
          warnings: [],
        };
      },
    }),
}));
