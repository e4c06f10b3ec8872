import type { ExportedAISpan } from '@aitracing/core';
import { estimateSpanBytes } from './internal/estimate-size';
import { createPlaceholderSpan } from './internal/placeholder-span';

/** One span with its children, ordered by start time. */
export interface SpanNode {
  readonly span: ExportedAISpan;
  readonly children: readonly SpanNode[];
}

/**
 * Where assembled trees go. `emit` hands `node` and its subtree to the backend
 * under `parent` (`undefined`: as a new root) and reports a handle for every
 * span it emitted, so that late children can attach to it. Never throws.
 */
export interface TreeSink<THandle> {
  emit(
    node: SpanNode,
    parent: THandle | undefined,
    onEmitted: (spanId: string, handle: THandle) => void,
  ): void;
}

/** Bounds of a {@link TraceAssembler}. */
export interface TraceAssemblerOptions {
  /** Most traces held (waiting or kept for late children) */
  readonly maxHeldTraces: number;
  /** Approximate bytes of span data held or kept for late children */
  readonly maxHeldBytes: number;
  /** How long held spans wait for their parent before the trace is emitted incomplete */
  readonly traceTimeoutMs: number;
  /** How long an emitted trace keeps its handles for late children */
  readonly lateSpanWindowMs: number;
  /** Clock, epoch milliseconds. @defaultValue `Date.now` */
  readonly now?: () => number;
}

/** Counters of a {@link TraceAssembler}. */
export interface TraceAssemblerStats {
  readonly tracesCompleted: number;
  readonly tracesIncomplete: number;
  readonly tracesEvicted: number;
  readonly lateSpans: number;
  readonly heldTraces: number;
  /** Held spans plus emitted spans kept for late children */
  readonly heldBytes: number;
}

interface HeldSpan {
  readonly span: ExportedAISpan;
  readonly bytes: number;
}

interface TraceState<THandle> {
  readonly traceId: string;
  readonly held: Map<string, HeldSpan>;
  heldBytes: number;
  /** Bytes of emitted spans whose handles are kept (dd-trace keeps their data alive) */
  keptBytes: number;
  /** When `held` last went from empty to non-empty */
  heldSince: number;
  /** Handles of emitted spans, by span id */
  readonly handles: Map<string, THandle>;
  /** Where orphans attach once the trace is emitted: the root, or the placeholder of an incomplete trace */
  anchorId: string | undefined;
  /** Last emission; the trace is forgotten `lateSpanWindowMs` later */
  emittedAt: number | undefined;
}

type IncompleteReason = 'timeout' | 'evicted';

const byStartTime = (a: ExportedAISpan, b: ExportedAISpan): number => a.startTime - b.startTime;

/**
 * Holds the ended spans of each trace until its root ends, then emits the
 * trace as a tree, parents before children — backends that pick their own ids
 * (dd-trace) need a parent before a child. Spans that end after their trace
 * was emitted attach to their parent's handle while the trace is kept
 * (`lateSpanWindowMs`).
 *
 * Memory is bounded: past `maxHeldTraces` or `maxHeldBytes` the oldest trace
 * is emitted early; a trace whose root has not ended after `traceTimeoutMs`
 * is emitted under a placeholder root. Either way it is counted, never
 * silently lost. Call `sweep()` periodically to apply the time bounds.
 */
export class TraceAssembler<THandle> {
  readonly #sink: TreeSink<THandle>;
  readonly #options: TraceAssemblerOptions;
  readonly #now: () => number;
  // Insertion order is age order: the first entry is the oldest trace.
  readonly #traces = new Map<string, TraceState<THandle>>();
  #heldBytes = 0;
  #keptBytes = 0;
  #tracesCompleted = 0;
  #tracesIncomplete = 0;
  #tracesEvicted = 0;
  #lateSpans = 0;

  constructor(sink: TreeSink<THandle>, options: TraceAssemblerOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Counters and current holdings. */
  get stats(): TraceAssemblerStats {
    let heldTraces = 0;
    for (const state of this.#traces.values()) if (state.held.size > 0) heldTraces += 1;
    return {
      tracesCompleted: this.#tracesCompleted,
      tracesIncomplete: this.#tracesIncomplete,
      tracesEvicted: this.#tracesEvicted,
      lateSpans: this.#lateSpans,
      heldTraces,
      heldBytes: this.#heldBytes + this.#keptBytes,
    };
  }

  /** Accept one ended span: emit it (with its held descendants) or hold it. */
  add(span: ExportedAISpan): void {
    let state = this.#traces.get(span.traceId);
    if (state === undefined) {
      this.#makeRoom();
      state = {
        traceId: span.traceId,
        held: new Map(),
        heldBytes: 0,
        keptBytes: 0,
        heldSince: 0,
        handles: new Map(),
        anchorId: undefined,
        emittedAt: undefined,
      };
      this.#traces.set(span.traceId, state);
    }

    if (span.isRootSpan || span.parentSpanId === undefined) {
      // A root is always a root, even when an earlier root of the same trace id
      // (two requests continuing one remote trace) or a placeholder was emitted.
      const [node] = this.#takeSubtrees(state, [span]);
      if (node !== undefined) this.#emit(state, node, undefined);
      state.anchorId ??= span.id;
      this.#tracesCompleted += 1;
      this.#enforceByteBound();
      return;
    }

    const parent = state.handles.get(span.parentSpanId);
    if (parent !== undefined) {
      this.#lateSpans += 1;
      const [node] = this.#takeSubtrees(state, [span]);
      if (node !== undefined) this.#emit(state, node, parent);
      this.#enforceByteBound();
      return;
    }
    this.#hold(state, span);
    this.#enforceByteBound();
  }

  /** Apply the time bounds: emit timed-out traces, forget expired ones. */
  sweep(): void {
    const now = this.#now();
    for (const state of [...this.#traces.values()]) {
      if (state.held.size > 0) {
        if (now - state.heldSince >= this.#options.traceTimeoutMs) this.#emitIncomplete(state, 'timeout');
      } else if (state.emittedAt === undefined || now - state.emittedAt >= this.#options.lateSpanWindowMs) {
        this.#forget(state);
      }
    }
  }

  /** Emit every held span now, as incomplete traces, and forget everything (shutdown). */
  emitAll(): void {
    for (const state of this.#traces.values()) this.#emitIncomplete(state, 'timeout');
    this.#traces.clear();
    this.#heldBytes = 0;
    this.#keptBytes = 0;
  }

  #hold(state: TraceState<THandle>, span: ExportedAISpan): void {
    const previous = state.held.get(span.id);
    if (previous !== undefined) this.#release(state, span.id, false);
    if (state.held.size === 0) state.heldSince = this.#now();
    const bytes = estimateSpanBytes(span);
    state.held.set(span.id, { span, bytes });
    state.heldBytes += bytes;
    this.#heldBytes += bytes;
  }

  /** Past `maxHeldBytes`: forget traces kept for late children first, then emit the oldest held traces early. */
  #enforceByteBound(): void {
    while (this.#heldBytes + this.#keptBytes > this.#options.maxHeldBytes) {
      const kept = this.#oldest((state) => state.held.size === 0);
      if (kept !== undefined) {
        this.#forget(kept);
        continue;
      }
      const holding = this.#oldest((state) => state.held.size > 0);
      if (holding === undefined) break;
      this.#emitIncomplete(holding, 'evicted');
      this.#forget(holding);
    }
  }

  #makeRoom(): void {
    if (this.#traces.size < this.#options.maxHeldTraces) return;
    // Forgetting a trace kept only for late children loses no span.
    const kept = this.#oldest((state) => state.held.size === 0);
    if (kept !== undefined) {
      this.#forget(kept);
      return;
    }
    const oldest = this.#traces.values().next().value;
    if (oldest === undefined) return;
    this.#emitIncomplete(oldest, 'evicted');
    this.#forget(oldest);
  }

  #oldest(predicate: (state: TraceState<THandle>) => boolean): TraceState<THandle> | undefined {
    for (const state of this.#traces.values()) if (predicate(state)) return state;
    return undefined;
  }

  /** Drop a trace and its handles; its late children will start a trace of their own. */
  #forget(state: TraceState<THandle>): void {
    if (this.#traces.get(state.traceId) !== state) return;
    this.#traces.delete(state.traceId);
    this.#heldBytes -= state.heldBytes;
    this.#keptBytes -= state.keptBytes;
    state.held.clear();
    state.heldBytes = 0;
    state.keptBytes = 0;
  }

  /** Emit a trace's held spans under its anchor (root or placeholder), or under a new placeholder. */
  #emitIncomplete(state: TraceState<THandle>, reason: IncompleteReason): void {
    if (state.held.size === 0) return;
    if (reason === 'evicted') this.#tracesEvicted += 1;
    else this.#tracesIncomplete += 1;
    const spans = [...state.held.values()].map((held) => held.span);
    let tops = spans.filter((span) => span.parentSpanId === undefined || !state.held.has(span.parentSpanId));
    // Only a parent cycle (impossible with core's ids) leaves no top: emit everything then.
    if (tops.length === 0) tops = spans;
    const anchor = state.anchorId === undefined ? undefined : state.handles.get(state.anchorId);
    const subtrees = this.#takeSubtrees(state, tops);
    if (anchor !== undefined) {
      for (const node of subtrees) this.#emit(state, node, anchor);
      return;
    }
    const placeholder = createPlaceholderSpan(state.traceId, spans);
    state.anchorId = placeholder.id;
    this.#emit(state, { span: placeholder, children: subtrees }, undefined);
  }

  #emit(state: TraceState<THandle>, node: SpanNode, parent: THandle | undefined): void {
    state.emittedAt = this.#now();
    this.#sink.emit(node, parent, (spanId, handle) => {
      state.handles.set(spanId, handle);
    });
  }

  /**
   * Build the trees under `tops` from the trace's held spans, removing every
   * span used from `held`. `tops` themselves need not be held.
   */
  #takeSubtrees(state: TraceState<THandle>, tops: readonly ExportedAISpan[]): SpanNode[] {
    const byParent = new Map<string, ExportedAISpan[]>();
    for (const { span } of state.held.values()) {
      if (span.parentSpanId === undefined) continue;
      const siblings = byParent.get(span.parentSpanId);
      if (siblings === undefined) byParent.set(span.parentSpanId, [span]);
      else siblings.push(span);
    }
    const visited = new Set<string>();
    const build = (span: ExportedAISpan): SpanNode => {
      visited.add(span.id);
      if (state.held.has(span.id)) this.#release(state, span.id, true);
      else this.#keep(state, estimateSpanBytes(span));
      const children = (byParent.get(span.id) ?? []).filter((child) => !visited.has(child.id));
      return { span, children: children.sort(byStartTime).map(build) };
    };
    const nodes: SpanNode[] = [];
    for (const top of [...tops].sort(byStartTime)) if (!visited.has(top.id)) nodes.push(build(top));
    return nodes;
  }

  /** Stop holding a span; `kept`: it is being emitted, and its handle is kept. */
  #release(state: TraceState<THandle>, spanId: string, kept: boolean): void {
    const held = state.held.get(spanId);
    if (held === undefined) return;
    state.held.delete(spanId);
    state.heldBytes -= held.bytes;
    this.#heldBytes -= held.bytes;
    if (kept) this.#keep(state, held.bytes);
  }

  #keep(state: TraceState<THandle>, bytes: number): void {
    state.keptBytes += bytes;
    this.#keptBytes += bytes;
  }
}
