import { AITracingConfigError } from '../errors/config-error';
import { describeError, type LogOnce, safeLog } from '../exporter-kit/log-once';
import { settleWithin } from '../exporter-kit/settle-within';
import type { ExportedAISpan } from '../types/exported-span';
import { type AITracingEvent, AITracingEventType, type AITracingExporter } from '../types/exporter';
import type { RedactionPolicy } from '../types/redaction-policy';
import type { ExportedScore } from '../types/score';
import { applyRedactionPolicy } from './apply-redaction-policy';

// A later turn of the event loop: `setImmediate` where it exists (Node, Bun,
// Deno), a zero timeout elsewhere (browsers, Workers).
const scheduleMacrotask: (callback: () => void) => void =
  typeof setImmediate === 'function'
    ? (callback) => setImmediate(callback)
    : (callback) => setTimeout(callback, 0);

/** How long after the deadline an exporter's own `flush`/`shutdown` may still settle before we name it. */
const EXPORTER_GRACE_MS = 100;

// Past this many queued events the queue is drained at once, in the caller's
// turn: memory stays bounded even when the app never yields to the event loop.
const MAX_QUEUED_EVENTS = 1_024;

/** Events delivered to one exporter that wait on the same returned promise. */
interface Waiting {
  events: number;
}

interface ExporterState {
  readonly exporter: AITracingExporter;
  failures: number;
  /** Events handed to this exporter whose returned promise has not settled. */
  inFlight: number;
  /** Events still in flight when shutdown timed out, counted as dropped. */
  droppedAtShutdown: number;
  /** The last promise this exporter returned, while it is pending. */
  pending: PromiseLike<void> | undefined;
  /** How many events wait on `pending`. */
  waiting: Waiting | undefined;
}

/** Events lost, by reason, across every exporter of one dispatcher. */
export interface DroppedEvents {
  /** The exporter threw or its promise rejected */
  readonly exporterFailed: number;
  /** Still being exported when `shutdown` timed out */
  readonly shutdownTimeout: number;
}

/**
 * Hands events to exporters asynchronously, in order, each exporter isolated
 * from the others: a throw or a rejection is logged once per exporter and
 * counted; it never reaches the app and never stops the other exporters.
 * Events an exporter is still working on when `shutdown` times out are
 * counted as dropped and logged in one line before `shutdown` settles.
 */
export class EventDispatcher {
  /** Whether any exporter wants `span_started` events. */
  readonly wantsStarted: boolean;
  /** Whether any exporter wants `span_updated` events. */
  readonly wantsUpdated: boolean;
  readonly #byType: Readonly<Record<AITracingEventType, readonly ExporterState[]>>;
  readonly #states: readonly ExporterState[];
  readonly #log: LogOnce;
  #queue: AITracingEvent[] = [];
  #scheduled = false;
  #inFlight = 0;
  #idleWaiters: Array<() => void> = [];
  readonly #drain = (): void => this.drain();

  constructor(exporters: readonly AITracingExporter[], log: LogOnce) {
    this.#log = log;
    exporters.forEach(validateRedaction);
    this.#states = exporters.map((exporter) => ({
      exporter,
      failures: 0,
      inFlight: 0,
      droppedAtShutdown: 0,
      pending: undefined,
      waiting: undefined,
    }));
    // Scores go only to exporters that ask for them: one written before scores existed never sees one.
    const wanting = (type: AITracingEventType) =>
      this.#states.filter(({ exporter }) =>
        exporter.eventTypes === undefined
          ? type !== AITracingEventType.SCORE_ADDED
          : exporter.eventTypes.includes(type),
      );
    this.#byType = {
      [AITracingEventType.SPAN_STARTED]: wanting(AITracingEventType.SPAN_STARTED),
      [AITracingEventType.SPAN_UPDATED]: wanting(AITracingEventType.SPAN_UPDATED),
      [AITracingEventType.SPAN_ENDED]: wanting(AITracingEventType.SPAN_ENDED),
      [AITracingEventType.SCORE_ADDED]: wanting(AITracingEventType.SCORE_ADDED),
    };
    this.wantsStarted = this.#byType[AITracingEventType.SPAN_STARTED].length > 0;
    this.wantsUpdated = this.#byType[AITracingEventType.SPAN_UPDATED].length > 0;
  }

  /** Whether any exporter will receive events of `type`. */
  wants(type: AITracingEventType): boolean {
    return this.#byType[type].length > 0;
  }

  /** Queue an event for delivery on a later turn of the event loop. */
  enqueue(type: AITracingEventType, exportedSpan: ExportedAISpan): void {
    this.#push({ type, exportedSpan } as AITracingEvent);
  }

  /** Queue a score, bounded and delivered like span events. */
  enqueueScore(score: ExportedScore): void {
    this.#push({ type: AITracingEventType.SCORE_ADDED, score });
  }

  #push(event: AITracingEvent): void {
    this.#queue.push(event);
    if (this.#queue.length >= MAX_QUEUED_EVENTS) {
      this.drain();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      scheduleMacrotask(this.#drain);
    }
  }

  /** Events lost so far, by reason. */
  get dropped(): DroppedEvents {
    let exporterFailed = 0;
    let shutdownTimeout = 0;
    for (const state of this.#states) {
      exporterFailed += state.failures;
      shutdownTimeout += state.droppedAtShutdown;
    }
    return { exporterFailed, shutdownTimeout };
  }

  /** Deliver every queued event now. */
  drain(): void {
    this.#scheduled = false;
    const events = this.#queue;
    if (events.length === 0) return;
    this.#queue = [];
    for (const event of events) {
      // One redacted copy per distinct policy per event, shared by the exporters that ask for it.
      let copies: Map<RedactionPolicy, AITracingEvent> | undefined;
      for (const state of this.#byType[event.type]) {
        const policy = state.exporter.redaction;
        if (policy === undefined || event.type === AITracingEventType.SCORE_ADDED) {
          this.#deliver(state, event);
          continue;
        }
        copies ??= new Map();
        let copy = copies.get(policy);
        if (copy === undefined) {
          copy = {
            type: event.type,
            exportedSpan: applyRedactionPolicy(event.exportedSpan, policy),
          } as AITracingEvent;
          copies.set(policy, copy);
        }
        this.#deliver(state, copy);
      }
    }
  }

  /**
   * Deliver queued events, wait for exporters' pending `exportEvent` promises,
   * then call each exporter's `flush`. Settles within `timeoutMs` (plus a
   * 100 ms grace for exporters that settle at their deadline).
   */
  async flush(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.drain();
    if (!(await settleWithin(this.#whenIdle(), timeoutMs))) {
      this.#log.warn('flush-timeout', `flush: exporters did not finish within ${timeoutMs} ms`);
      return;
    }
    await this.#callEach('flush', deadline);
  }

  /** Flush, then shut every exporter down. Settles within `timeoutMs` (plus a 100 ms grace for exporters). */
  async shutdown(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.flush(timeoutMs);
    // Spans that ended while flush was waiting are delivered before exporters close.
    this.drain();
    await settleWithin(this.#whenIdle(), Math.max(0, deadline - Date.now()));
    await this.#callEach('shutdown', deadline);
    // Counted and logged before shutdown settles: nothing is lost without a trace.
    this.#countDroppedAtShutdown(timeoutMs);
    for (const state of this.#states) {
      if (state.failures > 1) {
        safeLog(
          this.#log.logger,
          'warn',
          `exporter "${state.exporter.name}" failed ${state.failures} times in total`,
        );
      }
    }
  }

  #deliver(state: ExporterState, event: AITracingEvent): void {
    try {
      const result: unknown = state.exporter.exportEvent(event);
      if (result === undefined || typeof (result as PromiseLike<void>).then !== 'function') return;
      this.#inFlight++;
      state.inFlight++;
      // Exporters that only queue return one shared promise (usually resolved):
      // events getting the promise already waited on join it, instead of
      // costing a promise reaction (and a microtask) each.
      if (result === state.pending && state.waiting !== undefined) {
        state.waiting.events++;
        return;
      }
      const promise = result as PromiseLike<void>;
      const waiting: Waiting = { events: 1 };
      state.pending = promise;
      state.waiting = waiting;
      promise.then(
        () => this.#settled(state, promise, waiting),
        (error: unknown) => {
          this.#settled(state, promise, waiting);
          this.#failed(state, error, waiting.events);
        },
      );
    } catch (error) {
      this.#failed(state, error, 1);
    }
  }

  #settled(state: ExporterState, promise: PromiseLike<void>, waiting: Waiting): void {
    if (state.pending === promise) {
      state.pending = undefined;
      state.waiting = undefined;
    }
    this.#inFlight -= waiting.events;
    state.inFlight -= waiting.events;
    if (this.#inFlight === 0 && this.#idleWaiters.length > 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Counts `events` failed deliveries; logs the first failure of each exporter. */
  #failed(state: ExporterState, error: unknown, events: number): void {
    state.failures += events;
    this.#log.warn(
      `exporter-failed:${state.exporter.name}`,
      `exporter "${state.exporter.name}" failed to export an event (further failures are counted, not logged):`,
      describeError(error),
    );
  }

  #countDroppedAtShutdown(timeoutMs: number): void {
    const lost: string[] = [];
    let total = 0;
    for (const state of this.#states) {
      if (state.inFlight <= 0) continue;
      state.droppedAtShutdown += state.inFlight;
      total += state.inFlight;
      lost.push(`"${state.exporter.name}": ${state.inFlight}`);
    }
    if (total === 0) return;
    this.#log.warn(
      'shutdown-dropped',
      `shutdown timed out after ${timeoutMs} ms: ${total} event(s) still being exported were dropped ` +
        `(reason: shutdown-timeout; by exporter: ${lost.join(', ')})`,
    );
  }

  #whenIdle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #callEach(method: 'flush' | 'shutdown', deadline: number): Promise<void> {
    const unfinished = new Set<string>();
    const calls = this.#states.map(async (state) => {
      unfinished.add(state.exporter.name);
      try {
        await state.exporter[method]?.(Math.max(0, deadline - Date.now()));
      } catch (error) {
        this.#log.warn(
          `exporter-${method}:${state.exporter.name}`,
          `exporter "${state.exporter.name}" ${method} failed:`,
          describeError(error),
        );
      } finally {
        unfinished.delete(state.exporter.name);
      }
    });
    // Exporters get the deadline; a short grace lets one that honours it settle (and log its own,
    // more precise line) first, so one timeout is logged once. Only an overrunning exporter is named here.
    const settled = await settleWithin(Promise.all(calls), deadline - Date.now() + EXPORTER_GRACE_MS);
    if (!settled) {
      this.#log.warn(
        `${method}-timeout`,
        `exporter ${method} did not finish before the timeout: ${[...unfinished].join(', ')}`,
      );
    }
  }
}

const POLICIES: readonly unknown[] = ['secrets', 'pii', 'content'];

/** An exporter's `redaction` is configuration: a wrong value throws at construction. */
function validateRedaction(exporter: AITracingExporter, index: number): void {
  const policy: unknown = exporter.redaction;
  if (policy === undefined || typeof policy === 'function' || POLICIES.includes(policy)) return;
  throw new AITracingConfigError(
    `exporters[${index}].redaction`,
    `must be 'secrets', 'pii', 'content' or a function, got ${typeof policy === 'string' ? `'${policy.slice(0, 40)}'` : typeof policy}`,
  );
}
