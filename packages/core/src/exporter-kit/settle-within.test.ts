import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endWaits, type PendingWaits, settleWithin } from './settle-within';

describe('settleWithin', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves true when the promise settles in time, fulfilled or rejected, and leaves no timer', async () => {
    expect(await settleWithin(Promise.resolve(1), 1_000)).toBe(true);
    expect(await settleWithin(Promise.reject(new Error('no')), 1_000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves false after timeoutMs when the promise is still pending', async () => {
    const result = settleWithin(new Promise(() => {}), 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await result).toBe(false);
  });

  it('endWaits ends every pending wait at once, as timed out, and clears their timers', async () => {
    const waits: PendingWaits = new Set();
    const first = settleWithin(new Promise(() => {}), 60_000, waits);
    const second = settleWithin(new Promise(() => {}), 60_000, waits);
    endWaits(waits);
    expect(await Promise.all([first, second])).toEqual([false, false]);
    expect(waits.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
