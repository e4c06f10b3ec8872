import '../../packages/exporter-datadog/test/dd-env';
import { format } from 'node:util';
import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDatadogAgent } from '../../packages/exporter-datadog/test/fake-datadog-agent';
import { AppGuard } from '../src/app/app-guard';
import { prototypeFingerprint } from '../src/hostile/exported-invariants';
import { hostileValue, withPlantedSecret } from '../src/hostile/hostile-values';
import { createSecrets, findSecrets, secretValues } from '../src/security/secrets';

// dd-trace's own debug logging on: everything it says goes to aitracing's logger, which must stay free of secrets.
process.env.DD_TRACE_DEBUG = 'true';

const secrets = createSecrets();
const logger = new RecordingLogger();
const guard = new AppGuard();
let agent: FakeDatadogAgent;
let exporter: DatadogExporter;
let tracing: DefaultAITracing;

beforeAll(async () => {
  guard.arm();
  agent = await FakeDatadogAgent.start();
  exporter = new DatadogExporter({
    mode: 'both',
    mlApp: 'hostile',
    env: 'reliability',
    agentUrl: agent.url,
    apiKey: secrets.datadogApiKey,
  });
  tracing = new DefaultAITracing({ serviceName: 'hostile', exporters: [exporter], logger });
});

afterAll(async () => {
  await tracing.shutdown();
  guard.disarm();
  await agent.close();
});

describe('DatadogExporter with hostile span data and dd-trace debug logging', () => {
  it('never throws, hands every span over, and no secret reaches a log line or the agent', async () => {
    const fingerprint = prototypeFingerprint();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostileValue, withPlantedSecret(secrets.appSecret), async (noise, planted) => {
        const root = guard.call(() =>
          tracing.startSpan({
            type: AISpanType.AGENT_RUN,
            name: 'hostile',
            input: planted.value,
            metadata: { data: planted.value, noise, tags: noise } as Record<string, unknown>,
          }),
        );
        const llm = guard.call(() =>
          root?.createChildSpan({
            type: AISpanType.LLM_GENERATION,
            name: 'llm',
            attributes: { model: noise as string, usage: noise as never, parameters: planted.value as never },
            input: noise,
          }),
        );
        guard.call(() => llm?.end({ output: planted.value }));
        guard.call(() => root?.end({ output: noise }));
        sent += 2;
        expect(guard.errors).toEqual([]);
        expect(prototypeFingerprint()).toBe(fingerprint);
      }),
      { numRuns: 60 },
    );
    await guard.callAsync(() => tracing.flush());
    await agent.waitFor(() => agent.llmobsSpans.length >= sent, 20_000, `${sent} LLM Observability spans`);
    const refused = agent.requests.filter((request) => request.status >= 300);
    expect(exporter.getStats(), JSON.stringify({ refused, violations: agent.violations })).toMatchObject({
      spansHandedOver: sent,
      spansDropped: 0,
      requestsRejected: 0,
    });
    expect(agent.violations).toEqual([]);
    const logged = logger.lines.map((line) => format(line.message, ...line.args));
    expect(logged.length).toBeGreaterThan(0);
    expect(findSecrets(logged, secretValues(secrets), 'log line')).toEqual([]);
    const payloads = [
      JSON.stringify(agent.llmobsSpans),
      JSON.stringify(agent.apmSpans, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
    ];
    expect(findSecrets(payloads, secretValues(secrets), 'agent payload')).toEqual([]);
    expect(guard.errors).toEqual([]);
  });
});
