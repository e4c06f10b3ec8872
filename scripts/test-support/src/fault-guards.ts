import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Make every test of the calling file fail when a promise rejection goes
 * unhandled while it runs (tracing must never leave one behind). Call once
 * at the top level of a test file.
 */
export function failOnUnhandledRejection(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}

/**
 * A list the tests of the calling file push what they start into (fake
 * servers, receivers); everything in it is stopped after each test. Call
 * once at the top level of a test file.
 */
export function stoppedAfterEach<T extends { stop(): Promise<unknown> }>(): T[] {
  const started: T[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((item) => item.stop()));
  });
  return started;
}
