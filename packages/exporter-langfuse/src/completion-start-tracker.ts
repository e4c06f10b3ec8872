const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Remembers when the first streamed chunk of each generation started (chunk
 * event spans end before their generation), so the generation can carry
 * Langfuse's `completion_start_time`. Bounded: past `maxEntries` the oldest
 * entry is forgotten.
 */
export class CompletionStartTracker {
  readonly #firstChunkStart = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  /** Record a chunk of generation `generationId` that started at `startTime` (epoch ms). */
  recordChunk(generationId: string, startTime: number): void {
    const known = this.#firstChunkStart.get(generationId);
    if (known !== undefined) {
      if (startTime < known) this.#firstChunkStart.set(generationId, startTime);
      return;
    }
    if (this.#firstChunkStart.size >= this.#maxEntries) {
      const oldest = this.#firstChunkStart.keys().next().value;
      if (oldest !== undefined) this.#firstChunkStart.delete(oldest);
    }
    this.#firstChunkStart.set(generationId, startTime);
  }

  /** The first chunk's start of `generationId`, forgetting it. */
  take(generationId: string): number | undefined {
    const startTime = this.#firstChunkStart.get(generationId);
    if (startTime !== undefined) this.#firstChunkStart.delete(generationId);
    return startTime;
  }

  /** Entries held (for tests of the bound). */
  get size(): number {
    return this.#firstChunkStart.size;
  }
}
