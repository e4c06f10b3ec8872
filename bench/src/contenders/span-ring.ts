/** Spans an in-memory exporter holds at most: one export batch, as a real exporter would. */
export const RING_CAPACITY = 512;

/**
 * The storage of every contender's in-memory exporter: it keeps the last
 * {@link RING_CAPACITY} spans (so they are really retained, as a batch
 * waiting to be sent is) and counts them all. Keeping every span of a round
 * instead would measure the garbage collector copying an ever-growing heap,
 * which depends on the round's length rather than on the library.
 */
export class SpanRing<T> {
  readonly #items: (T | undefined)[] = new Array(RING_CAPACITY).fill(undefined);
  #next = 0;
  /** Spans received since the last `clear()`. */
  received = 0;

  push(item: T): void {
    this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % RING_CAPACITY;
    this.received++;
  }

  /** The most recent span, if any. */
  last(): T | undefined {
    return this.#items[(this.#next + RING_CAPACITY - 1) % RING_CAPACITY];
  }

  /** Forgets every span and returns how many were received. */
  clear(): number {
    const received = this.received;
    this.#items.fill(undefined);
    this.#next = 0;
    this.received = 0;
    return received;
  }
}
