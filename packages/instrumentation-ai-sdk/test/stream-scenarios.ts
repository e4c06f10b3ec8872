import { expect, it, vi } from 'vitest';
import { instrumentAISDK } from '../src/index';
import { chatStream } from './fake-openai-server';
import { part, type ScenarioKit, type StreamResult } from './scenario-kit';
import { childNames, collect, generationOf, memoryTracing, spanNamed } from './support';

/** streamText: chunks, usage, time to first token, aborts, streamed tool loops. */
export function streamScenarios(kit: ScenarioKit): void {
  const { sdk, server, model, weatherTool } = kit;
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
}
