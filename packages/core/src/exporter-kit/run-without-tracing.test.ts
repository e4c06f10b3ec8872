import { type Context, type ContextManager, context, ROOT_CONTEXT } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runWithoutTracing } from './run-without-tracing';

/** The smallest synchronous context manager the OpenTelemetry API accepts. */
class StackContextManager implements ContextManager {
  #current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.#current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    next: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.#current;
    this.#current = next;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.#current = previous;
    }
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#current = ROOT_CONTEXT;
    return this;
  }
}

describe('runWithoutTracing', () => {
  afterEach(() => {
    context.disable();
  });

  it("suppresses tracing the way @opentelemetry/core's suppressTracing does, only inside fn", () => {
    context.setGlobalContextManager(new StackContextManager());

    const inside = runWithoutTracing(() => isTracingSuppressed(context.active()));

    expect(inside).toBe(true);
    expect(isTracingSuppressed(context.active())).toBe(false);
  });

  it('returns and throws what fn does, calling it once, with or without OpenTelemetry', () => {
    let calls = 0;
    const work = () => {
      calls += 1;
      return 42;
    };
    expect(runWithoutTracing(work)).toBe(42);
    context.setGlobalContextManager(new StackContextManager());
    expect(runWithoutTracing(work)).toBe(42);
    const failure = new Error('send failed');
    expect(() =>
      runWithoutTracing(() => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(calls).toBe(2);
  });
});
