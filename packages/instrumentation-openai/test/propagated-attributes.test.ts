import { AISpanType, propagateAttributes } from '@aitracing/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentOpenAI } from '../src/index';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './fake-openai-server';
import { memoryTracing, SDK_VERSIONS } from './sdk-versions';

const MESSAGES = [{ role: 'user' as const, content: 'Say hello.' }];
const newest = SDK_VERSIONS.filter((version) => version.supported).at(-1);

describe.runIf(newest !== undefined)('instrumentOpenAI inside propagateAttributes', () => {
  let server: FakeOpenAIServer;

  beforeAll(async () => {
    server = await startFakeOpenAIServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('gives generations the scope’s user, session and tags, a stream consumed later included', async () => {
    const OpenAIClient = await newest!.load();
    const { tracing, exporter } = memoryTracing();
    const client = instrumentOpenAI(
      new OpenAIClient({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 }),
      { tracing },
    );
    const stream = await propagateAttributes(
      { userId: 'u-7', sessionId: 'chat-7', tags: ['beta'] },
      async () => {
        await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
        return client.chat.completions.create({
          model: 'gpt-4o',
          messages: MESSAGES,
          stream: true,
          stream_options: { include_usage: true },
        });
      },
    );
    for await (const _chunk of stream) {
      // consumed outside the scope
    }
    await tracing.flush();
    const generations = exporter.getFinishedSpans().filter((span) => span.type === AISpanType.LLM_GENERATION);
    expect(generations).toHaveLength(2);
    for (const generation of generations) {
      expect(generation).toMatchObject({ userId: 'u-7', sessionId: 'chat-7', tags: ['beta'] });
    }
    await tracing.shutdown();
  });
});
