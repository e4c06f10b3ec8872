import { Writable } from 'node:stream';
import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FakeDatadogAgent } from '../../packages/exporter-datadog/test/fake-datadog-agent';
import { fakeOpenAIFetch } from './fake-openai-fetch';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportAgent } from './support-agent';
import { runWeatherAssistant } from './weather-assistant';

const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });

describe('the demo with the Datadog env variables set', () => {
  it('produces an LLM Observability tree and an APM trace at the (fake) agent', async () => {
    const agent = await FakeDatadogAgent.start();
    const saved = { ...process.env };
    Object.assign(process.env, {
      DD_AGENT_HOST: '127.0.0.1',
      DD_TRACE_AGENT_PORT: String(agent.port),
      DD_LLMOBS_ML_APP: 'aitracing-demo',
      DD_SERVICE: 'aitracing-demo',
      DD_ENV: 'demo',
      AITRACING_DATADOG_MODE: 'both',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
    });
    try {
      const observability = createObservability(process.env, quiet);
      await runSupportAgent(observability, 'Where is my order 1234?');
      await runOrderWorkflow(observability, DEMO_ORDER);
      const openai = instrumentOpenAI(
        new OpenAI({ apiKey: 'sk-demo', baseURL: 'http://demo.invalid/v1', fetch: fakeOpenAIFetch }),
      );
      await runWeatherAssistant(openai, observability, 'What is the weather in Paris right now?');
      await observability.shutdown();
      expect(agent.violations).toEqual([]);
      const kinds = new Set(agent.llmobsSpans.map((span) => span.meta['span.kind']));
      expect([...kinds].sort()).toEqual(['agent', 'llm', 'task', 'tool', 'workflow']);
      expect(agent.llmobsSpans.some((span) => span.status === 'error')).toBe(true);
      expect(agent.apmSpans.length).toBeGreaterThan(10);
      // The OpenAI SDK's streamed generation, instrumented in one line: model, tokens and time to first token.
      const streamed = agent.llmobsSpans.filter((span) => span.name === 'chat gpt-4o-mini').at(-1);
      expect(streamed?.meta).toMatchObject({
        'span.kind': 'llm',
        model_name: 'gpt-4o-mini',
        model_provider: 'openai',
      });
      expect(streamed?.metrics).toMatchObject({ input_tokens: 120, output_tokens: 10, total_tokens: 130 });
      expect(streamed?.meta.metadata?.time_to_first_chunk_ms).toBeGreaterThan(0);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await agent.close();
    }
  });
});
