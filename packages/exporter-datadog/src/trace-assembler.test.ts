import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SPAN_NAME } from './internal/placeholder-span';
import { type SpanNode, TraceAssembler, type TraceAssemblerOptions, type TreeSink } from './trace-assembler';

interface Emission {
  readonly parent: string | undefined;
  readonly tree: string;
}

/** Records emissions as `name(child, child(grandchild))`; a handle is the span's name. */
class RecordingSink implements TreeSink<string> {
  readonly emissions: Emission[] = [];

  emit(
    node: SpanNode,
    parent: string | undefined,
    onEmitted: (spanId: string, handle: string) => void,
  ): void {
    const visit = (current: SpanNode): string => {
      onEmitted(current.span.id, current.span.name);
      const children = current.children.map(visit);
      return children.length === 0 ? current.span.name : `${current.span.name}(${children.join(', ')})`;
    };
    this.emissions.push({ parent, tree: visit(node) });
  }
}

let clock = 1_000_000;
let counter = 0;

function span(name: string, parent?: ExportedAISpan, traceId = 'trace-1', bigInput?: string): ExportedAISpan {
  counter += 1;
  clock += 1;
  return {
    id: `${name}-${counter}`,
    traceId,
    parentSpanId: parent?.id,
    name,
    type: AISpanType.GENERIC,
    startTime: clock,
    endTime: clock + 10,
    input: bigInput,
    isEvent: false,
    isRootSpan: parent === undefined,
  };
}

function setup(overrides: Partial<TraceAssemblerOptions> = {}) {
  const sink = new RecordingSink();
  const assembler = new TraceAssembler(sink, {
    maxHeldTraces: 100,
    maxHeldBytes: 1_000_000,
    traceTimeoutMs: 1_000,
    lateSpanWindowMs: 5_000,
    now: () => clock,
    ...overrides,
  });
  return { sink, assembler };
}

describe('TraceAssembler', () => {
  it('holds spans until the root ends, then emits the tree parents first, children by start time', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    const a = span('a', root);
    const b = span('b', root);
    const a1 = span('a1', a);
    for (const ended of [a1, b, a]) assembler.add(ended);
    expect(sink.emissions).toEqual([]);
    expect(assembler.stats.heldTraces).toBe(1);
    assembler.add(root);
    expect(sink.emissions).toEqual([{ parent: undefined, tree: 'root(a(a1), b)' }]);
    expect(assembler.stats).toMatchObject({ tracesCompleted: 1, heldTraces: 0 });
    // The emitted trace is kept for late children until the window passes.
    expect(assembler.stats.heldBytes).toBeGreaterThan(0);
    clock += 5_000;
    assembler.sweep();
    expect(assembler.stats.heldBytes).toBe(0);
  });

  it('attaches a span that ends after its trace was emitted to its parent, with its held children', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    const late = span('late', root);
    const lateChild = span('late-child', late);
    assembler.add(lateChild);
    assembler.add(root);
    assembler.add(late);
    expect(sink.emissions).toEqual([
      { parent: undefined, tree: 'root' },
      { parent: 'root', tree: 'late(late-child)' },
    ]);
    expect(assembler.stats.lateSpans).toBe(1);
  });

  it('emits a trace whose root never ends under a placeholder root after the timeout', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    const step = span('step', root);
    const leaf = span('leaf', step);
    const other = span('other', root);
    assembler.add(leaf);
    assembler.add(step);
    assembler.add(other);
    clock += 999;
    assembler.sweep();
    expect(sink.emissions).toEqual([]);
    clock += 1;
    assembler.sweep();
    expect(sink.emissions).toEqual([
      { parent: undefined, tree: `${PLACEHOLDER_SPAN_NAME}(step(leaf), other)` },
    ]);
    expect(assembler.stats).toMatchObject({ tracesIncomplete: 1, heldTraces: 0 });
    // Still late: the next child of `step` attaches to it.
    assembler.add(span('late-leaf', step));
    expect(sink.emissions.at(-1)).toEqual({ parent: 'step', tree: 'late-leaf' });
  });

  it('attaches spans whose parent never ended to the root once the timeout passes', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    const stuck = span('stuck', root);
    const done = span('done', stuck);
    assembler.add(done);
    assembler.add(root);
    expect(sink.emissions).toEqual([{ parent: undefined, tree: 'root' }]);
    clock += 1_000;
    assembler.sweep();
    expect(sink.emissions.at(-1)).toEqual({ parent: 'root', tree: 'done' });
    expect(assembler.stats.tracesIncomplete).toBe(1);
  });

  it('emits the oldest held trace early when too many traces are held', () => {
    const { sink, assembler } = setup({ maxHeldTraces: 2 });
    const roots = ['t1', 't2', 't3'].map((traceId) => span(`root-${traceId}`, undefined, traceId));
    for (const root of roots) assembler.add(span(`child-${root.traceId}`, root, root.traceId));
    expect(sink.emissions).toEqual([{ parent: undefined, tree: `${PLACEHOLDER_SPAN_NAME}(child-t1)` }]);
    expect(assembler.stats).toMatchObject({ tracesEvicted: 1, heldTraces: 2 });
  });

  it('forgets traces kept for late children before evicting held ones', () => {
    const { sink, assembler } = setup({ maxHeldTraces: 2 });
    const done = span('done', undefined, 'done-trace');
    assembler.add(done);
    const held = span('held-root', undefined, 'held-trace');
    assembler.add(span('held-child', held, 'held-trace'));
    const next = span('next-root', undefined, 'next-trace');
    assembler.add(span('next-child', next, 'next-trace'));
    expect(assembler.stats).toMatchObject({ tracesEvicted: 0, heldTraces: 2 });
    // The forgotten trace's late child no longer finds its parent: it waits as a new trace.
    assembler.add(span('too-late', done, 'done-trace'));
    expect(sink.emissions.map((emission) => emission.tree)).toEqual([
      'done',
      `${PLACEHOLDER_SPAN_NAME}(held-child)`,
    ]);
  });

  it('emits the oldest held traces early when held bytes pass the bound', () => {
    const { sink, assembler } = setup({ maxHeldBytes: 5_000 });
    const first = span('first-root', undefined, 'first');
    assembler.add(span('first-child', first, 'first', 'x'.repeat(1_000)));
    const second = span('second-root', undefined, 'second');
    assembler.add(span('second-child', second, 'second', 'y'.repeat(2_000)));
    expect(sink.emissions).toEqual([{ parent: undefined, tree: `${PLACEHOLDER_SPAN_NAME}(first-child)` }]);
    expect(assembler.stats.tracesEvicted).toBe(1);
    expect(assembler.stats.heldBytes).toBeGreaterThan(4_000);
    expect(assembler.stats.heldBytes).toBeLessThanOrEqual(5_000);
  });

  it('forgets traces kept for late children first when bytes pass the bound', () => {
    const { sink, assembler } = setup({ maxHeldBytes: 5_000 });
    const kept = span('kept-root', undefined, 'kept', 'k'.repeat(1_000));
    assembler.add(kept);
    const waiting = span('waiting-root', undefined, 'waiting');
    assembler.add(span('waiting-child', waiting, 'waiting', 'w'.repeat(1_500)));
    expect(sink.emissions).toEqual([{ parent: undefined, tree: 'kept-root' }]);
    expect(assembler.stats).toMatchObject({ tracesEvicted: 0, heldTraces: 1 });
    // The forgotten trace's late child waits as a trace of its own.
    assembler.add(span('kept-late', kept, 'kept'));
    expect(assembler.stats.heldTraces).toBe(2);
  });

  it('forgets an emitted trace after the late-span window', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    assembler.add(root);
    clock += 5_000;
    assembler.sweep();
    assembler.add(span('very-late', root));
    expect(sink.emissions).toEqual([{ parent: undefined, tree: 'root' }]);
    expect(assembler.stats.heldTraces).toBe(1);
  });

  it('emits a second root of the same trace id as a root of its own', () => {
    const { sink, assembler } = setup();
    assembler.add(span('first', undefined, 'shared'));
    assembler.add(span('second', undefined, 'shared'));
    expect(sink.emissions).toEqual([
      { parent: undefined, tree: 'first' },
      { parent: undefined, tree: 'second' },
    ]);
  });

  it('emits everything held at shutdown', () => {
    const { sink, assembler } = setup();
    const root = span('root');
    assembler.add(span('child', root));
    assembler.emitAll();
    expect(sink.emissions).toEqual([{ parent: undefined, tree: `${PLACEHOLDER_SPAN_NAME}(child)` }]);
    expect(assembler.stats).toMatchObject({ heldTraces: 0, heldBytes: 0, tracesIncomplete: 1 });
  });

  it('builds the placeholder from the earliest start to the latest end', () => {
    const emitted: SpanNode[] = [];
    const assembler = new TraceAssembler<string>(
      { emit: (node) => emitted.push(node) },
      {
        maxHeldTraces: 10,
        maxHeldBytes: 1_000_000,
        traceTimeoutMs: 1,
        lateSpanWindowMs: 1,
        now: () => clock,
      },
    );
    const root = span('root');
    const a = span('a', root);
    const b = span('b', root);
    assembler.add(b);
    assembler.add(a);
    assembler.emitAll();
    expect(emitted[0]?.span).toMatchObject({
      name: PLACEHOLDER_SPAN_NAME,
      traceId: root.traceId,
      startTime: a.startTime,
      endTime: b.endTime,
      isRootSpan: true,
    });
    expect(emitted[0]?.span.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
