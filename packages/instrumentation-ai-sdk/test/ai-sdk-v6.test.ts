import { createOpenAI } from '@ai-sdk/openai';
import {
  embed,
  generateObject,
  generateText,
  jsonSchema,
  stepCountIs,
  streamObject,
  streamText,
  tool,
} from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describeAISDK } from './scenarios';

describeAISDK('AI SDK v6 (experimental_telemetry per call)', () => ({
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
  generateReportsUsageDetails: true,
  mockModel: (probe) =>
    new MockLanguageModelV3({
      doGenerate: async () => {
        probe();
        return {
          content: [{ type: 'text', text: 'mock answer' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 2, text: 2, reasoning: undefined },
          },
          warnings: [],
        };
      },
    }),
}));
