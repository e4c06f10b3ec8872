import { EventEmitter, once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { getCurrentSpan, runWithSpan } from './async-context';
import { getTraceContext } from './trace-context';
import { traced, tracedAsync } from './traced';

function setup(sampling: 'always' | 'never' = 'always') {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters: [exporter],
    sampling: { type: sampling },
  });
  return { exporter, tracing };
}

describe('async context', () => {
  it('keeps the current span across await, setTimeout, Promise.all branches, event emitters and streams', async () => {
    const { tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'root',
      attributes: { agentId: 'a' },
    });
    const seen: Record<string, string | undefined> = {};
    await runWithSpan(root, async () => {
      await sleep(1);
      seen.afterAwait = getCurrentSpan()?.id;
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.inTimer = getCurrentSpan()?.id;
          resolve();
        }, 1),
      );
      const branches = await Promise.all(
        ['a', 'b'].map((branch) =>
          traced({ type: AISpanType.TOOL_CALL, name: `branch-${branch}` }, async (span) => {
            await sleep(2);
            return getCurrentSpan() === span ? span.parent?.id : 'wrong';
          }),
        ),
      );
      seen.branchParents = branches.join(',');
      const emitter = new EventEmitter();
      emitter.on('chunk', () => {
        seen.inListener = getCurrentSpan()?.id;
      });
      emitter.emit('chunk');
      const stream = Readable.from(['x', 'y']);
      for await (const _chunk of stream) seen.inStream = getCurrentSpan()?.id;
    });
    expect(seen).toEqual({
      afterAwait: root.id,
      inTimer: root.id,
      branchParents: `${root.id},${root.id}`,
      inListener: root.id,
      inStream: root.id,
    });
    expect(getCurrentSpan()).toBeUndefined();
  });

  it('keeps concurrent requests apart', async () => {
    const { tracing } = setup();
    const handle = (name: string) =>
      runWithSpan(tracing.startSpan({ type: AISpanType.GENERIC, name }), async () => {
        await sleep(Math.random() * 5);
        return getCurrentSpan()?.name;
      });
    expect(await Promise.all(['r1', 'r2', 'r3'].map(handle))).toEqual(['r1', 'r2', 'r3']);
  });

  it('installs a sampled-out span, so the decision reaches what runs inside it', () => {
    const { tracing } = setup('never');
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'dropped' });
    expect(runWithSpan(span, () => getCurrentSpan())).toBe(span);
    expect(getTraceContext()).toBeUndefined();
  });
});

describe('traced', () => {
  it('runs a sync function in a child span, keeps it sync, and records its result', async () => {
    const { exporter, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'root',
      attributes: { agentId: 'a' },
    });
    const result = runWithSpan(root, () =>
      traced({ type: AISpanType.TOOL_CALL, name: 'add', input: [1, 2] }, () => 1 + 2),
    );
    expect(result).toBe(3);
    root.end();
    await tracing.flush();
    const tool = exporter.getFinishedSpans().find((span) => span.name === 'add');
    expect(tool).toMatchObject({ parentSpanId: root.id, input: [1, 2], output: 3 });
  });

  it('records a thrown error and rethrows the very same error', async () => {
    const { exporter, tracing } = setup();
    const failure = new RangeError('out of range');
    expect(() =>
      traced({ type: AISpanType.TOOL_CALL, name: 'boom', tracing }, () => {
        throw failure;
      }),
    ).toThrow(failure);
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]?.errorInfo).toMatchObject({
      name: 'RangeError',
      message: 'out of range',
    });
  });

  it('returns the same promise, records a rejection and ends the span after it settles', async () => {
    const { exporter, tracing } = setup();
    const rejection = new Error('model overloaded');
    const promise = Promise.reject(rejection);
    const returned = traced({ type: AISpanType.LLM_GENERATION, name: 'gen', tracing }, () => promise);
    expect(returned).toBe(promise);
    await expect(returned).rejects.toBe(rejection);
    await expect(
      tracedAsync({ type: AISpanType.LLM_GENERATION, name: 'gen-async', tracing }, async () => {
        await sleep(1);
        return 'ok';
      }),
    ).resolves.toBe('ok');
    await tracing.flush();
    const byName = new Map(exporter.getFinishedSpans().map((span) => [span.name, span]));
    expect(byName.get('gen')?.errorInfo?.message).toBe('model overloaded');
    expect(byName.get('gen-async')?.output).toBe('ok');
  });

  it('runs untraced, with a no-op span, when there is no current span and no instance', () => {
    const result = traced({ type: AISpanType.GENERIC, name: 'nowhere' }, (span) => span.isValid);
    expect(result).toBe(false);
  });
});

describe('getTraceContext', () => {
  it('adds trace and span ids to every pino log line written inside a traced context', async () => {
    const { tracing } = setup();
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)));
        callback();
      },
    });
    const logger = pino({ mixin: () => ({ ...getTraceContext() }) }, sink);
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'request' });
    runWithSpan(span, () => logger.info('inside'));
    logger.info('outside');
    if (lines.length < 2) await once(sink, 'finish').catch(() => undefined);
    await sleep(5);
    expect(lines[0]).toMatchObject({ msg: 'inside', traceId: span.traceId, spanId: span.id });
    expect(lines[1]).toMatchObject({ msg: 'outside' });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
