import { Writable } from 'node:stream';
import { DefaultAITracing, type LLMGenerationAttributes } from '@aitracing/core';
import { InMemoryExporter, type SpanTreeNode } from '@aitracing/core/testing';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { fakeOpenAIFetch } from './fake-openai-fetch';
import { runWeatherAssistant } from './weather-assistant';

const QUESTION = 'What is the weather in Paris right now?';
const ANSWER = 'It is 18°C and sunny in Paris right now.';
const describeNode = (node: SpanTreeNode) => `${node.span.type} ${node.span.name}`;
const generation = (node: SpanTreeNode | undefined) => node?.span.attributes as LLMGenerationAttributes;
// The demo's client, exactly as demo.ts makes it.
const demoClient = () =>
  new OpenAI({ apiKey: 'sk-demo', baseURL: 'http://demo.invalid/v1', fetch: fakeOpenAIFetch });

describe('the demo weather assistant (OpenAI SDK instrumented in one line)', () => {
  it('traces agent → generation with a tool call → tool → streamed generation, with tokens, cost and TTFT', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    const answer = await runWeatherAssistant(instrumentOpenAI(demoClient()), tracing, QUESTION);
    await tracing.shutdown();

    expect(answer).toBe(ANSWER);
    const traces = exporter.getTraces();
    expect(traces).toHaveLength(1);
    expect(traces[0]!.roots).toHaveLength(1);
    const agent = traces[0]!.roots[0]!;
    expect(describeNode(agent)).toBe('agent_run weather-assistant');
    expect(agent.span).toMatchObject({ input: QUESTION, output: ANSWER });
    expect(agent.children.map(describeNode)).toEqual([
      'llm_generation chat gpt-4o-mini',
      'tool_call get_weather',
      'llm_generation chat gpt-4o-mini',
    ]);
    const [toolRequest, tool, streamed] = agent.children.map((node) => node.span);
    for (const child of [toolRequest, tool, streamed]) expect(child!.parentSpanId).toBe(agent.span.id);
    expect(agent.children.every((node) => node.children.length === 0)).toBe(true);

    expect(toolRequest!.attributes).toMatchObject({
      model: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      finishReason: 'tool_calls',
      parameters: { temperature: 0 },
      usage: { promptTokens: 97, completionTokens: 16, totalTokens: 113, promptCacheHitTokens: 0 },
    });
    expect(toolRequest!.output).toMatchObject({
      role: 'assistant',
      toolCalls: [{ id: 'call_demo_weather', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    expect(generation(agent.children[0])?.cost?.total).toBeGreaterThan(0);

    expect(tool).toMatchObject({
      input: { city: 'Paris' },
      output: { city: 'Paris', temperatureC: 18, conditions: 'sunny' },
      attributes: { toolId: 'get_weather', toolType: 'function' },
    });

    expect(streamed!.attributes).toMatchObject({
      model: 'gpt-4o-mini',
      streaming: true,
      finishReason: 'stop',
      usage: { promptTokens: 120, completionTokens: 10, totalTokens: 130 },
    });
    expect(streamed!.output).toEqual({ role: 'assistant', content: ANSWER });
    expect(streamed!.metadata).toMatchObject({ streamStatus: 'completed' });
    expect(generation(agent.children[2])?.cost?.total).toBeGreaterThan(0);
    const firstToken = generation(agent.children[2])?.completionStartTime;
    expect(firstToken).toBeGreaterThanOrEqual(streamed!.startTime);
    expect(firstToken).toBeLessThanOrEqual(streamed!.endTime!);

    // The API key the SDK sends never reaches a span.
    expect(JSON.stringify(exporter.events)).not.toContain('sk-demo');
  });

  it('gives the app the same answer without the instrumentation', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    expect(await runWeatherAssistant(demoClient(), tracing, QUESTION)).toBe(ANSWER);
    await tracing.shutdown();
    expect(exporter.getFinishedSpans().map((span) => span.type)).toEqual(['tool_call', 'agent_run']);
  });

  it('prints the tree with the served model, tokens, cost, finish reasons and time to first token', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    const tracing = new DefaultAITracing({
      serviceName: 'demo',
      exporters: [new ConsoleExporter({ stream, color: false })],
    });
    await runWeatherAssistant(instrumentOpenAI(demoClient()), tracing, QUESTION);
    await tracing.shutdown();

    const printed = chunks.join('');
    expect(printed).toMatch(
      /├─ llm_generation chat gpt-4o-mini .*served by gpt-4o-mini-2024-07-18 · openai · tokens 97 prompt \(0 cached\) \+ 16 completion = 113 · cost \$[\d.]+ · finish tool_calls/,
    );
    expect(printed).toMatch(/├─ tool_call get_weather /);
    expect(printed).toMatch(
      /└─ llm_generation chat gpt-4o-mini .*streamed · first token [\d.]+ms · tokens 120 prompt \(0 cached\) \+ 10 completion = 130 · cost \$[\d.]+ · finish stop/,
    );
    expect(printed).toContain('totals 4 spans · 2 LLM calls');
  });
});
