import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  FakeLangfuse,
  readObservation,
  readTraces,
} from '../../packages/exporter-langfuse/test/fake-langfuse';
import { OtlpReceiver } from '../../packages/exporter-otel/test/otlp-receiver';
import { DEMO_ORDER, runOrderWorkflow } from './order-workflow';
import { createObservability } from './setup-tracing';
import { runSupportAgent } from './support-agent';

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
      await observability.shutdown();

      expect(langfuse.rejections).toEqual([]);
      expect(langfuse.spans.length).toBeGreaterThan(20);
      expect(otlp.spans).toHaveLength(langfuse.spans.length);
      const types = new Set(langfuse.spans.map((span) => String(span.attributes['aitracing.span.type'])));
      for (const type of [
        'agent_run',
        'llm_generation',
        'llm_chunk',
        'tool_call',
        'mcp_tool_call',
        'workflow_run',
      ]) {
        expect(types).toContain(type);
      }
      const observationTypes = new Set(langfuse.spans.map((span) => readObservation(span).type));
      expect([...observationTypes].sort()).toEqual(['agent', 'chain', 'event', 'generation', 'span', 'tool']);
      const failedTool = langfuse.spans
        .map(readObservation)
        .find((observation) => observation.level === 'ERROR');
      expect(failedTool?.type).toBe('tool');
      const names = [...readTraces(langfuse.spans).values()].map((trace) => trace.name).sort();
      expect(names).toEqual(['fulfil-order', 'support-agent']);
    } finally {
      await langfuse.stop();
      await otlp.stop();
    }
  });
});
