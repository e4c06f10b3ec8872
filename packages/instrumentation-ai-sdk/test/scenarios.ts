import { AISpanType, type AITracing, getCurrentSpan, traced } from '@aitracing/core';
import { insideInstrumentedGeneration } from '@aitracing/core/instrumentation';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AISDKTelemetry, instrumentAISDK } from '../src/index';
import { apiError, chatCompletion, chatStream, embeddings, FakeOpenAIServer } from './fake-openai-server';
import { childNames, collect, generationOf, memoryTracing, spanNamed } from './support';

type Call = (options: Record<string, unknown>) => unknown;

/** One AI SDK major under test, with the same scenarios run against each. */
export interface AISDKUnderTest {
  generateText: Call;
  streamText: Call;
  generateObject: Call;
  streamObject: Call;
  embed: Call;
  tool: (definition: Record<string, unknown>) => unknown;
  jsonSchema: (schema: Record<string, unknown>) => unknown;
  stepCountIs: (steps: number) => unknown;
  /** An `@ai-sdk/openai` provider for the fake server */
  openai: (baseURL: string) => { chat(model: string): unknown; embedding(model: string): unknown };
  /** The call options that turn tracing on for one call */
  telemetryOption: (telemetry: AISDKTelemetry) => Record<string, unknown>;
  /** Whether the SDK reports cached and reasoning tokens on non-streamed steps (not ai 5.0.0) */
  generateReportsUsageDetails: boolean;
  /** Whether the SDK reports the first chunk as it arrives (v5/v6), not only when the model call ends (v7) */
  reportsFirstChunkBeforeEnd: boolean;
  /** A model from the SDK's own test models (`ai/test`) answering "mock answer", running `probe` in its call */
  mockModel: (probe: () => void) => unknown;
}

interface TextResult {
  text: string;
  finishReason: string;
  totalUsage: unknown;
  steps: Array<{ content: unknown; finishReason: string; usage: unknown }>;
  response: { messages: unknown };
}

interface StreamResult {
  textStream: AsyncIterable<string>;
  fullStream: AsyncIterable<Record<string, unknown>>;
  text: PromiseLike<string>;
  usage: PromiseLike<unknown>;
}

function comparable(result: TextResult): unknown {
  return {
    text: result.text,
    finishReason: result.finishReason,
    totalUsage: result.totalUsage,
    steps: result.steps.map((step) => ({
      content: step.content,
      finishReason: step.finishReason,
      usage: step.usage,
    })),
    messages: result.response.messages,
  };
}

function part(value: Record<string, unknown>): unknown {
  const { type, text, delta, toolName, input, output, toolCallId } = value;
  return { type, text, delta, toolName, input, output, toolCallId };
}

/** The scenarios every supported major must pass. */
export function aiSdkScenarios(sdk: AISDKUnderTest): void {
  const server = new FakeOpenAIServer();
  let baseURL = '';
  const weatherTool = (seen?: string[]) =>
    sdk.tool({
      description: 'Weather of a city',
      inputSchema: sdk.jsonSchema({
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      }),
      execute: async ({ city }: { city: string }) => {
        seen?.push(getCurrentSpan()?.name ?? 'none');
        return { city, forecast: 'sunny' };
      },
    });

  beforeAll(async () => {
    baseURL = await server.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const model = () => sdk.openai(baseURL).chat('gpt-4o-mini');

  async function toolRoundTrip(options: Record<string, unknown>): Promise<TextResult> {
    server.reply(
      chatCompletion({ toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] }),
      chatCompletion({ text: 'It is sunny in Paris.' }),
    );
    return (await sdk.generateText({
      model: model(),
      system: 'You are terse.',
      prompt: 'Weather in Paris?',
      stopWhen: sdk.stepCountIs(3),
      temperature: 0.2,
      ...options,
    })) as TextResult;
  }

  it('traces generateText with a tool round trip as agent run → generation, tool, generation', async () => {
    const { tracing, spans } = memoryTracing();
    const seen: string[] = [];
    const plain = await toolRoundTrip({ tools: { get_weather: weatherTool() } });
    const plainRequests = server.requests.map((request) => request.body);
    server.reset();
    const result = await toolRoundTrip({
      tools: { get_weather: weatherTool(seen) },
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    });
    expect(comparable(result)).toEqual(comparable(plain));
    expect(server.requests.map((request) => request.body)).toEqual(plainRequests);
    expect(seen).toEqual(['execute_tool get_weather']);

    const all = await spans();
    const agent = spanNamed(all, 'ai.generateText');
    expect(agent.type).toBe(AISpanType.AGENT_RUN);
    expect(agent.isRootSpan).toBe(true);
    expect(agent.attributes).toMatchObject({ agentId: 'ai.generateText', availableTools: ['get_weather'] });
    expect(agent.output).toMatchObject({ role: 'assistant', content: 'It is sunny in Paris.' });
    expect(childNames(all, agent)).toEqual([
      'chat gpt-4o-mini',
      'execute_tool get_weather',
      'chat gpt-4o-mini',
    ]);

    const [first, second] = all
      .filter((span) => span.type === AISpanType.LLM_GENERATION)
      .sort((a, b) => a.startTime - b.startTime);
    expect(first?.attributes).toMatchObject({
      model: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      operation: 'chat',
      streaming: false,
      finishReason: 'tool-calls',
      parameters: { temperature: 0.2 },
      usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
    });
    if (sdk.generateReportsUsageDetails) {
      expect(generationOf(first).usage).toMatchObject({ promptCacheHitTokens: 100, reasoningTokens: 12 });
    }
    expect(first?.output).toEqual({
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    expect(JSON.stringify(first?.input)).toContain('Weather in Paris?');
    expect(second?.attributes).toMatchObject({ finishReason: 'stop' });
    expect(second?.output).toEqual({ role: 'assistant', content: 'It is sunny in Paris.' });

    const tool = spanNamed(all, 'execute_tool get_weather');
    expect(tool.type).toBe(AISpanType.TOOL_CALL);
    expect(tool.attributes).toMatchObject({ toolId: 'get_weather', success: true });
    expect(tool.metadata).toMatchObject({ toolCallId: 'call_1' });
    expect(tool.input).toEqual({ city: 'Paris' });
    expect(tool.output).toEqual({ city: 'Paris', forecast: 'sunny' });
  });

  it('traces streamText with usage from the final chunk and the time to first token; chunks unchanged', async () => {
    const { tracing, spans } = memoryTracing();
    const run = async (extra: Record<string, unknown>) => {
      server.reply(chatStream({ pieces: ['Hel', 'lo', ' there'] }));
      const result = sdk.streamText({ model: model(), prompt: 'Say hello', ...extra }) as StreamResult;
      const parts = await collect(result.fullStream);
      return { parts: parts.map(part), usage: await result.usage };
    };
    const plain = await run({});
    const traced = await run(sdk.telemetryOption(instrumentAISDK({ tracing })));
    expect(traced).toEqual(plain);

    const all = await spans();
    const agent = spanNamed(all, 'ai.streamText');
    expect(agent.output).toMatchObject({ content: 'Hello there' });
    const generation = spanNamed(all, 'chat gpt-4o-mini');
    expect(generation.parentSpanId).toBe(agent.id);
    expect(generation.attributes).toMatchObject({
      streaming: true,
      finishReason: 'stop',
      usage: { promptTokens: 120, completionTokens: 30, promptCacheHitTokens: 100, reasoningTokens: 12 },
    });
    expect(generation.output).toEqual({ role: 'assistant', content: 'Hello there' });
    const completionStart = generationOf(generation).completionStartTime as number;
    expect(completionStart).toBeGreaterThanOrEqual(generation.startTime);
    expect(completionStart).toBeLessThanOrEqual(generation.endTime as number);
  });

  it('ends the spans of an aborted stream with what was received and a marker', async () => {
    const { tracing, spans } = memoryTracing();
    server.reply(chatStream({ pieces: ['a', 'b', 'c', 'd'] }));
    const controller = new AbortController();
    const result = sdk.streamText({
      model: model(),
      prompt: 'Count',
      abortSignal: controller.signal,
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    }) as StreamResult;
    const received: string[] = [];
    try {
      for await (const text of result.textStream) {
        received.push(text);
        if (received.length === 2) controller.abort();
      }
    } catch {
      // Some majors reject the stream on abort, others end it.
    }
    const ended = await vi.waitFor(
      async () => {
        const all = await spans();
        spanNamed(all, 'ai.streamText');
        return spanNamed(all, 'chat gpt-4o-mini');
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(ended.metadata).toMatchObject({ streamStatus: 'aborted' });
    if (sdk.reportsFirstChunkBeforeEnd) {
      expect(generationOf(ended).completionStartTime).toBeGreaterThanOrEqual(ended.startTime);
    }
  });

  it('puts the tools of a streamed agent loop under the call, with the tool span current in execute', async () => {
    const { tracing, spans } = memoryTracing();
    const seen: string[] = [];
    server.reply(
      chatStream({ toolCall: { id: 'call_9', name: 'get_weather', arguments: '{"city":"Oslo"}' } }),
      chatStream({ pieces: ['Sunny.'] }),
    );
    const result = sdk.streamText({
      model: model(),
      prompt: 'Weather in Oslo?',
      tools: { get_weather: weatherTool(seen) },
      stopWhen: sdk.stepCountIs(3),
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    }) as StreamResult;
    expect((await collect(result.textStream)).join('')).toBe('Sunny.');
    const all = await spans();
    const agent = spanNamed(all, 'ai.streamText');
    expect(childNames(all, agent)).toEqual([
      'chat gpt-4o-mini',
      'execute_tool get_weather',
      'chat gpt-4o-mini',
    ]);
    expect(seen).toEqual(['execute_tool get_weather']);
    const first = all.find(
      (span) => span.name === 'chat gpt-4o-mini' && generationOf(span).finishReason === 'tool-calls',
    );
    expect(first?.output).toMatchObject({
      toolCalls: [{ id: 'call_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
    });
  });

  it('records a failing tool as an errored tool call while the SDK handles the failure as without tracing', async () => {
    const { tracing, spans } = memoryTracing();
    const failingTool = () =>
      sdk.tool({
        description: 'Always fails',
        inputSchema: sdk.jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }),
        execute: async () => {
          throw new RangeError('weather service down');
        },
      });
    const plain = await toolRoundTrip({ tools: { get_weather: failingTool() } });
    server.reset();
    const result = await toolRoundTrip({
      tools: { get_weather: failingTool() },
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    });
    expect(comparable(result)).toEqual(comparable(plain));
    const tool = spanNamed(await spans(), 'execute_tool get_weather');
    expect(tool.attributes).toMatchObject({ success: false });
    expect(tool.errorInfo).toMatchObject({ message: 'weather service down', name: 'RangeError' });
  });

  it('nests a call made inside a tool under that tool', async () => {
    const { tracing, spans } = memoryTracing();
    const telemetry = sdk.telemetryOption(instrumentAISDK({ tracing }));
    const researchTool = sdk.tool({
      description: 'Asks a sub-agent',
      inputSchema: sdk.jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }),
      execute: async () => {
        const inner = (await sdk.generateText({
          model: sdk.mockModel(() => {}),
          prompt: 'sub-question',
          ...telemetry,
        })) as TextResult;
        return inner.text;
      },
    });
    await toolRoundTrip({ tools: { get_weather: researchTool }, ...telemetry });
    const all = await spans();
    const calls = all.filter((span) => span.name === 'ai.generateText');
    expect(calls).toHaveLength(2);
    const tool = spanNamed(all, 'execute_tool get_weather');
    const inner = calls.find((span) => span.parentSpanId === tool.id);
    expect(inner).toBeDefined();
    expect(childNames(all, inner as (typeof all)[number])).toEqual(['chat mock-model-id']);
    expect(new Set(all.map((span) => span.traceId)).size).toBe(1);
  });

  it('records generateObject and streamObject as one generation each', async () => {
    const { tracing, spans } = memoryTracing();
    const telemetry = sdk.telemetryOption(instrumentAISDK({ tracing }));
    const schema = sdk.jsonSchema({
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
    });
    server.reply(chatCompletion({ text: '{"name":"Ada"}' }));
    const generated = (await sdk.generateObject({
      model: model(),
      prompt: 'A name',
      schema,
      ...telemetry,
    })) as {
      object: unknown;
    };
    expect(generated.object).toEqual({ name: 'Ada' });
    server.reply(chatStream({ pieces: ['{"name":', '"Bo"}'] }));
    const streamed = sdk.streamObject({ model: model(), prompt: 'A name', schema, ...telemetry }) as {
      partialObjectStream: AsyncIterable<unknown>;
      object: PromiseLike<unknown>;
    };
    await collect(streamed.partialObjectStream);
    expect(await streamed.object).toEqual({ name: 'Bo' });

    const all = await spans();
    expect(all.map((span) => span.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
    const [object, stream] = all;
    expect(object?.isRootSpan).toBe(true);
    expect(object?.attributes).toMatchObject({
      streaming: false,
      finishReason: 'stop',
      usage: { promptTokens: 120 },
    });
    expect(object?.output).toMatchObject({ role: 'assistant', content: '{"name":"Ada"}' });
    expect(stream?.attributes).toMatchObject({ streaming: true, usage: { completionTokens: 30 } });
    expect(generationOf(stream).completionStartTime).toBeGreaterThanOrEqual(stream?.startTime as number);
  });

  it('records embed as an embeddings generation with tokens and dimensions, not vectors', async () => {
    const { tracing, spans } = memoryTracing();
    server.reply(embeddings(1, 4));
    const result = (await sdk.embed({
      model: sdk.openai(baseURL).embedding('text-embedding-3-small'),
      value: 'sunny day',
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    })) as { embedding: number[] };
    expect(result.embedding).toHaveLength(4);
    const span = spanNamed(await spans(), 'embeddings text-embedding-3-small');
    expect(span.type).toBe(AISpanType.LLM_GENERATION);
    expect(span.attributes).toMatchObject({
      operation: 'embeddings',
      provider: 'openai',
      usage: { promptTokens: 8 },
    });
    expect(span.metadata).toMatchObject({ count: 1, dimensions: 4 });
    expect(span.input).toBe('sunny day');
    expect(span.output).toBeUndefined();
  });

  it('rethrows the provider error unchanged and records it on the generation and the call', async () => {
    const { tracing, spans } = memoryTracing();
    const fail = async (extra: Record<string, unknown>) => {
      server.reply(apiError(400, 'bad request body'));
      try {
        await sdk.generateText({ model: model(), prompt: 'x', maxRetries: 0, ...extra });
      } catch (error) {
        return error as Error & { statusCode?: number };
      }
      throw new Error('expected a rejection');
    };
    const plain = await fail({});
    const traced = await fail(sdk.telemetryOption(instrumentAISDK({ tracing })));
    expect(traced.constructor).toBe(plain.constructor);
    expect(traced.statusCode).toBe(400);
    expect({ ...traced, requestBodyValues: undefined }).toEqual({ ...plain, requestBodyValues: undefined });
    const all = await spans();
    const agent = spanNamed(all, 'ai.generateText');
    const generation = spanNamed(all, 'chat gpt-4o-mini');
    expect(generation.errorInfo?.message).toBe(plain.message);
    expect(generation.errorInfo?.details).toMatchObject({ statusCode: 400 });
    expect(agent.errorInfo?.message).toBe(plain.message);
  });

  it('nests under the current span, keeps content out when asked, and records nothing sampled out', async () => {
    const { tracing, spans } = memoryTracing();
    server.reply(chatCompletion({ text: 'Hi' }));
    const outerOptions = {
      type: AISpanType.WORKFLOW_RUN,
      name: 'outer',
      tracing: tracing as AITracing,
      recordOutput: false,
    };
    await traced(outerOptions, () =>
      sdk.generateText({
        model: model(),
        prompt: 'secret prompt',
        ...sdk.telemetryOption(instrumentAISDK({ captureContent: false })),
      }),
    );
    const all = await spans();
    const outer = spanNamed(all, 'outer');
    const agent = spanNamed(all, 'ai.generateText');
    expect(agent.parentSpanId).toBe(outer.id);
    const generation = spanNamed(all, 'chat gpt-4o-mini');
    expect(generation.input).toBeUndefined();
    expect(generation.output).toBeUndefined();
    expect(agent.input).toBeUndefined();
    expect(generation.attributes).toMatchObject({ usage: { promptTokens: 120 } });
    expect(JSON.stringify([agent, generation])).not.toContain('secret prompt');

    const sampledOut = memoryTracing({ sampled: false });
    server.reply(chatCompletion({ text: 'Hi' }));
    const result = (await sdk.generateText({
      model: model(),
      prompt: 'x',
      ...sdk.telemetryOption(instrumentAISDK({ tracing: sampledOut.tracing })),
    })) as TextResult;
    expect(result.text).toBe('Hi');
    expect(await sampledOut.spans()).toEqual([]);
  });

  it('keeps concurrent calls in their own trees', async () => {
    const { tracing, spans } = memoryTracing();
    const telemetry = sdk.telemetryOption(instrumentAISDK({ tracing }));
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        traced(
          { type: AISpanType.WORKFLOW_RUN, name, tracing: tracing as AITracing, recordOutput: false },
          () => sdk.generateText({ model: sdk.mockModel(() => {}), prompt: name, ...telemetry }),
        ),
      ),
    );
    const all = await spans();
    for (const name of ['a', 'b', 'c']) {
      const root = spanNamed(all, name);
      const call = all.find((span) => span.parentSpanId === root.id);
      expect(call?.name).toBe('ai.generateText');
      const generations = all.filter((span) => span.parentSpanId === call?.id);
      expect(generations.map((span) => span.name)).toEqual(['chat mock-model-id']);
      expect(JSON.stringify(generations[0]?.input)).toContain(`"${name}"`);
    }
  });

  it('runs the model call with its generation current, so an inner instrumented layer records no duplicate', async () => {
    const { tracing, spans } = memoryTracing();
    const probes: Array<{ inside: boolean; span: string | undefined }> = [];
    const result = (await sdk.generateText({
      model: sdk.mockModel(() =>
        probes.push({ inside: insideInstrumentedGeneration(), span: getCurrentSpan()?.name }),
      ),
      prompt: 'Hello',
      ...sdk.telemetryOption(instrumentAISDK({ tracing })),
    })) as TextResult;
    expect(result.text).toBe('mock answer');
    expect(probes).toEqual([{ inside: true, span: 'chat mock-model-id' }]);
    const all = await spans();
    expect(all.filter((span) => span.type === AISpanType.LLM_GENERATION)).toHaveLength(1);
  });
}

/** Run the scenarios in a `describe` block. */
export function describeAISDK(label: string, load: () => AISDKUnderTest | Promise<AISDKUnderTest>): void {
  describe(label, async () => {
    aiSdkScenarios(await load());
  });
}
