import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LangfuseExporter } from '../src/langfuse-exporter';
import type { LangfuseExporterOptions } from '../src/langfuse-exporter-options';
import { FakeLangfuse } from './fake-langfuse';

// Each attribute name below is asserted on the wire: the fake decodes the OTLP/protobuf body with the
// official opentelemetry-proto definitions. "Server:" comments point at how Langfuse reads it, in
// langfuse/langfuse packages/shared/src/server/otel/: OtelIngestionProcessor.ts (the method named)
// and ObservationTypeMapper.ts; attribute constants in attributes.ts (LangfuseOtelSpanAttributes,
// also exported by @langfuse/core).

const fakes: FakeLangfuse[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function setup(options: LangfuseExporterOptions = {}) {
  const fake = new FakeLangfuse();
  fakes.push(fake);
  const logger = new RecordingLogger();
  const exporter = new LangfuseExporter({
    publicKey: fake.publicKey,
    secretKey: fake.secretKey,
    baseUrl: await fake.start(),
    environment: 'staging',
    release: 'v1.4.2',
    flushInterval: 0.02,
    ...options,
  });
  const tracing = new DefaultAITracing({ serviceName: 'support', exporters: [exporter], logger });
  return { fake, tracing, logger };
}

function byName(fake: FakeLangfuse, name: string) {
  const span = fake.spans.find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span named ${name} received`);
  return span;
}

describe('LangfuseExporter on the wire', () => {
  it('sends OTLP/protobuf to /api/public/otel/v1/traces with Basic auth and ingestion version 4', async () => {
    const { fake, tracing } = await setup();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'one' }).end();
    await tracing.flush();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.contentType).toBe('application/x-protobuf');
    expect(fake.requests[0]?.headers['x-langfuse-ingestion-version']).toBe('4');
    expect(fake.requests[0]?.headers['x-langfuse-public-key']).toBe(fake.publicKey);
    // The fake answers 401 unless Authorization is `Basic base64(public:secret)`.
    expect(fake.rejections).toEqual([]);
  });

  it('names every Langfuse field with the attribute the Langfuse server reads', async () => {
    const { fake, tracing } = await setup();
    const firstToken = Date.now() + 30;
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support-agent',
      attributes: { agentId: 'support' },
      metadata: { userId: 'user-7', sessionId: 'session-42', tags: ['beta', 'eu'], tier: 'gold' },
      input: 'Where is my order?',
    });
    const generation = root.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      attributes: { model: 'gpt-4o', parameters: { temperature: 0.2, maxOutputTokens: 256 } },
      metadata: { promptName: 'support-plan', promptVersion: 3, experiment: 'b' },
      input: [{ role: 'user', content: 'Where is my order?' }],
    });
    generation.end({
      output: 'Let me check.',
      attributes: {
        responseModel: 'gpt-4o-2024-08-06',
        completionStartTime: firstToken,
        usage: {
          promptTokens: 120,
          completionTokens: 30,
          totalTokens: 150,
          promptCacheHitTokens: 100,
          promptCacheWriteTokens: 5,
          reasoningTokens: 10,
        },
        cost: { input: 0.01, output: 0.02, total: 0.03, currency: 'USD' },
      },
    });
    root
      .createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'embed',
        attributes: { model: 'text-embedding-3-small', operation: 'embeddings' },
      })
      .end();
    const tool = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup-order', input: { id: 1 } });
    tool.error({ error: new Error('upstream timeout') });
    root.createChildSpan({ type: AISpanType.GENERIC, name: 'step' }).end();
    root.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
    root.end({ output: 'In transit.' });
    tracing.startSpan({ type: AISpanType.WORKFLOW_RUN, name: 'refund-flow' }).end();
    await tracing.flush();
    expect(fake.rejections).toEqual([]);

    const agent = byName(fake, 'support-agent').attributes;
    // Trace fields come from the root span. Server: createTraceEvent / extractUserId / extractSessionId /
    // extractTags / extractMetadata(…, 'trace'); input and output: extractInputAndOutput (domain 'trace').
    expect(agent['langfuse.trace.name']).toBe('support-agent');
    expect(agent['user.id']).toBe('user-7');
    expect(agent['session.id']).toBe('session-42');
    expect(agent['langfuse.trace.tags']).toEqual(['beta', 'eu']);
    expect(agent['langfuse.trace.metadata.tier']).toBe('gold');
    expect(agent['langfuse.trace.input']).toBe('Where is my order?');
    expect(agent['langfuse.trace.output']).toBe('In transit.');
    // Server: ObservationTypeMapper, `LangfuseObservationTypeDirectMapping` (priority 1).
    expect(agent['langfuse.observation.type']).toBe('agent');
    // Server: extractEnvironment (`langfuse.environment` first) and `release` in createObservationEvent.
    expect(agent['langfuse.environment']).toBe('staging');
    expect(agent['langfuse.release']).toBe('v1.4.2');

    const plan = byName(fake, 'plan');
    const a = plan.attributes;
    expect(a['langfuse.observation.type']).toBe('generation');
    // Server: extractInputAndOutput reads `langfuse.observation.input` / `.output` first.
    expect(JSON.parse(String(a['langfuse.observation.input']))).toEqual([
      { role: 'user', content: 'Where is my order?' },
    ]);
    expect(a['langfuse.observation.output']).toBe('Let me check.');
    // Server: extractModelName (`langfuse.observation.model.name` before gen_ai.response.model).
    expect(a['langfuse.observation.model.name']).toBe('gpt-4o');
    // Server: extractModelParameters JSON-parses `langfuse.observation.model.parameters`.
    expect(JSON.parse(String(a['langfuse.observation.model.parameters']))).toEqual({
      temperature: 0.2,
      maxOutputTokens: 256,
    });
    // Server: extractUsageDetails JSON-parses `langfuse.observation.usage_details`; keys are priced one by
    // one (worker/src/constants/default-model-prices.json) and every key containing "input" ("output")
    // is summed into input (output) usage, so the keys are disjoint.
    expect(JSON.parse(String(a['langfuse.observation.usage_details']))).toEqual({
      input: 15,
      input_cached_tokens: 100,
      input_cache_creation: 5,
      output: 20,
      output_reasoning: 10,
      total: 150,
    });
    // Server: extractCostDetails JSON-parses `langfuse.observation.cost_details` (numbers only).
    expect(JSON.parse(String(a['langfuse.observation.cost_details']))).toEqual({
      input: 0.01,
      output: 0.02,
      total: 0.03,
    });
    // Server: extractCompletionStartTime accepts an ISO date string.
    expect(a['langfuse.observation.completion_start_time']).toBe(new Date(firstToken).toISOString());
    // Server: promptName / promptVersion in createObservationEvent (version as a number).
    expect(a['langfuse.observation.prompt.name']).toBe('support-plan');
    expect(a['langfuse.observation.prompt.version']).toBe(3);
    // Server: extractMetadata(…, 'observation') strips the `langfuse.observation.metadata.` prefix.
    expect(a['langfuse.observation.metadata.experiment']).toBe('b');
    expect(a['langfuse.observation.metadata.promptName']).toBeUndefined();

    // Server: `version` is `langfuse.version`, else the resource's `service.version`; we send neither,
    // so the release never shows up as a version.
    expect(a['langfuse.version']).toBeUndefined();
    expect(plan.resource['service.version']).toBeUndefined();
    expect(plan.resource['deployment.environment.name']).toBe('staging');

    const failed = byName(fake, 'lookup-order').attributes;
    expect(failed['langfuse.observation.type']).toBe('tool');
    // Server: `level` and `statusMessage` in createObservationEvent.
    expect(failed['langfuse.observation.level']).toBe('ERROR');
    expect(failed['langfuse.observation.status_message']).toBe('upstream timeout');

    expect(byName(fake, 'embed').attributes['langfuse.observation.type']).toBe('embedding');
    expect(byName(fake, 'step').attributes['langfuse.observation.type']).toBe('span');
    expect(byName(fake, 'chunk').attributes['langfuse.observation.type']).toBe('event');
    expect(byName(fake, 'refund-flow').attributes['langfuse.observation.type']).toBe('chain');
    // Trace-level attributes only on roots: a child would re-create the trace (hasTraceUpdates).
    expect(Object.keys(a).filter((key) => key.startsWith('langfuse.trace.'))).toEqual([]);
  });

  it("applies Langfuse's masking hook to inputs, outputs and metadata, failing closed", async () => {
    const { fake, tracing, logger } = await setup({
      mask: ({ data }) => {
        if (typeof data === 'string' && data.includes('explode')) throw new Error(`cannot mask ${data}`);
        return typeof data === 'string' ? data.replace(/\d{4}-\d{4}/g, '****') : data;
      },
    });
    tracing
      .startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'masked',
        input: 'card 1234-5678',
        metadata: { note: 'call 9999-0000', hint: 'explode now' },
      })
      .end({ output: 'charged 1234-5678' });
    await tracing.flush();
    const a = byName(fake, 'masked').attributes;
    expect(a['langfuse.observation.input']).toBe('card ****');
    expect(a['langfuse.trace.input']).toBe('card ****');
    expect(a['langfuse.observation.output']).toBe('charged ****');
    expect(a['langfuse.trace.output']).toBe('charged ****');
    expect(a['langfuse.observation.metadata.note']).toBe('call ****');
    expect(a['langfuse.trace.metadata.note']).toBe('call ****');
    expect(a['langfuse.trace.metadata.hint']).toBe('<fully masked due to failed mask function>');
    const warnings = logger.at('warn').filter((line) => line.includes('mask function failed'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('explode');
  });
});
