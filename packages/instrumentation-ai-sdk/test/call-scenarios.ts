import { AISpanType, type AITracing, getCurrentSpan, traced } from '@aitracing/core';
import { insideInstrumentedGeneration } from '@aitracing/core/instrumentation';
import { expect, it } from 'vitest';
import { instrumentAISDK } from '../src/index';
import { apiError, chatCompletion, chatStream, embeddings } from './fake-openai-server';
import { comparable, type ScenarioKit, type TextResult } from './scenario-kit';
import { childNames, collect, generationOf, memoryTracing, spanNamed } from './support';

/** generateText, generateObject, streamObject, embed: trees, errors, parents, content capture. */
export function callScenarios(kit: ScenarioKit): void {
  const { sdk, server, model, weatherTool, toolRoundTrip } = kit;
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
      model: sdk.openai(kit.baseURL()).embedding('text-embedding-3-small'),
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
