import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ReadyTrace, TraceBuffer, type TraceBufferOptions } from './trace-buffer';

let spanCounter = 0;

function span(traceId: string, options: { root?: boolean; parentSpanId?: string } = {}): ExportedAISpan {
  spanCounter++;
  return {
    id: spanCounter.toString(16).padStart(16, '0'),
    traceId,
    parentSpanId: options.root ? undefined : (options.parentSpanId ?? 'f'.repeat(16)),
    name: `span-${spanCounter}`,
    type: AISpanType.TOOL_CALL,
    startTime: spanCounter,
    endTime: spanCounter + 1,
    isEvent: false,
    isRootSpan: options.root === true,
  };
}

function createBuffer(options: Partial<TraceBufferOptions> = {}) {
  const released: ReadyTrace[] = [];
  const drops: string[] = [];
  const buffer = new TraceBuffer({
    incompleteTraceTimeoutMs: 1_000,
    maxBufferedTraces: 100,
    maxBufferedSpans: 1_000,
    onTrace: (trace) => released.push(trace),
    onFirstDrop: (traceId) => drops.push(traceId),
    ...options,
  });
  return { buffer, released, drops };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TraceBuffer', () => {
  it('releases a trace with all its spans when the root ends, root last', () => {
    const { buffer, released } = createBuffer();
    const children = [span('t1'), span('t1')];
    for (const child of children) buffer.add(child);
    const root = span('t1', { root: true });
    buffer.add(root);

    expect(released).toEqual([
      {
        traceId: 't1',
        spans: [...children, root],
        release: 'root-ended',
        droppedSpans: 0,
        continued: false,
        late: false,
      },
    ]);
    expect(buffer.traceCount).toBe(0);
    expect(buffer.spanCount).toBe(0);
  });

  it('never holds more than maxBufferedTraces traces: the one idle the longest is released first', () => {
    const { buffer, released } = createBuffer({ maxBufferedTraces: 3 });
    for (const traceId of ['a', 'b', 'c']) buffer.add(span(traceId));
    buffer.add(span('a')); // 'a' is active again: 'b' is now idle the longest
    buffer.add(span('d'));

    expect(buffer.traceCount).toBe(3);
    expect(released.map((trace) => [trace.traceId, trace.release])).toEqual([['b', 'buffer-full']]);
  });

  it('never holds more than maxBufferedSpans spans, releasing other traces before dropping', () => {
    const { buffer, released, drops } = createBuffer({ maxBufferedSpans: 5 });
    for (let index = 0; index < 4; index++) buffer.add(span('old'));
    for (let index = 0; index < 10; index++) buffer.add(span('big'));

    expect(released.map((trace) => trace.traceId)).toEqual(['old']);
    expect(buffer.spanCount).toBe(5);
    expect(buffer.droppedSpanCount).toBe(5);
    expect(drops).toEqual(['big']);

    buffer.releaseAll('flush');
    expect(released[1]).toMatchObject({ traceId: 'big', droppedSpans: 5, release: 'flush' });
    expect(released[1]?.spans).toHaveLength(5);
  });

  it('stays within its bounds under a flood of traces whose roots never end', () => {
    const { buffer, released } = createBuffer({ maxBufferedTraces: 50, maxBufferedSpans: 200 });
    for (let index = 0; index < 10_000; index++) buffer.add(span(`trace-${index % 3_000}`));

    expect(buffer.traceCount).toBeLessThanOrEqual(50);
    expect(buffer.spanCount).toBeLessThanOrEqual(200);
    const releasedSpans = released.reduce((sum, trace) => sum + trace.spans.length, 0);
    expect(releasedSpans + buffer.spanCount + buffer.droppedSpanCount).toBe(10_000);
    expect(buffer.droppedSpanCount).toBe(0);
  });

  it('releases a trace, incomplete, once none of its spans ended for the timeout', () => {
    vi.useFakeTimers();
    const { buffer, released } = createBuffer({ incompleteTraceTimeoutMs: 1_000 });
    buffer.add(span('slow'));
    vi.advanceTimersByTime(600);
    buffer.add(span('slow'));
    buffer.add(span('other'));
    vi.advanceTimersByTime(999);
    expect(released).toEqual([]);

    vi.advanceTimersByTime(1);
    expect(released.map((trace) => [trace.traceId, trace.release, trace.spans.length])).toEqual([
      ['slow', 'timeout', 2],
      ['other', 'timeout', 1],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unrefs its timer so a buffered trace never keeps the process alive', () => {
    const unref = vi.fn();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({ unref })) as never);
    const { buffer } = createBuffer();
    buffer.add(span('t'));
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(unref).toHaveBeenCalledTimes(1);
  });

  it('labels parts printed after an early release as continued, and spans after the root as late', () => {
    const { buffer, released } = createBuffer();
    buffer.add(span('t'));
    buffer.releaseAll('flush');
    buffer.add(span('t'));
    buffer.add(span('t', { root: true }));
    buffer.add(span('t'));
    buffer.releaseAll('shutdown');

    expect(released.map(({ release, continued, late }) => ({ release, continued, late }))).toEqual([
      { release: 'flush', continued: false, late: false },
      { release: 'root-ended', continued: true, late: false },
      { release: 'shutdown', continued: false, late: true },
    ]);
  });

  it('keeps buffering but no longer schedules timers after stop', () => {
    vi.useFakeTimers();
    const { buffer, released } = createBuffer();
    buffer.stop();
    buffer.add(span('t'));
    expect(vi.getTimerCount()).toBe(0);
    buffer.releaseAll('shutdown');
    expect(released).toHaveLength(1);
  });
});
