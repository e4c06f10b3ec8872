import { AISpanType, DefaultAITracing, propagateAttributes } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LangfuseExporter } from '../src/langfuse-exporter';
import { FakeLangfuse, readObservation, readTraces } from './fake-langfuse';

// Server: LangfuseOtelSpanAttributes (packages/shared/src/server/otel/attributes.ts): TRACE_USER_ID
// `user.id`, TRACE_SESSION_ID `session.id`, TRACE_TAGS `langfuse.trace.tags`, ENVIRONMENT
// `langfuse.environment`, RELEASE `langfuse.release`, OBSERVATION_PROMPT_NAME / _VERSION.

const fakes: FakeLangfuse[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function setup() {
  const fake = new FakeLangfuse();
  fakes.push(fake);
  const exporter = new LangfuseExporter({
    publicKey: fake.publicKey,
    secretKey: fake.secretKey,
    baseUrl: await fake.start(),
    environment: 'staging',
    release: 'v1',
    flushInterval: 0.02,
  });
  const tracing = new DefaultAITracing({
    serviceName: 'support',
    exporters: [exporter],
    logger: new RecordingLogger(),
  });
  return { fake, tracing };
}

function observation(fake: FakeLangfuse, name: string) {
  const span = fake.spans.find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span named ${name} received`);
  return readObservation(span);
}

describe('LangfuseExporter: users, sessions, tags, environment, release and prompts', () => {
  it('puts scoped user, session and tags on the trace and on every observation', async () => {
    const { fake, tracing } = await setup();
    await propagateAttributes(
      {
        userId: 'user-7',
        sessionId: 'chat-42',
        tags: ['beta'],
        environment: 'production',
        release: 'v2.0.1',
        metadata: { tenant: 'acme' },
      },
      async () => {
        const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent', tags: ['eu'] });
        await Promise.resolve();
        root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup' }).end();
        root.end();
      },
    );
    await tracing.flush();
    expect(fake.rejections).toEqual([]);
    const trace = [...readTraces(fake.spans).values()][0];
    expect(trace).toMatchObject({ userId: 'user-7', sessionId: 'chat-42', tags: ['beta', 'eu'] });
    // Scoped metadata is the root's metadata, so the trace's.
    expect(trace?.metadata).toMatchObject({ tenant: 'acme' });
    const lookup = fake.spans.find((span) => span.name === 'lookup')?.attributes ?? {};
    // Like Langfuse's own propagateAttributes: trace fields on every span, the trace name only on the root.
    expect(lookup['user.id']).toBe('user-7');
    expect(lookup['session.id']).toBe('chat-42');
    // A span's own tags apply to its descendants too.
    expect(lookup['langfuse.trace.tags']).toEqual(['beta', 'eu']);
    expect(lookup['langfuse.trace.name']).toBeUndefined();
    // The scope's environment and release win over the exporter's.
    expect(observation(fake, 'lookup')).toMatchObject({ environment: 'production', release: 'v2.0.1' });
  });

  it("keeps the exporter's environment and release, and root metadata userId, when nothing is scoped", async () => {
    const { fake, tracing } = await setup();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'plain', metadata: { userId: 'legacy-user' } }).end();
    await tracing.flush();
    expect(observation(fake, 'plain')).toMatchObject({ environment: 'staging', release: 'v1' });
    expect([...readTraces(fake.spans).values()][0]?.userId).toBe('legacy-user');
  });

  it('links a generation to its Langfuse prompt from attributes.prompt', async () => {
    const { fake, tracing } = await setup();
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' });
    root
      .createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'answer',
        attributes: {
          model: 'gpt-4o',
          prompt: { name: 'support-answer', version: 4, template: 'Answer {{q}}', variables: { q: 'hi' } },
        },
      })
      .end();
    root
      .createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'labelled',
        attributes: { model: 'gpt-4o', prompt: { name: 'support-plan', version: 'production' } },
      })
      .end();
    root.end();
    await tracing.flush();
    const answer = fake.spans.find((span) => span.name === 'answer')?.attributes ?? {};
    expect(answer['langfuse.observation.prompt.name']).toBe('support-answer');
    expect(answer['langfuse.observation.prompt.version']).toBe(4);
    const labelled = fake.spans.find((span) => span.name === 'labelled')?.attributes ?? {};
    // Langfuse links prompt versions by number; a label alone links nothing rather than the wrong version.
    expect(labelled['langfuse.observation.prompt.name']).toBe('support-plan');
    expect(labelled['langfuse.observation.prompt.version']).toBeUndefined();
  });
});
