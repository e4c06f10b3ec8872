import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index';
import { type FakeAnthropicServer, startFakeAnthropicServer } from './fake-anthropic-server';
import { type AnyAnthropic, collect, createTracing, generations, MODEL, SDK_VERSIONS } from './support';

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(() => server.close());

const request = (scenario: string) => ({
  model: MODEL,
  max_tokens: 64,
  messages: [{ role: 'user', content: scenario }],
});

/** Settle `run` into what the app would see: a value or the thrown error's class and message. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = await run();
    return { value: typeof value };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe.each(SDK_VERSIONS)('instrumentAnthropic edge cases ($name)', ({ create }) => {
  const clients = () => {
    const { tracing, spans } = createTracing();
    const settings = { apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0 };
    const plain: AnyAnthropic = create(settings);
    const traced: AnyAnthropic = instrumentAnthropic(create(settings), { tracing });
    return { plain, traced, spans };
  };

  it('ends a stream aborted through the request signal as aborted', async () => {
    const { traced, spans } = clients();
    const controller = new AbortController();
    const stream = await traced.messages.create(
      { ...request('hang'), stream: true },
      { signal: controller.signal },
    );
    const read = outcome(async () => {
      for await (const event of stream) {
        if (event.type === 'content_block_delta') controller.abort();
      }
    });
    await read;
    const [generation] = generations(await spans());
    expect(generation?.metadata?.streamStatus).toBe('aborted');
  });

  it('behaves like the SDK for arguments the SDK rejects, and records the failure', async () => {
    const { plain, traced, spans } = clients();
    for (const params of [null, 42]) {
      expect(await outcome(() => traced.messages.create(params))).toEqual(
        await outcome(() => plain.messages.create(params)),
      );
    }
    const recorded = generations(await spans());
    expect(recorded).toHaveLength(2);
    expect(recorded.every((span) => span.errorInfo !== undefined)).toBe(true);
  });

  it('survives hostile request values without touching the request', async () => {
    const { traced, spans } = clients();
    const cyclic: Record<string, unknown> = { role: 'user', content: 'hello' };
    Object.defineProperty(cyclic, 'self', { value: cyclic, enumerable: false });
    const message = await traced.messages.create({
      ...request('hello'),
      messages: [cyclic],
      stop_sequences: ['\u0000'],
    });
    expect(message.content[0].text).toBe('Hello there!');
    expect(server.requests.at(-1)?.messages).toEqual([{ role: 'user', content: 'hello' }]);
    expect(generations(await spans())).toHaveLength(1);
  });

  it('records one generation for messages.parse() when the SDK has it', async () => {
    const { traced, spans } = clients();
    if (typeof traced.messages.parse !== 'function') return;
    const parsed = await traced.messages.parse(request('hello'));
    expect(parsed.content[0].text).toBe('Hello there!');
    expect(generations(await spans())).toHaveLength(1);
  });

  it('traces beta.messages the same way when the SDK has it', async () => {
    const { traced, spans } = clients();
    if (typeof traced.beta?.messages?.create !== 'function') return;
    await traced.beta.messages.create(request('hello'));
    await collect(await traced.beta.messages.create({ ...request('hello'), stream: true }));
    const expected = [false, true];
    if (typeof traced.beta.messages.stream === 'function') {
      const stream = traced.beta.messages.stream(request('hello'));
      expect(await stream.finalText()).toBe('Hello there!');
      expected.push(true);
    }
    const recorded = generations(await spans());
    expect(recorded.map((span) => span.attributes?.streaming)).toEqual(expected);
    expect(recorded.every((span) => span.attributes?.usage?.totalTokens === 149)).toBe(true);
  });
});
