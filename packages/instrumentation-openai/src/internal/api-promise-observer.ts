/** What an instrumented call learns from the SDK's promise, at most once each. */
export interface ApiPromiseObserver {
  /** The SDK parsed the body (a result object, or the `Stream` of a streamed call). */
  parsed(value: unknown): void;
  /** The request or the parsing failed: the SDK's own error. */
  failed(error: unknown): void;
  /** The app took the raw `Response` and never asked the SDK to parse it. */
  unparsed(): void;
}

type ParseResponse = (...args: unknown[]) => unknown;

/** The parts of the SDK's `APIPromise` (openai 4–7) this observer relies on. */
interface ApiPromiseShape {
  responsePromise?: unknown;
  parseResponse?: ParseResponse;
  parsedPromise?: unknown;
  asResponse?: () => unknown;
  _thenUnwrap?: (transform: unknown) => unknown;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Shared by an APIPromise and the promises helpers derive from it. */
interface ObservedState {
  parseRequested: boolean;
  rawOnly: boolean;
  responseArrived: boolean;
  settled: boolean;
  readonly observer: ApiPromiseObserver;
}

/**
 * Observe the SDK's `APIPromise` without changing what the app gets: the same
 * object is returned to the app, its body is parsed only when the app asks
 * (await, `.withResponse()`, a helper's `_thenUnwrap`), exactly as without us.
 * We hook the instance's own `parseResponse` (so we see the parsed value the
 * app will see), side-observe `responsePromise` for request errors (a branch
 * that handles its own rejection) and notice `.asResponse()`-only use.
 * Returns false when the object is not an APIPromise we know.
 */
export function observeApiPromise(promise: unknown, observer: ApiPromiseObserver): boolean {
  if (typeof promise !== 'object' || promise === null) return false;
  const target = promise as ApiPromiseShape;
  const responsePromise = target.responsePromise;
  if (typeof target.parseResponse !== 'function' || !isThenable(responsePromise)) return false;
  const state: ObservedState = {
    parseRequested: false,
    rawOnly: false,
    responseArrived: false,
    settled: false,
    observer,
  };
  hookParse(target, state);
  responsePromise.then(
    () => {
      state.responseArrived = true;
      if (state.rawOnly && !state.parseRequested) settle(state, 'unparsed', undefined);
    },
    (error: unknown) => settle(state, 'failed', error),
  );
  hookAsResponse(target, state);
  hookThenUnwrap(target, state);
  return true;
}

// Each parse of the body (the root's, or a derived promise's: openai 7 derives
// with its own parser rather than through the root's) reports its value.
function hookParse(target: ApiPromiseShape, state: ObservedState): void {
  const original = target.parseResponse;
  if (typeof original !== 'function') return;
  target.parseResponse = function instrumentedParseResponse(this: unknown, ...args: unknown[]): unknown {
    state.parseRequested = true;
    const result = original.apply(this, args);
    if (isThenable(result)) {
      result.then(
        (value) => settle(state, 'parsed', value),
        (error: unknown) => settle(state, 'failed', error),
      );
    } else {
      settle(state, 'parsed', result);
    }
    return result;
  };
}

function settle(state: ObservedState, outcome: 'parsed' | 'failed' | 'unparsed', value: unknown): void {
  if (state.settled) return;
  state.settled = true;
  if (outcome === 'parsed') state.observer.parsed(value);
  else if (outcome === 'failed') state.observer.failed(value);
  else state.observer.unparsed();
}

// `.asResponse()` while nothing asked for the parsed body: the app reads the raw
// response itself, so the span ends with what we know once the response is there.
function hookAsResponse(target: ApiPromiseShape, state: ObservedState): void {
  const original = target.asResponse;
  if (typeof original !== 'function') return;
  target.asResponse = function instrumentedAsResponse(this: ApiPromiseShape): unknown {
    if (this.parsedPromise === undefined && !state.parseRequested) {
      state.rawOnly = true;
      if (state.responseArrived) settle(state, 'unparsed', undefined);
    }
    return original.call(this);
  };
}

// Helpers (`chat.completions.parse`, `responses.parse`) derive a promise that
// parses through ours; hook its `asResponse` and `_thenUnwrap` the same way.
function hookThenUnwrap(target: ApiPromiseShape, state: ObservedState): void {
  const original = target._thenUnwrap;
  if (typeof original !== 'function') return;
  target._thenUnwrap = function instrumentedThenUnwrap(this: ApiPromiseShape, transform: unknown): unknown {
    const derived = original.call(this, transform);
    if (typeof derived === 'object' && derived !== null) {
      hookParse(derived as ApiPromiseShape, state);
      hookAsResponse(derived as ApiPromiseShape, state);
      hookThenUnwrap(derived as ApiPromiseShape, state);
    }
    return derived;
  };
}
