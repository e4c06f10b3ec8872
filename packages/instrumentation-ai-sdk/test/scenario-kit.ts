import { getCurrentSpan } from '@aitracing/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AISDKTelemetry } from '../src/index';
import { chatCompletion, FakeOpenAIServer } from './fake-openai-server';

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

export interface TextResult {
  text: string;
  finishReason: string;
  totalUsage: unknown;
  steps: Array<{ content: unknown; finishReason: string; usage: unknown }>;
  response: { messages: unknown };
}

export interface StreamResult {
  textStream: AsyncIterable<string>;
  fullStream: AsyncIterable<Record<string, unknown>>;
  text: PromiseLike<string>;
  usage: PromiseLike<unknown>;
}

export function comparable(result: TextResult): unknown {
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

export function part(value: Record<string, unknown>): unknown {
  const { type, text, delta, toolName, input, output, toolCallId } = value;
  return { type, text, delta, toolName, input, output, toolCallId };
}

/** What every scenario of one major shares: the fake server, the model, a tool. */
export interface ScenarioKit {
  readonly sdk: AISDKUnderTest;
  readonly server: FakeOpenAIServer;
  baseURL(): string;
  model(): unknown;
  weatherTool(seen?: string[]): unknown;
  toolRoundTrip(options: Record<string, unknown>): Promise<TextResult>;
}

/** Start the fake server for the suite and build the kit. */
export function scenarioKit(sdk: AISDKUnderTest): ScenarioKit {
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

  return { sdk, server, baseURL: () => baseURL, model, weatherTool, toolRoundTrip };
}
