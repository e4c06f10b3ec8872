import { AISpanType, type SpanStarter, traced } from '@aitracing/core';
import type OpenAI from 'openai';

/** What the `get_weather` tool returns. */
export interface WeatherReport {
  readonly city: string;
  readonly temperatureC: number;
  readonly conditions: string;
}

const MODEL = 'gpt-4o-mini';
const INSTRUCTIONS = 'You are a weather assistant. Use the get_weather tool, then answer in one sentence.';
const TOOLS: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The current weather in a city.',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    },
  },
];
const WEATHER_SERVICE_LATENCY_MS = 40;

/** The app's own tool: a (simulated) weather service, no network. */
export async function getWeather(city: string): Promise<WeatherReport> {
  await new Promise((resolve) => setTimeout(resolve, WEATHER_SERVICE_LATENCY_MS));
  return { city, temperatureC: 18, conditions: 'sunny' };
}

/**
 * A tiny agent on the real OpenAI SDK: the model asks for the `get_weather`
 * tool, the app runs it, and the model streams the answer. The agent and the
 * tool are traced by hand with `traced`; both model calls are traced by the
 * instrumented `openai` client (`instrumentOpenAI`), as children of the agent.
 * `tracing` is where the agent's trace starts.
 */
export function runWeatherAssistant(openai: OpenAI, tracing: SpanStarter, question: string): Promise<string> {
  return traced(
    {
      type: AISpanType.AGENT_RUN,
      name: 'weather-assistant',
      attributes: {
        agentId: 'weather-assistant',
        instructions: INSTRUCTIONS,
        availableTools: ['get_weather'],
      },
      input: question,
      tracing,
    },
    async () => {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: question },
      ];
      const first = await openai.chat.completions.create({
        model: MODEL,
        messages,
        tools: TOOLS,
        temperature: 0,
      });
      const request = first.choices[0]?.message;
      if (request === undefined) return '';
      messages.push(request);

      for (const call of request.tool_calls ?? []) {
        if (call.type !== 'function' || call.function.name !== 'get_weather') continue;
        const { city } = JSON.parse(call.function.arguments) as { city: string };
        const report = await traced(
          {
            type: AISpanType.TOOL_CALL,
            name: call.function.name,
            attributes: { toolId: call.function.name, toolType: 'function' },
            input: { city },
          },
          () => getWeather(city),
        );
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(report) });
      }

      // Streamed Chat Completions report usage only when asked, in a last chunk.
      const stream = await openai.chat.completions.create({
        model: MODEL,
        messages,
        tools: TOOLS,
        temperature: 0.3,
        stream: true,
        stream_options: { include_usage: true },
      });
      let answer = '';
      for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? '';
      return answer;
    },
  );
}
