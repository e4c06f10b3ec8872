import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { runWithSpan } from './async-context';
import { getPropagatedAttributes, propagateAttributes } from './attribute-scope';
import { traced } from './traced';

function setup() {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger });
  const spanNamed = (name: string) => {
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
    if (span === undefined) throw new Error(`no span "${name}"`);
    return span;
  };
  return { exporter, tracing, logger, spanNamed };
}

describe('propagateAttributes', () => {
  it('puts user, session, tags, environment and release on every span created inside, across await, timers, Promise.all and a stream read later', async () => {
    const { tracing, spanNamed } = setup();
    const start = (name: string) => tracing.startSpan({ type: AISpanType.GENERIC, name }).end();
    let stream: Readable | undefined;
    await propagateAttributes(
      { userId: 'user-1', sessionId: 'chat-1', tags: ['beta'], environment: 'staging', release: 'abc123' },
      async () => {
        start('sync');
        await sleep(1);
        start('after-await');
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            start('in-timer');
            resolve();
          }, 1),
        );
        await Promise.all([
          (async () => {
            await sleep(1);
            start('branch-a');
          })(),
          (async () => start('branch-b'))(),
        ]);
        stream = Readable.from(['chunk']);
        stream.on('data', () => start('stream-data'));
        stream.pause();
      },
    );
    // Consumed after the scope returned: the stream's callbacks still belong to it.
    stream?.resume();
    await new Promise((resolve) => stream?.on('end', resolve));
    start('outside');
    await tracing.flush();
    for (const name of ['sync', 'after-await', 'in-timer', 'branch-a', 'branch-b', 'stream-data']) {
      expect(spanNamed(name)).toMatchObject({
        userId: 'user-1',
        sessionId: 'chat-1',
        tags: ['beta'],
        environment: 'staging',
        release: 'abc123',
      });
    }
    const outside = spanNamed('outside');
    expect(outside.userId).toBeUndefined();
    expect(outside.tags).toBeUndefined();
  });

  it('lets the inner scope win per key, adds up tags without duplicates and merges metadata under the span’s own', async () => {
    const { tracing, spanNamed } = setup();
    propagateAttributes(
      { userId: 'outer', sessionId: 's', tags: ['a', 'b'], metadata: { tenant: 't1', plan: 'free' } },
      () =>
        propagateAttributes({ userId: 'inner', tags: ['b', 'c'], metadata: { plan: 'pro' } }, () => {
          expect(getPropagatedAttributes()).toMatchObject({
            userId: 'inner',
            sessionId: 's',
            tags: ['a', 'b', 'c'],
          });
          tracing.startSpan({ type: AISpanType.GENERIC, name: 'nested', metadata: { tenant: 'own' } }).end();
        }),
    );
    await tracing.flush();
    expect(spanNamed('nested')).toMatchObject({
      userId: 'inner',
      sessionId: 's',
      tags: ['a', 'b', 'c'],
      metadata: { tenant: 'own', plan: 'pro' },
    });
    expect(getPropagatedAttributes()).toBeUndefined();
  });

  it('lets values set on a span win, passes them to its children, and adds its tags to the scope’s', async () => {
    const { tracing, spanNamed } = setup();
    propagateAttributes({ userId: 'scoped', sessionId: 'scoped-session', tags: ['scope'] }, () => {
      const root = tracing.startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'root',
        userId: 'explicit',
        tags: ['own'],
      });
      runWithSpan(root, () => tracing.startSpan({ type: AISpanType.GENERIC, name: 'child' }).end());
      root.createChildSpan({ type: AISpanType.GENERIC, name: 'session-child', sessionId: 'other' }).end();
      root.end();
    });
    await tracing.flush();
    expect(spanNamed('root')).toMatchObject({
      userId: 'explicit',
      sessionId: 'scoped-session',
      tags: ['scope', 'own'],
    });
    expect(spanNamed('child')).toMatchObject({ userId: 'explicit', tags: ['scope', 'own'] });
    expect(spanNamed('session-child')).toMatchObject({ userId: 'explicit', sessionId: 'other' });
  });

  it('reads userId and sessionId set in metadata by hand, so exporters need only the fields', async () => {
    const { tracing, spanNamed } = setup();
    tracing
      .startSpan({
        type: AISpanType.AGENT_RUN,
        name: 'legacy',
        metadata: { userId: 'u-9', sessionId: 's-9' },
      })
      .end();
    await tracing.flush();
    expect(spanNamed('legacy')).toMatchObject({ userId: 'u-9', sessionId: 's-9' });
  });

  it('caps hostile values (oversized ids, 1,000 tags, control characters) and warns once, never throwing', async () => {
    const { tracing, logger, spanNamed } = setup();
    const tags = Array.from({ length: 1_000 }, (_, index) => `tag-${index}`);
    const hostile = {
      userId: `evil\u0000\n\u001b[31m${'x'.repeat(10_000)}`,
      sessionId: 42 as unknown as string,
      tags: [...tags, 17 as unknown as string, `t\u0007ag`],
    };
    const result = propagateAttributes(hostile, () =>
      propagateAttributes({ tags: ['z'.repeat(300)] }, () => {
        tracing.startSpan({ type: AISpanType.GENERIC, name: 'capped' }).end();
        tracing.startSpan({ type: AISpanType.GENERIC, name: 'capped-again' }).end();
        return 'result';
      }),
    );
    expect(result).toBe('result');
    const throwing = Object.defineProperty({}, 'userId', {
      get() {
        throw new Error('hostile getter');
      },
    });
    expect(propagateAttributes(throwing, () => 'still runs')).toBe('still runs');
    expect(propagateAttributes(null as never, () => 'null is ignored')).toBe('null is ignored');
    await tracing.flush();
    const span = spanNamed('capped');
    expect(span.userId).toMatch(/^evil\[31mx+$/);
    expect(span.userId?.length).toBe(200);
    expect(span.sessionId).toBe('42');
    expect(span.tags).toHaveLength(50);
    expect(span.tags?.[0]).toBe('tag-0');
    expect(logger.at('warn').filter((line) => line.includes('cut or dropped'))).toHaveLength(1);
  });

  it('reaches spans that traced() and instrumentations start from the current context', async () => {
    const { tracing, spanNamed } = setup();
    await propagateAttributes({ userId: 'u' }, () =>
      traced({ type: AISpanType.TOOL_CALL, name: 'tool', tracing }, async () => sleep(1)),
    );
    await tracing.flush();
    expect(spanNamed('tool').userId).toBe('u');
  });
});
