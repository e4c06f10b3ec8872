import { AISpanType, type ExportedAISpan, withSpan } from '@aitracing/core';
import { spanNow } from '@aitracing/core/instrumentation';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentOpenAI } from '../src/index';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './fake-openai-server';
import { memoryTracing, type OpenAIConstructor, SDK_VERSIONS } from './sdk-versions';

const MESSAGES = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say hello.' },
];

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

for (const version of SDK_VERSIONS) {
  describe.runIf(version.supported)(`instrumentOpenAI chat completions (${version.label})`, () => {
    let server: FakeOpenAIServer;
    let OpenAIClient: OpenAIConstructor;

    beforeAll(async () => {
      server = await startFakeOpenAIServer();
      OpenAIClient = await version.load();
    });

    afterAll(async () => {
      await server.close();
    });

    function clients(options: Parameters<typeof instrumentOpenAI>[1] = {}) {
      const { tracing, exporter } = memoryTracing();
      const make = (): OpenAI =>
        new OpenAIClient({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
      const plain = make();
      const traced = instrumentOpenAI(make(), { tracing, ...options });
      return { plain, traced, tracing, exporter };
    }

    it('records a generation with model, parameters, messages, output, usage and finish reason', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'gpt-4o', messages: MESSAGES, temperature: 0.2, max_tokens: 50, stop: 'END' };
      const expected = await plain.chat.completions.create(request);
      const result = await traced.chat.completions.create(request);
      expect(result).toEqual(expected);
      expect(result._request_id).toBe('req_fake_123');
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.name).toBe('chat gpt-4o');
      expect(span?.isRootSpan).toBe(true);
      expect(span?.attributes).toMatchObject({
        model: 'gpt-4o',
        responseModel: 'gpt-4o-2024-08-06',
        provider: 'openai',
        operation: 'chat',
        streaming: false,
        finishReason: 'stop',
        parameters: { temperature: 0.2, maxOutputTokens: 50, stopSequences: ['END'] },
        usage: {
          promptTokens: 120,
          completionTokens: 30,
          totalTokens: 150,
          promptCacheHitTokens: 100,
          reasoningTokens: 12,
        },
      });
      expect(span?.input).toEqual(MESSAGES);
      expect(span?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
      await tracing.shutdown();
    });

    it('records the tool calls the model asked for', async () => {
      const { traced, tracing, exporter } = clients();
      await traced.chat.completions.create({ model: 'tools', messages: MESSAGES });
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.attributes?.finishReason).toBe('tool_calls');
      expect(span?.output).toEqual({
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_time', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
        ],
      });
      await tracing.shutdown();
    });

    it('streams the same chunks, and the generation carries text, usage, chunk count and time to first token', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = {
        model: 'gpt-4o',
        messages: MESSAGES,
        stream: true as const,
        stream_options: { include_usage: true },
      };
      const expected = await collect(await plain.chat.completions.create(request));
      const root = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'agent',
        attributes: { agentId: 'a' },
      });
      const chunks = await withSpan(root, async () => collect(await traced.chat.completions.create(request)));
      root.end();
      expect(chunks).toEqual(expected);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.parentSpanId).toBe(root.id);
      expect(span?.attributes).toMatchObject({
        streaming: true,
        finishReason: 'stop',
        usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150, promptCacheHitTokens: 100 },
      });
      expect(span?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
      expect(span?.metadata).toMatchObject({ chunkCount: expected.length, streamStatus: 'completed' });
      const started = span?.attributes?.completionStartTime ?? Number.NaN;
      expect(started).toBeGreaterThanOrEqual(span?.startTime ?? Number.POSITIVE_INFINITY);
      expect(started).toBeLessThanOrEqual(span?.endTime ?? Number.NEGATIVE_INFINITY);
      expect(exporter.getFinishedSpans().some((entry) => entry.type === AISpanType.LLM_CHUNK)).toBe(false);
      await tracing.shutdown();
    });

    it('never asks for usage the app did not ask for: then usage is simply absent', async () => {
      const { traced, tracing, exporter } = clients();
      const before = server.requests.length;
      await collect(
        await traced.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
      );
      expect(server.requests[before]?.body).not.toHaveProperty('stream_options');
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.attributes?.usage).toBeUndefined();
      expect(span?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
      await tracing.shutdown();
    });

    it('takes the time to first token at the first chunk with content, not the first event', async () => {
      const { traced, tracing, exporter } = clients();
      const root = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'agent',
        attributes: { agentId: 'a' },
      });
      let afterRoleChunk = 0;
      await withSpan(root, async () => {
        const stream = await traced.chat.completions.create({
          model: 'gated',
          messages: MESSAGES,
          stream: true,
        });
        const iterator = stream[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.value?.choices[0]?.delta.content).toBe('');
        afterRoleChunk = spanNow(root);
        server.release();
        while (!(await iterator.next()).done) {}
      });
      root.end();
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.attributes?.completionStartTime).toBeGreaterThanOrEqual(afterRoleChunk);
      await tracing.shutdown();
    });

    it('joins streamed tool-call argument pieces into complete tool calls', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'tools', messages: MESSAGES, stream: true as const };
      const expected = await collect(await plain.chat.completions.create(request));
      expect(await collect(await traced.chat.completions.create(request))).toEqual(expected);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.attributes?.finishReason).toBe('tool_calls');
      expect(span?.attributes?.completionStartTime).toEqual(expect.any(Number));
      expect(span?.output).toEqual({
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_time', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
        ],
      });
      await tracing.shutdown();
    });

    it('ends an abandoned stream (break) with what was received', async () => {
      const { traced, tracing, exporter } = clients();
      const stream = await traced.chat.completions.create({
        model: 'endless',
        messages: MESSAGES,
        stream: true,
      });
      let seen = 0;
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) seen++;
        if (seen === 2) break;
      }
      expect(stream.controller.signal.aborted).toBe(true);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.metadata).toMatchObject({ streamStatus: 'abandoned', chunkCount: 3 });
      expect(span?.output).toEqual({ role: 'assistant', content: 'Hello ' });
      await tracing.shutdown();
    });

    it('ends an aborted stream as aborted, and the app sees what it would without us', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const outcome = async (client: OpenAI): Promise<unknown> => {
        const controller = new AbortController();
        const stream = await client.chat.completions.create(
          { model: 'endless', messages: MESSAGES, stream: true },
          { signal: controller.signal },
        );
        const received: unknown[] = [];
        try {
          for await (const chunk of stream) {
            received.push(chunk);
            if (received.length === 2) controller.abort();
          }
          return { received: received.length };
        } catch (error) {
          return { received: received.length, error: (error as Error).constructor.name };
        }
      };
      expect(await outcome(traced)).toEqual(await outcome(plain));
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.metadata).toMatchObject({ streamStatus: 'aborted' });
      await tracing.shutdown();
    });

    it('rethrows the SDK error unchanged and records status, type and code', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const failure = async (client: OpenAI) => {
        try {
          await client.chat.completions.create({ model: 'error-400', messages: MESSAGES });
        } catch (error) {
          return error as InstanceType<typeof OpenAI.APIError>;
        }
        throw new Error('expected a failure');
      };
      const expected = await failure(plain);
      const error = await failure(traced);
      expect(error.constructor).toBe(expected.constructor);
      expect(error).toBeInstanceOf((OpenAIClient as unknown as typeof OpenAI).BadRequestError);
      expect({ ...error, headers: undefined }).toEqual({ ...expected, headers: undefined });
      expect(error.message).toBe(expected.message);
      await tracing.flush();
      const [span] = generations(exporter.getFinishedSpans());
      expect(span?.errorInfo?.details).toMatchObject({
        status: 400,
        type: 'invalid_request_error',
        code: 'invalid_value',
      });
      expect(span?.errorInfo?.name).toBe(expected.name);
      await tracing.shutdown();
    });

    it('keeps .withResponse() and .asResponse() working', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'gpt-4o', messages: MESSAGES };
      const expected = await plain.chat.completions.create(request).withResponse();
      const withResponse = await traced.chat.completions.create(request).withResponse();
      expect(withResponse.data).toEqual(expected.data);
      expect(withResponse.response.status).toBe(200);
      expect(withResponse.request_id).toBe(expected.request_id);
      const raw = await traced.chat.completions.create(request).asResponse();
      expect(await raw.json()).toEqual(JSON.parse(JSON.stringify(expected.data)));
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(2);
      expect(spans[0]?.attributes?.usage?.promptTokens).toBe(120);
      expect(spans[1]?.metadata).toMatchObject({ responseBody: 'read by the app' });
      await tracing.shutdown();
    });

    it('keeps the stream extras: controller, tee() and toReadableStream() complete the span', async () => {
      const { plain, traced, tracing, exporter } = clients();
      const request = { model: 'gpt-4o', messages: MESSAGES, stream: true as const };
      const expected = await collect(await plain.chat.completions.create(request));

      const teed = await traced.chat.completions.create(request);
      expect(teed.controller).toBeInstanceOf(AbortController);
      const [left, right] = teed.tee();
      const [leftChunks, rightChunks] = await Promise.all([collect(left), collect(right)]);
      expect(leftChunks).toEqual(expected);
      expect(rightChunks).toEqual(expected);

      const readable = (await traced.chat.completions.create(request)).toReadableStream();
      const lines: unknown[] = [];
      let buffer = '';
      for await (const bytes of readable as unknown as AsyncIterable<Uint8Array>)
        buffer += Buffer.from(bytes).toString();
      for (const line of buffer.split('\n')) if (line) lines.push(JSON.parse(line));
      expect(lines).toEqual(JSON.parse(JSON.stringify(expected)));

      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(2);
      for (const span of spans) {
        expect(span.metadata).toMatchObject({ streamStatus: 'completed', chunkCount: expected.length });
        expect(span.output).toEqual({ role: 'assistant', content: 'Hello there!' });
      }
      await tracing.shutdown();
    });

    it('records one generation for the stream() helper, whose events and final completion are unchanged', async () => {
      const { plain, traced, tracing, exporter } = clients();
      type Helper = { stream: OpenAI['chat']['completions']['stream'] };
      const helper = (client: OpenAI): Helper =>
        ('stream' in client.chat.completions
          ? client.chat.completions
          : (client as unknown as { beta: { chat: { completions: Helper } } }).beta.chat
              .completions) as Helper;
      const run = async (client: OpenAI) => {
        const stream = helper(client).stream({
          model: 'gpt-4o',
          messages: MESSAGES,
          stream_options: { include_usage: true },
        });
        const deltas: string[] = [];
        stream.on('content', (delta) => deltas.push(delta));
        const final = await stream.finalChatCompletion();
        return { deltas, final };
      };
      const expected = await run(plain);
      const result = await run(traced);
      expect(result).toEqual(expected);
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(1);
      expect(spans[0]?.attributes?.usage?.totalTokens).toBe(150);
      expect(spans[0]?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
      await tracing.shutdown();
    });

    it('records one generation for the parse() helper, whose parsed result is unchanged', async () => {
      const { plain, traced, tracing, exporter } = clients();
      type Helper = { parse: OpenAI['chat']['completions']['parse'] };
      const helper = (client: OpenAI): Helper =>
        ('parse' in client.chat.completions
          ? client.chat.completions
          : (client as unknown as { beta: { chat: { completions: Helper } } }).beta.chat
              .completions) as Helper;
      const request = {
        model: 'gpt-4o',
        messages: MESSAGES,
        response_format: {
          type: 'json_schema' as const,
          json_schema: {
            name: 'weather',
            strict: true,
            schema: {
              type: 'object',
              properties: { city: { type: 'string' }, sunny: { type: 'boolean' } },
              required: ['city', 'sunny'],
              additionalProperties: false,
            },
          },
        },
      };
      const expected = await helper(plain).parse(request);
      const result = await helper(traced).parse(request);
      expect(result).toEqual(expected);
      expect(result.choices[0]?.message.parsed).toEqual({ city: 'Paris', sunny: true });
      await tracing.flush();
      const spans = generations(exporter.getFinishedSpans());
      expect(spans).toHaveLength(1);
      expect(spans[0]?.output).toEqual({ role: 'assistant', content: '{"city":"Paris","sunny":true}' });
      await tracing.shutdown();
    });
  });
}
