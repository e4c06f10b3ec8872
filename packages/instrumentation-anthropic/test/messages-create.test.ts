import { AISpanType, AITracingConfigError, withSpan } from '@aitracing/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index';
import { type FakeAnthropicServer, SERVED_MODEL, startFakeAnthropicServer } from './fake-anthropic-server';
import { type AnyAnthropic, createTracing, generations, MODEL, SDK_VERSIONS } from './support';

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(() => server.close());

const request = (scenario: string) => ({
  model: MODEL,
  max_tokens: 256,
  temperature: 0.2,
  system: 'You are terse.',
  messages: [{ role: 'user', content: scenario }],
});

describe.each(SDK_VERSIONS)('instrumentAnthropic messages.create ($name)', ({ create }) => {
  const clients = (options: Parameters<typeof instrumentAnthropic>[1] = {}) => {
    const { tracing, spans } = createTracing();
    const settings = { apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0 };
    const plain: AnyAnthropic = create(settings);
    const traced: AnyAnthropic = instrumentAnthropic(create(settings), { tracing, ...options });
    return { plain, traced, tracing, spans };
  };

  it('returns the same message and records one generation with usage, cache counts and finish reason', async () => {
    const { plain, traced, spans } = clients();
    const expected = await plain.messages.create(request('hello'));
    const message = await traced.messages.create(request('hello'));
    expect({ ...message, id: 'x', _request_id: 'x' }).toEqual({ ...expected, id: 'x', _request_id: 'x' });

    const [generation, ...others] = generations(await spans());
    expect(others).toEqual([]);
    expect(generation?.name).toBe(`chat ${MODEL}`);
    expect(generation?.isRootSpan).toBe(true);
    expect(generation?.attributes).toMatchObject({
      provider: 'anthropic',
      operation: 'chat',
      model: MODEL,
      responseModel: SERVED_MODEL,
      streaming: false,
      finishReason: 'end_turn',
      parameters: { maxOutputTokens: 256, temperature: 0.2 },
      usage: {
        promptTokens: 12 + 100 + 30,
        completionTokens: 7,
        totalTokens: 149,
        promptCacheHitTokens: 100,
        promptCacheWriteTokens: 30,
      },
    });
    expect(generation?.attributes?.cost?.total).toBeGreaterThan(0);
    expect(generation?.input).toEqual({
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(generation?.output).toEqual({ role: 'assistant', content: 'Hello there!' });
    expect(generation?.metadata?.responseId).toBe(message.id);
  });

  it('records requested tool calls with their arguments as JSON text', async () => {
    const { traced, spans } = clients();
    const message = await traced.messages.create({
      ...request('weather'),
      tools: [
        { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      ],
    });
    expect(message.stop_reason).toBe('tool_use');
    const [generation] = generations(await spans());
    expect(generation?.attributes?.finishReason).toBe('tool_use');
    expect(generation?.metadata?.tools).toEqual(['get_weather']);
    expect(generation?.output).toEqual({
      role: 'assistant',
      content: 'Let me check.',
      toolCalls: [{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
  });

  it('keeps prompts and completions out with captureContent: false, but keeps model and usage', async () => {
    const { traced, spans } = clients({ captureContent: false });
    await traced.messages.create(request('hello'));
    const [generation] = generations(await spans());
    expect(generation?.input).toBeUndefined();
    expect(generation?.output).toBeUndefined();
    expect(generation?.attributes?.model).toBe(MODEL);
    expect(generation?.attributes?.usage?.totalTokens).toBe(149);
  });

  it('rethrows the SDK error unchanged and records status, type and request id', async () => {
    const { plain, traced, spans } = clients();
    const expected = await plain.messages.create(request('invalid')).catch((error: unknown) => error);
    const error = await traced.messages.create(request('invalid')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor).toBe(expected.constructor);
    expect(error.status).toBe(400);
    expect(error.message).toBe(expected.message);
    expect(error.error).toEqual(expected.error);
    expect(Object.keys(error).sort()).toEqual(Object.keys(expected).sort());

    const [generation] = generations(await spans());
    expect(generation?.errorInfo?.name).toBe(expected.name);
    expect(generation?.errorInfo?.details).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      requestId: expect.stringMatching(/^req_fake_/),
    });
  });

  it('keeps .withResponse() and .asResponse() working', async () => {
    const { traced, spans } = clients();
    const { data, response } = await traced.messages.create(request('hello')).withResponse();
    expect(data.content[0].text).toBe('Hello there!');
    expect(response.status).toBe(200);

    const raw = await traced.messages.create(request('hello')).asResponse();
    const body = JSON.parse(await raw.text());
    expect(body.content[0].text).toBe('Hello there!');

    const [withResponse, asResponse] = generations(await spans());
    expect(withResponse?.attributes?.usage?.completionTokens).toBe(7);
    expect(asResponse?.metadata?.responseReadByApp).toBe(true);
    expect(asResponse?.endTime).toBeDefined();
  });

  it('nests under the current span and records nothing twice when instrumented twice', async () => {
    const { tracing, traced, spans } = clients();
    expect(instrumentAnthropic(traced, { tracing })).toBe(traced);
    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    await withSpan(agent, () => traced.messages.create(request('hello')));
    agent.end();
    const all = await spans();
    const [generation, ...others] = generations(all);
    expect(others).toEqual([]);
    expect(generation?.parentSpanId).toBe(agent.id);
    expect(generation?.traceId).toBe(agent.traceId);
  });

  it('passes straight through inside a generation another instrumentation records', async () => {
    const { tracing, traced, spans } = clients();
    const outer = instrumentAnthropic(create({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }), {
      tracing,
    });
    // The outer generation is the one an enclosing layer (e.g. the AI SDK) would own.
    const { markInstrumentedGeneration } = await import('@aitracing/core/instrumentation');
    const owner = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'outer' });
    markInstrumentedGeneration(owner);
    await withSpan(owner, () =>
      Promise.all([traced.messages.create(request('hello')), outer.messages.create(request('hello'))]),
    );
    owner.end();
    expect(generations(await spans()).map((span) => span.name)).toEqual(['outer']);
  });

  it('records nothing and changes nothing when sampled out', async () => {
    const { tracing, spans } = createTracing({ sampling: { type: 'never' } });
    const traced = instrumentAnthropic(create({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }), {
      tracing,
    });
    const message = await traced.messages.create(request('hello'));
    expect(message.content[0].text).toBe('Hello there!');
    expect(await spans()).toEqual([]);
  });

  it('traces clients made by withOptions() when the SDK has it', async () => {
    const { traced, spans } = clients();
    if (typeof traced.withOptions !== 'function') return;
    const clone = traced.withOptions({ timeout: 30_000 });
    await clone.messages.create(request('hello'));
    expect(generations(await spans())).toHaveLength(1);
  });
});

describe('instrumentAnthropic arguments', () => {
  it('throws a clear config error for something that is not an Anthropic client or bad options', () => {
    expect(() => instrumentAnthropic({} as object)).toThrow(AITracingConfigError);
    expect(() => instrumentAnthropic({} as object)).toThrow(/messages\.create/);
    const client = { messages: { create: () => undefined } };
    expect(() => instrumentAnthropic(client, { captureContent: 'no' as unknown as boolean })).toThrow(
      /options\.captureContent/,
    );
    expect(() => instrumentAnthropic(client, { tracing: {} as never })).toThrow(/options\.tracing/);
  });
});
