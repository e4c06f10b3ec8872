import type { DatadogSpanDropReason } from '../datadog-exporter-options';
import type { RequestListener } from './request-monitor';

/** Every drop reason, in the order stats list them. */
export const DROP_REASONS: readonly DatadogSpanDropReason[] = [
  'exporterDisabled',
  'afterShutdown',
  'ddTraceRefused',
  'lateEvent',
  'agentRejected',
  'networkError',
  'retriesExhausted',
  'queueFull',
  'shutdownTimeout',
];

/** Outcome counters of the spans handed over to dd-trace. */
export interface LedgerCounts {
  readonly delivered: number;
  readonly agentRejected: number;
  readonly networkError: number;
  readonly shutdownTimeout: number;
  /** Handed over, no outcome seen yet */
  readonly unconfirmed: number;
}

/**
 * Follows the spans handed over to dd-trace into its payloads, so delivery is
 * counted in spans, not only in requests. dd-trace sends everything a writer
 * holds in one request, so a payload request that starts carries the spans
 * handed over since the previous one started. Only the channel that carries
 * our spans is followed (`countsOn`): LLM Observability when it is on, APM
 * otherwise.
 *
 * - 2xx: delivered; another status: dropped (`agentRejected`: dd-trace does
 *   not retry those);
 * - network error: dd-trace may retry, so the spans wait for the next request;
 *   at shutdown they count as `networkError`;
 * - at a shutdown that timed out, whatever has no outcome counts as
 *   `shutdownTimeout`.
 *
 * An approximation where dd-trace splits one flush into several requests
 * (payloads over its size limits): totals stay right, the split between
 * outcomes may not.
 */
export class SpanLedger implements RequestListener {
  readonly #countsOn: (path: string) => boolean;
  readonly #handedOver: () => number;
  /** Handed-over spans attributed to a request so far. */
  #attributed = 0;
  readonly #inRequests = new Map<object, number>();
  /** Spans whose last request failed on the network (waiting for dd-trace's retry). */
  #awaitingRetry = 0;
  #delivered = 0;
  #agentRejected = 0;
  #networkError = 0;
  #shutdownTimeout = 0;
  #closed = false;
  /** Spans still without an outcome when the ledger closed without a timeout. */
  #leftAtClose = 0;

  /**
   * @param countsOn - whether a request path carries the spans counted here
   * @param handedOver - spans handed over to dd-trace so far
   */
  constructor(countsOn: (path: string) => boolean, handedOver: () => number) {
    this.#countsOn = countsOn;
    this.#handedOver = handedOver;
  }

  get counts(): LedgerCounts {
    let inRequests = 0;
    for (const spans of this.#inRequests.values()) inRequests += spans;
    return {
      delivered: this.#delivered,
      agentRejected: this.#agentRejected,
      networkError: this.#networkError,
      shutdownTimeout: this.#shutdownTimeout,
      unconfirmed: this.#closed ? this.#leftAtClose : this.#handedOver() - this.#attributed + inRequests,
    };
  }

  started(request: object, path: string): void {
    if (this.#closed || !this.#countsOn(path)) return;
    const total = this.#handedOver();
    this.#inRequests.set(request, total - this.#attributed);
    this.#attributed = total;
    this.#awaitingRetry = 0;
  }

  answered(request: object, ok: boolean): void {
    const spans = this.#take(request);
    if (ok) this.#delivered += spans;
    else this.#agentRejected += spans;
  }

  failed(request: object): void {
    const spans = this.#take(request);
    // Back to unattributed: a retry (a new request) carries them again.
    this.#attributed -= spans;
    this.#awaitingRetry += spans;
  }

  /**
   * At shutdown: spans waiting for a retry count as `networkError`; when the
   * wait timed out, every other span without an outcome counts as
   * `shutdownTimeout`. Later request outcomes are ignored. Returns what it
   * counted.
   */
  close(timedOut: boolean): { networkError: number; shutdownTimeout: number } {
    if (this.#closed) return { networkError: 0, shutdownTimeout: 0 };
    const { unconfirmed } = this.counts;
    this.#closed = true;
    const networkError = Math.min(this.#awaitingRetry, unconfirmed);
    const shutdownTimeout = timedOut ? unconfirmed - networkError : 0;
    this.#networkError += networkError;
    this.#shutdownTimeout += shutdownTimeout;
    this.#leftAtClose = unconfirmed - networkError - shutdownTimeout;
    this.#inRequests.clear();
    return { networkError, shutdownTimeout };
  }

  #take(request: object): number {
    const spans = this.#inRequests.get(request) ?? 0;
    this.#inRequests.delete(request);
    return spans;
  }
}
