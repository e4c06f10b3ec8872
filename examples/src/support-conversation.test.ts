import { Writable } from 'node:stream';
import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { describe, expect, it } from 'vitest';
import { DEMO_USER, runSupportConversation } from './support-conversation';

describe('the demo support conversation', () => {
  it('carries user, session and tags on every span, links the answer to its prompt, and delivers the feedback score', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'demo', exporters: [exporter] });
    const answer = await runSupportConversation(tracing, 'Where is my order 1234?');
    await tracing.shutdown();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(6);
    for (const span of spans) {
      expect(span).toMatchObject({
        userId: 'user-42',
        sessionId: 'support-chat-7',
        tags: ['demo', 'support'],
      });
    }
    const final = spans.find((span) => span.type === AISpanType.LLM_GENERATION && span.name === 'answer');
    expect(final?.attributes).toMatchObject({ prompt: { name: 'support-answer', version: 3 } });
    expect(exporter.getScores()).toEqual([
      expect.objectContaining({
        traceId: answer.traceId,
        name: 'user-feedback',
        value: 1,
        dataType: 'numeric',
        source: 'user-feedback',
        userId: DEMO_USER.userId,
      }),
    ]);
  });

  it('shows them in the console: user, session and tags on the tree, prompt@version, and a score line', async () => {
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
    await runSupportConversation(tracing, 'Where is my order 1234?');
    await tracing.shutdown();
    const printed = chunks.join('');
    expect(printed).toContain('user user-42 · session support-chat-7 · tags demo, support');
    expect(printed).toContain('prompt support-answer@3');
    expect(printed).toMatch(
      /score user-feedback = 1 \(user-feedback\) “Found my parcel, thanks!” · trace [0-9a-f]{8} user user-42/,
    );
  });
});
