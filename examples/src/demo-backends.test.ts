import { Writable } from 'node:stream';
import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  FakeLangfuse,
  readObservation,
  readTraces,
} from '../../packages/exporter-langfuse/test/fake-langfuse';
import { OtlpReceiver } from '../../packages/exporter-otel/test/otlp-receiver';
import { fakeOpenAIFetch } from './fake-openai-fetch';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportAgent } from './support-agent';
import { runWeatherAssistant } from './weather-assistant';

const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });

describe('the demo with backend env variables set', () => {
  it('sends every span to Langfuse and to an OTLP receiver, intact and accepted', async () => {
    const langfuse = new FakeLangfuse();
    const otlp = new OtlpReceiver();
    const env = {
      LANGFUSE_PUBLIC_KEY: langfuse.publicKey,
      LANGFUSE_SECRET_KEY: langfuse.secretKey,
      LANGFUSE_BASE_URL: await langfuse.start(),
      OTEL_EXPORTER_OTLP_ENDPOINT: await otlp.startHttp(),
    };
    try {
      const observability = createObservability(env, quiet);
      await runSupportAgent(observability, 'Where is my order 1234?');
      await runOrderWorkflow(observability, DEMO_ORDER);
      const openai = instrumentOpenAI(
        new OpenAI({ apiKey: 'sk-demo', baseURL: 'http://demo.invalid/v1', fetch: fakeOpenAIFetch }),
      );
      await runWeatherAssistant(openai, observability, 'What is the weather in Paris right now?');
      await observability.shutdown();

      expect(langfuse.rejections).toEqual([]);
      // support agent 6 (its 14 streamed chunks folded into the plan) + order workflow 13 + weather assistant 4
      expect(langfuse.spans).toHaveLength(23);
      expect(otlp.spans).toHaveLength(langfuse.spans.length);
      const types = new Set(langfuse.spans.map((span) => String(span.attributes['aitracing.span.type'])));
      for (const type of ['agent_run', 'llm_generation', 'tool_call', 'mcp_tool_call', 'workflow_run']) {
        expect(types).toContain(type);
      }
      const observationTypes = new Set(langfuse.spans.map((span) => readObservation(span).type));
      expect([...observationTypes].sort()).toEqual(['agent', 'chain', 'generation', 'span', 'tool']);
      expect(types.has('llm_chunk')).toBe(false);
      const failedTool = langfuse.spans
        .map(readObservation)
        .find((observation) => observation.level === 'ERROR');
      expect(failedTool?.type).toBe('tool');
      const names = [...readTraces(langfuse.spans).values()].map((trace) => trace.name).sort();
      expect(names).toEqual(['fulfil-order', 'support-agent', 'weather-assistant']);

      // The OpenAI SDK's streamed generation, instrumented in one line: usage, cost and time to first token.
      const streamed = langfuse.spans
        .map(readObservation)
        .filter((observation) => observation.name === 'chat gpt-4o-mini')
        .at(-1);
      expect(streamed).toMatchObject({
        type: 'generation',
        model: 'gpt-4o-mini',
        usageDetails: { input: 120, output: 10 },
      });
      expect(streamed?.costDetails?.total).toBeGreaterThan(0);
      expect(Date.parse(streamed?.completionStartTime ?? '')).toBeGreaterThan(0);
      const otlpStreamed = otlp.spans.filter((span) => span.name === 'chat gpt-4o-mini').at(-1);
      expect(otlpStreamed?.attributes).toMatchObject({
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 10,
      });
      expect(otlpStreamed?.attributes['aitracing.time_to_first_token_ms']).toBeGreaterThan(0);
    } finally {
      await langfuse.stop();
      await otlp.stop();
    }
  });
});
