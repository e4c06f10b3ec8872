import { describe, expect, it } from 'vitest';
import { instrumentAISDK } from '../src/index';
import { chatCompletion, FakeOpenAIServer } from './fake-openai-server';
import { describeAISDK } from './scenarios';
import { memoryTracing, spanNamed } from './support';

// ai 7 needs Node >= 22: these run in CI's Node 24 step (scripts/test-on-node-24.sh).
const nodeMajor = Number(process.versions.node.split('.')[0]);

if (nodeMajor >= 22) {
  // generateObject/streamObject are deprecated in v7 and would print a warning per call.
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

  describeAISDK('AI SDK v7 (telemetry integration)', async () => {
    const ai = await import('ai-v7');
    const { MockLanguageModelV4 } = await import('ai-v7/test');
    const { createOpenAI } = await import('@ai-sdk/openai-v4');
    return {
      generateText: ai.generateText as never,
      streamText: ai.streamText as never,
      generateObject: ai.generateObject as never,
      streamObject: ai.streamObject as never,
      embed: ai.embed as never,
      tool: ai.tool as never,
      jsonSchema: ai.jsonSchema as never,
      stepCountIs: ai.stepCountIs as never,
      openai: (baseURL) => createOpenAI({ baseURL, apiKey: 'sk-test' }),
      telemetryOption: (telemetry) => ({ telemetry: { integrations: [telemetry] } }),
      reportsFirstChunkBeforeEnd: false,
      generateReportsUsageDetails: true,
      mockModel: (probe) =>
        new MockLanguageModelV4({
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
    };
  });

  describe('AI SDK v7 registerTelemetry', () => {
    it('traces every call once registered app-wide, and once only when registered twice', async () => {
      const ai = await import('ai-v7');
      const { createOpenAI } = await import('@ai-sdk/openai-v4');
      const server = new FakeOpenAIServer();
      const baseURL = await server.start();
      const { tracing, spans } = memoryTracing();
      const globals = globalThis as { AI_SDK_TELEMETRY_INTEGRATIONS?: unknown[] };
      const before = globals.AI_SDK_TELEMETRY_INTEGRATIONS?.slice() ?? [];
      try {
        ai.registerTelemetry(instrumentAISDK({ tracing }), instrumentAISDK({ tracing }));
        server.reply(chatCompletion({ text: 'Hi' }));
        const result = await ai.generateText({
          model: createOpenAI({ baseURL, apiKey: 'sk-test' }).chat('gpt-4o-mini'),
          prompt: 'Hello',
        });
        expect(result.text).toBe('Hi');
        const all = await spans();
        expect(all.map((span) => span.name).sort()).toEqual(['ai.generateText', 'chat gpt-4o-mini']);
        expect(spanNamed(all, 'chat gpt-4o-mini').attributes).toMatchObject({ usage: { promptTokens: 120 } });
      } finally {
        globals.AI_SDK_TELEMETRY_INTEGRATIONS = before;
        await server.close();
      }
    });
  });
} else {
  describe.skip('AI SDK v7 (needs Node >= 22: runs in the Node 24 step)', () => {
    it('is skipped on this Node', () => {});
  });
}
