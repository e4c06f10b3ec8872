import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentOpenAI } from '../src/index';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './fake-openai-server';
import { memoryTracing, type OpenAIConstructor, SDK_VERSIONS } from './sdk-versions';

function generations(spans: ExportedAISpan[]): ExportedAISpan<AISpanType.LLM_GENERATION>[] {
  return spans.filter(
    (span) => span.type === AISpanType.LLM_GENERATION,
  ) as ExportedAISpan<AISpanType.LLM_GENERATION>[];
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const RESPONSE_USAGE = {
  promptTokens: 200,
  completionTokens: 40,
  totalTokens: 240,
  promptCacheHitTokens: 150,
  reasoningTokens: 16,
};

for (const version of SDK_VERSIONS) {
  describe.runIf(version.supported)(`instrumentOpenAI responses and embeddings (${version.label})`, () => {
    let server: FakeOpenAIServer;
    let OpenAIClient: OpenAIConstructor;

    beforeAll(async () => {
      server = await startFakeOpenAIServer();
      OpenAIClient = await version.load();
    });

    afterAll(async () => {
      await server.close();
    });

    function clients() {
      const { tracing, exporter } = memoryTracing();
      const make = (): OpenAI =>
        new OpenAIClient({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
      return { plain: make(), traced: instrumentOpenAI(make(), { tracing }), tracing, exporter };
    }

    it('records responses.create with instructions, output text, cached and reasoning tokens', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = {
        model: 'gpt-5',
        instructions: 'Answer in French.',
        input: 'Say hello.',
        max_output_tokens: 64,
      };
      const expected = await plain.responses.create(request);
      const result = await traced.responses.create(request);
      expect(result).toEqual(expected);
      expect(result.output_text).toBe('Bonjour!');
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.name).toBe('chat gpt-5');
      expect(span?.attributes).toMatchObject({
        model: 'gpt-5',
        responseModel: 'gpt-5-2024-08-06',
        provider: 'openai',
        streaming: false,
        finishReason: 'completed',
        parameters: { maxOutputTokens: 64 },
        usage: RESPONSE_USAGE,
      });
      expect(span?.input).toEqual({ instructions: 'Answer in French.', input: 'Say hello.' });
      expect(span?.output).toEqual({ role: 'assistant', content: 'Bonjour!' });
      await tracing.shutdown();
    });

    it('streams the same Responses API events; the generation takes usage from response.completed', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'gpt-5', input: 'Say hello.', stream: true as const };
      const expected = await collect(await plain.responses.create(request));
      const events = await collect(await traced.responses.create(request));
      expect(events).toEqual(expected);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.attributes).toMatchObject({
        streaming: true,
        finishReason: 'completed',
        usage: RESPONSE_USAGE,
      });
      expect(span?.attributes?.completionStartTime).toBeGreaterThanOrEqual(span?.startTime ?? Number.NaN);
      expect(span?.output).toEqual({ role: 'assistant', content: 'Bonjour!' });
      expect(span?.metadata).toMatchObject({ chunkCount: expected.length, streamStatus: 'completed' });
      await tracing.shutdown();
    });

    it('records streamed function calls of the Responses API', async () => {
      const { traced, tracing, exporter } = clients();
      await collect(await traced.responses.create({ model: 'tools', input: 'Weather?', stream: true }));
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.output).toEqual({
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      });
      await tracing.shutdown();
    });

    it('records one generation for responses.stream(), whose final response is unchanged', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const run = async (client: OpenAI) => {
        const stream = client.responses.stream({ model: 'gpt-5', input: 'Say hello.' });
        const deltas: string[] = [];
        stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
        return { deltas, final: await stream.finalResponse() };
      };
      const expected = await run(plain);
      expect(await run(traced)).toEqual(expected);
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(1);
      expect(spans[0]?.attributes?.usage).toMatchObject(RESPONSE_USAGE);
      await tracing.shutdown();
    });

    it('records embeddings as a generation with operation embeddings, token count and vector shape', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'text-embedding-3-small', input: ['first text', 'second text'] };
      const expected = await plain.embeddings.create(request);
      const result = await traced.embeddings.create(request);
      expect(result).toEqual(expected);
      expect(result.data[0]?.embedding).toEqual([0.25, -0.5, 0.75, 1]);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.name).toBe('embeddings text-embedding-3-small');
      expect(span?.attributes).toMatchObject({
        model: 'text-embedding-3-small',
        operation: 'embeddings',
        provider: 'openai',
        usage: { promptTokens: 8, totalTokens: 8 },
      });
      expect(span?.input).toEqual(['first text', 'second text']);
      expect(span?.output).toBeUndefined();
      expect(span?.metadata).toMatchObject({ count: 2, dimensions: 4 });
      await tracing.shutdown();
    });
  });
}
