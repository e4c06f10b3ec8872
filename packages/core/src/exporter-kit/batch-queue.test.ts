import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue, type BatchQueueOptions, type DropReason, type SendOutcome } from './batch-queue';
import { ExportHttpError } from './delivery-failure';

const OPTIONS: Omit<BatchQueueOptions, 'onDrop'> = {
  maxQueueSize: 10,
  maxBatchSize: 3,
  scheduledDelayMs: 1_000,
  immediate: false,
  maxRetryDurationMs: 60_000,
};

function queueFor(script: SendOutcome[] = [], options: Partial<BatchQueueOptions> = {}) {
  const batches: number[][] = [];
  const drops: Array<[DropReason, number]> = [];
  const queue = new BatchQueue<number>(
    { ...OPTIONS, onDrop: (reason, count) => void drops.push([reason, count]), ...options },
    async (items) => {
      batches.push([...items]);
      return script.shift() ?? { status: 'success' };
    },
  );
  return { queue, batches, drops };
}

const unavailable = (retryAfterMs?: number): SendOutcome =>
  retryAfterMs === undefined
    ? { status: 'retryable', error: new ExportHttpError(503) }
    : { status: 'retryable', error: new ExportHttpError(503), retryAfterMs };

describe('BatchQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends items in order, in batches of at most maxBatchSize, after the scheduled delay', async () => {
    const { queue, batches } = queueFor();
    for (let item = 1; item <= 2; item++) queue.add(item);
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1, 2]]);
    for (let item = 3; item <= 9; item++) queue.add(item);
    await queue.flush();
    expect(batches).toEqual([[1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(queue.stats).toEqual({
      accepted: 9,
      exported: 9,
      retries: 0,
      dropped: { queueFull: 0, rejected: 0, retriesExhausted: 0, shutdown: 0 },
    });
  });

  it("retries a retryable batch after the backend's Retry-After, and delivers it", async () => {
    const { queue, batches } = queueFor([unavailable(5_000)]);
    queue.add(1);
    const flushed = queue.flush();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(batches).toEqual([[1]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await flushed).toBe(true);
    expect(batches).toEqual([[1], [1]]);
    expect(queue.stats.retries).toBe(1);
    expect(queue.stats.exported).toBe(1);
  });

  it('drops a batch the backend rejects, counted and reported once, without retrying it', async () => {
    const { queue, batches, drops } = queueFor([{ status: 'failed', error: new ExportHttpError(400) }]);
    queue.add(1);
    queue.add(2);
    await queue.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(drops).toEqual([['rejected', 2]]);
    expect(queue.stats.dropped.rejected).toBe(2);
  });

  it('drops a batch when Retry-After points past the retry budget', async () => {
    const { queue, drops } = queueFor([unavailable(120_000)]);
    queue.add(1);
    await queue.flush();
    expect(drops).toEqual([['retriesExhausted', 1]]);
  });

  it('gives up on a failing batch once maxRetryDurationMs is spent', async () => {
    const always = Array.from({ length: 50 }, () => unavailable());
    const { queue, drops } = queueFor(always, { maxRetryDurationMs: 10_000 });
    queue.add(1);
    const flushed = queue.flush();
    await vi.advanceTimersByTimeAsync(11_000);
    expect(await flushed).toBe(true);
    expect(drops).toEqual([['retriesExhausted', 1]]);
    expect(queue.stats.retries).toBeGreaterThan(0);
  });

  it('drops the newest item when the queue is full, counted', () => {
    const { queue, drops } = queueFor([], { maxQueueSize: 2 });
    expect([queue.add(1), queue.add(2), queue.add(3)]).toEqual([true, true, false]);
    expect(queue.stats.dropped.queueFull).toBe(1);
    expect(drops).toEqual([['queueFull', 1]]);
  });

  it('close() drops what it could not deliver in time, counted as shutdown before it settles', async () => {
    const { queue, drops } = queueFor(Array.from({ length: 50 }, () => unavailable()));
    queue.add(1);
    queue.add(2);
    const closed = queue.close(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await closed).toBe(2);
    expect(drops).toContainEqual(['shutdown', 2]);
    expect(queue.stats.dropped.shutdown).toBe(2);
    expect(queue.add(3)).toBe(false);
    expect(queue.stats.dropped.shutdown).toBe(3);
  });
});
