import { AISpanType, type ExportedAISpan, withSpan } from '@aitracing/core';
import { CAPTURE_CONTENT_ENV, markInstrumentedGeneration } from '@aitracing/core/instrumentation';
import type OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentOpenAI } from '../src/index';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './fake-openai-server';
import { memoryTracing, type OpenAIConstructor, SDK_VERSIONS } from './sdk-versions';

const MESSAGES = [{ role: 'user' as const, content: 'Say hello.' }];
const STREAMED = {
  model: 'gpt-4o',
  messages: MESSAGES,
  stream: true as const,
  stream_options: { include_usage: true },
};

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

// Behaviour that does not depend on the SDK major: the oldest and newest runnable majors cover it.
const runnable = SDK_VERSIONS.filter((version) => version.supported);
const covered = [runnable[0], runnable[runnable.length - 1]].filter((version) => version !== undefined);

for (const version of covered) {
  describe(`instrumentOpenAI span tree and options (${version.label})`, () => {
    let server: FakeOpenAIServer;
    let OpenAIClient: OpenAIConstructor;

    beforeAll(async () => {
      server = await startFakeOpenAIServer();
      OpenAIClient = await version.load();
    });

    afterAll(async () => {
      await server.close();
    });

    afterEach(() => {
      delete process.env[CAPTURE_CONTENT_ENV];
    });

    const make = (): OpenAI =>
      new OpenAIClient({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });

    it('nests generations under the current span, and starts roots of options.tracing otherwise', async () => {
      const { tracing, exporter } = memoryTracing();
      const client = instrumentOpenAI(make(), { tracing });
      const root = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'agent',
        attributes: { agentId: 'a' },
      });
      await withSpan(root, async () => {
        await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
        await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
      });
      root.end();
      await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(3);
      expect(spans.filter((span) => span.parentSpanId === root.id)).toHaveLength(2);
      const alone = spans.find((span) => span.parentSpanId === undefined);
      expect(alone?.isRootSpan).toBe(true);
      expect(alone?.traceId).not.toBe(root.traceId);
      await tracing.shutdown();
    });

    it('records one generation when a client is instrumented twice', async () => {
      const { tracing, exporter } = memoryTracing();
      const client = make();
      expect(instrumentOpenAI(instrumentOpenAI(client, { tracing }), { tracing })).toBe(client);
      await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
      await tracing.flush();
      expect(generations(exporter.getFinishedSpans())).toHaveLength(1);
      await tracing.shutdown();
    });

    it('passes straight through inside a generation an outer instrumentation records', async () => {
      const { tracing, exporter } = memoryTracing();
      const client = instrumentOpenAI(make(), { tracing });
      const outer = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'outer layer' });
      markInstrumentedGeneration(outer);
      await withSpan(outer, () => client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES }));
      outer.end();
      await tracing.flush();
      expect(generations(exporter.getFinishedSpans()).map((span) => span.name)).toEqual(['outer layer']);
      await tracing.shutdown();
    });

    it('keeps prompts and completions out with captureContent: false, or AITRACING_CAPTURE_CONTENT=false', async () => {
      const { tracing, exporter } = memoryTracing();
      const byOption = instrumentOpenAI(make(), { tracing, captureContent: false });
      process.env[CAPTURE_CONTENT_ENV] = 'false';
      const byEnv = instrumentOpenAI(make(), { tracing });
      await byOption.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
      await collect(await byEnv.chat.completions.create(STREAMED));
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(2);
      for (const span of spans) {
        expect(span.input).toBeUndefined();
        expect(span.output).toBeUndefined();
        expect(span.attributes?.usage?.totalTokens).toBe(150);
        expect(span.attributes?.model).toBe('gpt-4o');
      }
      expect(spans[1]?.attributes?.completionStartTime).toEqual(expect.any(Number));
      await tracing.shutdown();
    });

    it('records nothing when sampled out, and the app gets the same results', async () => {
      const { tracing, exporter } = memoryTracing('never');
      const plain = make();
      const traced = instrumentOpenAI(make(), { tracing });
      const request = { model: 'gpt-4o', messages: MESSAGES };
      expect(await traced.chat.completions.create(request)).toEqual(
        await plain.chat.completions.create(request),
      );
      expect(await collect(await traced.chat.completions.create(STREAMED))).toEqual(
        await collect(await plain.chat.completions.create(STREAMED)),
      );
      await tracing.flush();
      expect(exporter.getFinishedSpans()).toEqual([]);
      await tracing.shutdown();
    });

    it('folds the chunks into their generation by default with captureChunks: true', async () => {
      const { tracing, exporter } = memoryTracing();
      const client = instrumentOpenAI(make(), { tracing, captureChunks: true });
      const chunks = await collect(await client.chat.completions.create(STREAMED));
      await tracing.flush();
      const spans = exporter.getFinishedSpans();
      expect(spans.some((span) => span.type === AISpanType.LLM_CHUNK)).toBe(false);
      expect(generations(spans)[0]?.attributes?.chunkCount).toBe(chunks.length);
      await tracing.shutdown();
    });

    it("records one LLM_CHUNK span per chunk with captureChunks: true and streamChunks: 'spans'", async () => {
      const { tracing, exporter } = memoryTracing('always', 'spans');
      const client = instrumentOpenAI(make(), { tracing, captureChunks: true });
      const chunks = await collect(await client.chat.completions.create(STREAMED));
      await tracing.flush();
      const [generation] = generations(exporter.getFinishedSpans());
      const chunkSpans = exporter.getFinishedSpans().filter((span) => span.type === AISpanType.LLM_CHUNK);
      expect(chunkSpans).toHaveLength(chunks.length);
      expect(chunkSpans.every((span) => span.parentSpanId === generation?.id)).toBe(true);
      expect(chunkSpans.map((span) => span.output).join('')).toBe('Hello there!');
      await tracing.shutdown();
    });
  });
}
