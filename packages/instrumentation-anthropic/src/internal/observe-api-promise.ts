import { type AnthropicAPIPromise, isAnthropicStream } from './anthropic-shapes';
import type { GenerationRecorder } from './generation-recorder';
import { observeStream } from './observe-stream';

function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * Observe the SDK's `APIPromise` without replacing it (the app keeps the same
 * object, so `.withResponse()`, `.asResponse()` and any other extra work).
 *
 * The body is parsed only when someone asks (`then`, `withResponse`, … all
 * call `parse()`), and `asResponse()` hands the app the unread body. So we
 * watch those two calls on this instance instead of calling `then` ourselves,
 * which would read a body the app may want to read. Our handlers hang on a
 * side branch that swallows its own rejection: the app's branch still
 * rejects, and no unhandled rejection is ours.
 */
export function observeAPIPromise(
  promise: AnthropicAPIPromise,
  recorder: GenerationRecorder,
  streamRequested: boolean,
): void {
  const onData = (data: unknown): void => {
    try {
      if (streamRequested && isAnthropicStream(data)) observeStream(data, recorder);
      else recorder.endWithMessage(data);
    } catch {
      recorder.endWithoutBody();
    }
  };
  const onError = (error: unknown): void => recorder.fail(error);
  const parse = promise.parse;
  const asResponse = promise.asResponse;
  if (typeof parse !== 'function' || typeof asResponse !== 'function') {
    // An APIPromise of an unknown shape: observe it like any promise.
    promise.then(onData, onError);
    return;
  }
  let parseStarted = false;
  defineHidden(promise, 'parse', function (this: unknown, ...args: unknown[]) {
    const parsed = Reflect.apply(parse, this, args) as PromiseLike<unknown>;
    if (!parseStarted) {
      parseStarted = true;
      // Registered before the caller's own handlers: a Stream is observed before the app sees it.
      parsed.then(onData, onError);
    }
    return parsed;
  });
  defineHidden(promise, 'asResponse', function (this: unknown, ...args: unknown[]) {
    const response = Reflect.apply(asResponse, this, args) as PromiseLike<unknown>;
    response.then(() => {
      if (!parseStarted) recorder.endWithoutBody();
    }, onError);
    return response;
  });
}
