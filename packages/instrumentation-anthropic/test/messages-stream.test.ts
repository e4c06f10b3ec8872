import type { StreamChunksMode } from '@aitracing/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index';
import { type FakeAnthropicServer, SERVED_MODEL, startFakeAnthropicServer } from './fake-anthropic-server';
import {
  type AnyAnthropic,
  chunks,
  collect,
  createTracing,
  generations,
  MODEL,
  SDK_VERSIONS,
} from './support';

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(() => server.close());

const request = (scenario: string) => ({
  model: MODEL,
  max_tokens: 256,
  system: [{ type: 'text', text: 'You are terse.' }],
  messages: [{ role: 'user', content: scenario }],
});

// Ids differ per request; everything else must be the same, event by event.
const withoutIds = (events: unknown[]) =>
  JSON.parse(
    JSON.stringify(events)
      .replace(/msg_fake_\d+/g, 'msg')
      .replace(/req_fake_\d+/g, 'req'),
  );

/** Resolves once the wall clock has moved at least `ms` past `from` (a lower bound, never an upper one). */
async function clockPast(from: number, ms: number): Promise<void> {
  while (Date.now() < from + ms) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(SDK_VERSIONS)('instrumentAnthropic streams ($name)', ({ create }) => {
  const clients = (
    options: Parameters<typeof instrumentAnthropic>[1] = {},
    streamChunks: StreamChunksMode = 'fold',
  ) => {
    const { tracing, spans, exporter } = createTracing({ streamChunks });
    const settings = { apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0 };
    const plain: AnyAnthropic = create(settings);
    const traced: AnyAnthropic = instrumentAnthropic(create(settings), { tracing, ...options });
    return { plain, traced, tracing, spans, exporter };
  };

  it('gives the app the same events in the same order and records the full text and usage', async () => {
    const { plain, traced, spans } = clients();
    const expected = await collect(await plain.messages.create({ ...request('hello'), stream: true }));
    const events = await collect(await traced.messages.create({ ...request('hello'), stream: true }));
    expect(withoutIds(events)).toEqual(withoutIds(expected));

    const [generation, ...others] = generations(await spans());
    expect(others).toEqual([]);
    expect(generation?.attributes).toMatchObject({
      model: MODEL,
      responseModel: SERVED_MODEL,
      streaming: true,
      finishReason: 'end_turn',
      usage: {
        promptTokens: 142,
        completionTokens: 7,
        totalTokens: 149,
        promptCacheHitTokens: 100,
        promptCacheWriteTokens: 30,
      },
    });
    expect(generation?.input).toEqual({
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(generation?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
    expect(generation?.metadata).toMatchObject({ streamStatus: 'completed', chunkCount: events.length });
    const { startTime, endTime } = generation as { startTime: number; endTime: number };
    expect(generation?.attributes?.completionStartTime).toBeGreaterThanOrEqual(startTime);
    expect(generation?.attributes?.completionStartTime).toBeLessThanOrEqual(endTime);
  });

  it('takes the time to first token from the first content delta, not from message_start', async () => {
    const { traced, spans } = clients();
    const stream = await traced.messages.create({ ...request('gated'), stream: true });
    let messageStartSeenAt = 0;
    for await (const event of stream) {
      if (event.type === 'message_start') {
        messageStartSeenAt = Date.now();
        // The content is held back until the clock has clearly moved on.
        await clockPast(messageStartSeenAt, 25);
        server.release();
      }
    }
    const [generation] = generations(await spans());
    // 1 ms of tolerance between the span clock and Date.now.
    expect(generation?.attributes?.completionStartTime).toBeGreaterThanOrEqual(messageStartSeenAt + 24);
  });

  it('joins input_json_delta pieces into complete tool calls', async () => {
    const { traced, spans } = clients();
    await collect(await traced.messages.create({ ...request('weather'), stream: true }));
    const [generation] = generations(await spans());
    expect(generation?.attributes?.finishReason).toBe('tool_use');
    expect(generation?.output).toEqual({
      role: 'assistant',
      content: 'Let me check.',
      toolCalls: [{ id: 'toolu_01', name: 'get_weather', arguments: '{"city": "Paris"}' }],
    });
  });

  it('counts thinking as the first content and keeps its text apart', async () => {
    const { traced, spans } = clients();
    await collect(await traced.messages.create({ ...request('think'), stream: true }));
    const [generation] = generations(await spans());
    expect(generation?.attributes?.finishReason).toBe('max_tokens');
    expect(generation?.attributes?.usage).toEqual({ promptTokens: 5, completionTokens: 9, totalTokens: 14 });
    expect(generation?.output).toEqual({ role: 'assistant', content: '4', reasoning: 'Two plus two.' });
    expect(generation?.attributes?.completionStartTime).toBeDefined();
  });

  it('messages.stream() records exactly one generation and its helpers work unchanged', async () => {
    const { plain, traced, spans } = clients();
    const read = async (client: AnyAnthropic) => {
      const texts: string[] = [];
      const messages: unknown[] = [];
      const stream = client.messages.stream(request('weather'));
      stream.on('text', (text: string) => texts.push(text));
      stream.on('message', (message: unknown) => messages.push(message));
      const finalMessage = await stream.finalMessage();
      const finalText = await stream.finalText();
      return withoutIds([texts, messages, finalMessage, finalText]);
    };
    expect(await read(traced)).toEqual(await read(plain));
    const [generation, ...others] = generations(await spans());
    expect(others).toEqual([]);
    expect(generation?.attributes).toMatchObject({ streaming: true, finishReason: 'tool_use' });
    expect(generation?.metadata?.streamStatus).toBe('completed');
    expect((generation?.output as { toolCalls?: unknown[] } | undefined)?.toolCalls).toHaveLength(1);
  });

  it('rethrows a mid-stream error event unchanged and ends the span as errored with what arrived', async () => {
    const { plain, traced, spans } = clients();
    const failure = async (client: AnyAnthropic) => {
      const events: unknown[] = [];
      try {
        for await (const event of await client.messages.create({ ...request('overloaded'), stream: true })) {
          events.push(event);
        }
      } catch (error) {
        return { events: events.length, error };
      }
      throw new Error('the stream did not fail');
    };
    const expected = await failure(plain);
    const actual = await failure(traced);
    expect(actual.events).toBe(expected.events);
    expect((actual.error as Error).constructor).toBe((expected.error as Error).constructor);
    expect((actual.error as Error).message).toBe((expected.error as Error).message);

    const [generation] = generations(await spans());
    expect(generation?.errorInfo?.details?.type).toBe('overloaded_error');
    expect(generation?.metadata).toMatchObject({ streamStatus: 'errored', chunkCount: actual.events });
    expect(generation?.output).toEqual({ role: 'assistant', content: 'Half' });
  });

  it('ends an abandoned stream (break) with the text received so far', async () => {
    const { traced, spans } = clients();
    const stream = await traced.messages.create({ ...request('hang'), stream: true });
    for await (const event of stream) {
      if (event.type === 'content_block_delta') break;
    }
    const [generation] = generations(await spans());
    expect(generation?.metadata?.streamStatus).toBe('abandoned');
    expect(generation?.output).toEqual({ role: 'assistant', content: 'partial' });
    expect(generation?.attributes?.usage?.promptTokens).toBe(142);
  });

  it('ends a stream aborted through its controller as aborted', async () => {
    const { traced, spans } = clients();
    const stream = await traced.messages.create({ ...request('hang'), stream: true });
    const events: unknown[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'content_block_delta') stream.controller.abort();
    }
    const [generation] = generations(await spans());
    expect(generation?.metadata).toMatchObject({ streamStatus: 'aborted', chunkCount: events.length });
  });

  it('ends a messages.stream() aborted by the app as aborted, and the helper still rejects as it would', async () => {
    const { plain, traced, spans } = clients();
    const aborted = async (client: AnyAnthropic) => {
      const stream = client.messages.stream(request('hang'));
      stream.on('text', () => stream.abort());
      return stream.finalMessage().then(
        () => 'resolved',
        (error: Error) => error.constructor.name,
      );
    };
    expect(await aborted(traced)).toBe(await aborted(plain));
    const [generation, ...others] = generations(await spans());
    expect(others).toEqual([]);
    expect(generation?.metadata?.streamStatus).toBe('aborted');
  });

  it('completes the span when the app reads through tee() or toReadableStream()', async () => {
    const { traced, spans } = clients();
    const [left, right] = (await traced.messages.create({ ...request('hello'), stream: true })).tee();
    const [leftEvents, rightEvents] = await Promise.all([collect(left), collect(right)]);
    expect(leftEvents).toEqual(rightEvents);

    const readable = (await traced.messages.create({ ...request('hello'), stream: true })).toReadableStream();
    const lines = (await new Response(readable).text()).trim().split('\n');
    expect(JSON.parse(lines[0] as string).type).toBe('message_start');

    const [teed, piped] = generations(await spans());
    expect(teed?.metadata).toMatchObject({ streamStatus: 'completed', chunkCount: leftEvents.length });
    expect(piped?.metadata).toMatchObject({ streamStatus: 'completed', chunkCount: lines.length });
    expect(piped?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
  });

  it('keeps .withResponse() on streams', async () => {
    const { traced, spans } = clients();
    const { data, response } = await traced.messages
      .create({ ...request('hello'), stream: true })
      .withResponse();
    expect(response.status).toBe(200);
    await collect(data);
    const [generation] = generations(await spans());
    expect(generation?.metadata?.streamStatus).toBe('completed');
  });

  it('folds the streamed events into their generation by default with captureChunks', async () => {
    const { traced, spans } = clients({ captureChunks: true });
    const events = await collect(await traced.messages.create({ ...request('hello'), stream: true }));
    const all = await spans();
    expect(chunks(all)).toEqual([]);
    expect(generations(all)[0]?.attributes?.chunkCount).toBe(events.length);
  });

  it("records one LLM_CHUNK span per streamed event with captureChunks and streamChunks: 'spans'", async () => {
    const { traced, spans } = clients({ captureChunks: true }, 'spans');
    const events = await collect(await traced.messages.create({ ...request('hello'), stream: true }));
    const all = await spans();
    const [generation] = generations(all);
    const recordedChunks = chunks(all);
    expect(recordedChunks).toHaveLength(events.length);
    expect(recordedChunks.every((chunk) => chunk.parentSpanId === generation?.id)).toBe(true);
    expect(
      recordedChunks
        .filter((chunk) => chunk.attributes?.chunkType === 'text_delta')
        .map((chunk) => chunk.output),
    ).toEqual(['Hello', ' there', '!']);
  });
});
