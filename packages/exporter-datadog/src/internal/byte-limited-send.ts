import type { DropReason, SendOutcome } from '@aitracing/core/exporter-kit';

/** Settings of {@link ByteLimitedSend}. */
export interface ByteLimitedSendOptions<T> {
  /** Bytes one request may carry at most (items' sizes summed) */
  readonly maxRequestBytes: number;
  /** Bytes `item` adds to a request; every item queued must fit in a request on its own */
  readonly sizeOf: (item: T) => number;
  /** Send one request of items, once; never rejects */
  readonly sendRequest: (items: T[]) => Promise<SendOutcome>;
}

/** Items the queue counted as dropped that had been delivered in an earlier request of their batch. */
export type DeliveredInDroppedBatches = Record<DropReason, number>;

/**
 * Turns a batch of the kit's `BatchQueue` (bounded in count) into requests
 * bounded in bytes, sent one after the other. A batch whose first requests
 * went through and a later one failed is retried from the failed request on
 * (the queue retries the same batch), so nothing is sent twice. When the
 * queue drops such a batch anyway, it counts the whole batch: the items that
 * were delivered are kept in {@link ByteLimitedSend.delivered}, so that
 * stats stay exact. The core kit has no byte bound of its own.
 */
export class ByteLimitedSend<T> {
  /** Per drop reason, the items of dropped batches that had in fact been delivered. */
  readonly delivered: DeliveredInDroppedBatches = {
    queueFull: 0,
    rejected: 0,
    retriesExhausted: 0,
    shutdown: 0,
  };
  readonly #options: ByteLimitedSendOptions<T>;
  /** Items delivered so far of each batch not finished yet. */
  readonly #progress = new Map<T[], number>();
  #inFlight: T[] | undefined;
  #last: T[] | undefined;

  constructor(options: ByteLimitedSendOptions<T>) {
    this.#options = options;
  }

  /** The `SendBatch` to give the queue. */
  readonly send = async (items: T[]): Promise<SendOutcome> => {
    this.#inFlight = items;
    this.#last = items;
    try {
      let done = this.#progress.get(items) ?? 0;
      for (const part of this.#parts(items, done)) {
        const outcome = await this.#options.sendRequest(part);
        if (outcome.status !== 'success') {
          if (done > 0) this.#progress.set(items, done);
          return outcome;
        }
        done += part.length;
      }
      this.#progress.delete(items);
      return { status: 'success' };
    } catch (error) {
      return { status: 'failed', error };
    } finally {
      this.#inFlight = undefined;
    }
  };

  /**
   * Call from the queue's `onDrop` with its reason and count: returns how many
   * of them were really lost (the count minus those delivered earlier).
   */
  lost(reason: DropReason, count: number): number {
    let delivered = 0;
    if (reason === 'rejected' || reason === 'retriesExhausted') {
      // The queue reports a batch's drop right after its last attempt returned.
      delivered = this.#last === undefined ? 0 : (this.#progress.get(this.#last) ?? 0);
      if (this.#last !== undefined) this.#progress.delete(this.#last);
    } else if (reason === 'shutdown') {
      // Batches waiting for a retry; one still in flight is settled by the queue itself if it lands.
      for (const [batch, done] of this.#progress) if (batch !== this.#inFlight) delivered += done;
      this.#progress.clear();
    }
    delivered = Math.min(delivered, count);
    this.delivered[reason] += delivered;
    return count - delivered;
  }

  /** Consecutive runs of `items` from `from` on, each within the byte limit (at least one item each). */
  *#parts(items: T[], from: number): Generator<T[]> {
    let part: T[] = [];
    let bytes = 0;
    for (let index = from; index < items.length; index++) {
      const item = items[index] as T;
      const size = this.#options.sizeOf(item);
      if (part.length > 0 && bytes + size > this.#options.maxRequestBytes) {
        yield part;
        part = [];
        bytes = 0;
      }
      part.push(item);
      bytes += size;
    }
    if (part.length > 0) yield part;
  }
}
