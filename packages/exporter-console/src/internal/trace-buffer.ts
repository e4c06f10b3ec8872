import type { ExportedAISpan } from '@aitracing/core';

/** Why a trace is handed over for printing. */
export type TraceRelease = 'root-ended' | 'timeout' | 'flush' | 'shutdown' | 'buffer-full';

/** A trace (or the part of it buffered so far) ready to print. */
export interface ReadyTrace {
  readonly traceId: string;
  /** Spans in the order they ended; the root, when present, is last */
  readonly spans: readonly ExportedAISpan[];
  readonly release: TraceRelease;
  /** Spans of this trace dropped because the buffer was full */
  readonly droppedSpans: number;
  /** Earlier spans of this trace were already printed, as an incomplete part */
  readonly continued: boolean;
  /** The root of this trace was already printed: these spans ended after it */
  readonly late: boolean;
}

/** Limits and callbacks of a {@link TraceBuffer}. */
export interface TraceBufferOptions {
  readonly incompleteTraceTimeoutMs: number;
  readonly maxBufferedTraces: number;
  readonly maxBufferedSpans: number;
  /** Receives every trace ready to print */
  readonly onTrace: (trace: ReadyTrace) => void;
  /** Called for the first dropped span only */
  readonly onFirstDrop: (traceId: string) => void;
}

interface BufferedTrace {
  readonly traceId: string;
  readonly spans: ExportedAISpan[];
  lastActivityMs: number;
  droppedSpans: number;
}

type PrintedKind = 'root' | 'part';

/**
 * Holds the ended spans of each trace until its root ends, then hands the
 * whole trace over at once. A trace whose root does not end is handed over
 * anyway, as incomplete: when none of its spans ended for
 * `incompleteTraceTimeoutMs`, on `release`, or early when the buffer is full
 * (the trace idle the longest goes first). Memory is bounded by
 * `maxBufferedTraces` and `maxBufferedSpans`; a span is dropped only when its
 * own trace holds every buffered span.
 */
export class TraceBuffer {
  readonly #options: TraceBufferOptions;
  // Insertion order is activity order: the first entry has been idle the longest.
  readonly #traces = new Map<string, BufferedTrace>();
  // Traces printed recently, so later spans are labelled as a continuation. Bounded, oldest forgotten first.
  readonly #printed = new Map<string, PrintedKind>();
  readonly #onTimer = (): void => this.#expire();
  #spanCount = 0;
  #droppedSpanCount = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: TraceBufferOptions) {
    this.#options = options;
  }

  /** Traces waiting for their root. */
  get traceCount(): number {
    return this.#traces.size;
  }

  /** Spans waiting for their trace's root. */
  get spanCount(): number {
    return this.#spanCount;
  }

  /** Spans dropped since creation because the buffer was full. */
  get droppedSpanCount(): number {
    return this.#droppedSpanCount;
  }

  /** Add an ended span; a root span releases its trace at once. */
  add(span: ExportedAISpan): void {
    if (span.isRootSpan) {
      this.#releaseWithRoot(span);
      return;
    }
    const { traceId } = span;
    const now = Date.now();
    let trace = this.#traces.get(traceId);
    if (trace === undefined) {
      for (const oldest of this.#traces.values()) {
        if (this.#traces.size < this.#options.maxBufferedTraces) break;
        this.#release(oldest, 'buffer-full');
      }
      trace = { traceId, spans: [], lastActivityMs: now, droppedSpans: 0 };
    } else {
      this.#traces.delete(traceId);
      trace.lastActivityMs = now;
    }
    this.#traces.set(traceId, trace);
    for (const oldest of this.#traces.values()) {
      if (this.#spanCount < this.#options.maxBufferedSpans) break;
      if (oldest === trace) {
        // Only this trace is left and it fills the buffer on its own.
        this.#drop(trace);
        return;
      }
      this.#release(oldest, 'buffer-full');
    }
    trace.spans.push(span);
    this.#spanCount++;
    this.#schedule();
  }

  /** Hand over every buffered trace, marked incomplete for `release`. */
  releaseAll(release: 'flush' | 'shutdown'): void {
    for (const trace of this.#traces.values()) this.#release(trace, release);
  }

  /** Stop the timer for good; spans added later are still buffered and released. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #releaseWithRoot(root: ExportedAISpan): void {
    const trace = this.#traces.get(root.traceId);
    if (trace !== undefined) {
      this.#traces.delete(root.traceId);
      this.#spanCount -= trace.spans.length;
      trace.spans.push(root);
    }
    const previous = this.#printed.get(root.traceId);
    this.#remember(root.traceId, 'root');
    this.#options.onTrace({
      traceId: root.traceId,
      spans: trace?.spans ?? [root],
      release: 'root-ended',
      droppedSpans: trace?.droppedSpans ?? 0,
      continued: previous !== undefined,
      late: false,
    });
  }

  #release(trace: BufferedTrace, release: TraceRelease): void {
    this.#traces.delete(trace.traceId);
    this.#spanCount -= trace.spans.length;
    const previous = this.#printed.get(trace.traceId);
    if (previous !== 'root') this.#remember(trace.traceId, 'part');
    this.#options.onTrace({
      traceId: trace.traceId,
      spans: trace.spans,
      release,
      droppedSpans: trace.droppedSpans,
      continued: previous === 'part',
      late: previous === 'root',
    });
  }

  #drop(trace: BufferedTrace): void {
    trace.droppedSpans++;
    this.#droppedSpanCount++;
    if (this.#droppedSpanCount === 1) this.#options.onFirstDrop(trace.traceId);
  }

  #remember(traceId: string, kind: PrintedKind): void {
    this.#printed.delete(traceId);
    this.#printed.set(traceId, kind);
    if (this.#printed.size > this.#options.maxBufferedTraces) {
      const oldest = this.#printed.keys().next();
      if (oldest.done !== true) this.#printed.delete(oldest.value);
    }
  }

  // One timer for the whole buffer, due when the trace idle the longest expires.
  #schedule(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const oldest = this.#traces.values().next();
    if (oldest.done === true) return;
    const delay = oldest.value.lastActivityMs + this.#options.incompleteTraceTimeoutMs - Date.now();
    this.#timer = setTimeout(this.#onTimer, Math.max(0, delay));
    this.#timer.unref?.(); // browsers and Workers hand out plain ids
  }

  #expire(): void {
    this.#timer = undefined;
    const now = Date.now();
    for (const trace of this.#traces.values()) {
      if (trace.lastActivityMs + this.#options.incompleteTraceTimeoutMs > now) break;
      this.#release(trace, 'timeout');
    }
    this.#schedule();
  }
}
