import type { AnthropicStream } from './anthropic-shapes';
import type { GenerationRecorder } from './generation-recorder';

// The SDK's own abort error (APIUserAbortError) or the platform's (AbortError).
function isAbortError(error: unknown): boolean {
  try {
    const name = (error as { name?: unknown; constructor?: { name?: unknown } } | null)?.constructor?.name;
    return (error as { name?: unknown } | null)?.name === 'AbortError' || name === 'APIUserAbortError';
  } catch {
    return false;
  }
}

function isAborted(stream: AnthropicStream): boolean {
  try {
    return stream.controller?.signal?.aborted === true;
  } catch {
    return false;
  }
}

/**
 * Wrap an async iterator so each result is seen by the recorder on its way to
 * the reader: same result objects, same order, same errors. `return()` (a
 * `break` out of for-await) and `throw()` are forwarded as the reader made
 * them; only the methods the source has are offered.
 */
function observeIterator(
  source: AsyncIterator<unknown>,
  stream: AnthropicStream,
  recorder: GenerationRecorder,
): AsyncIterator<unknown> {
  const onResult = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result.done === true) {
      // The SDK ends an aborted stream quietly (no error): the abort is what we record.
      recorder.endStream(isAborted(stream) ? 'aborted' : 'completed');
    } else {
      recorder.streamEvent(result.value);
    }
    return result;
  };
  const onError = (error: unknown): never => {
    // Not `isAborted(stream)`: the SDK aborts its controller itself when a stream fails.
    if (isAbortError(error)) recorder.endStream('aborted');
    else recorder.fail(error);
    throw error;
  };
  const observed: AsyncIterator<unknown> & AsyncIterable<unknown> = {
    next: (...args: [] | [unknown]) => source.next(...args).then(onResult, onError),
    [Symbol.asyncIterator]() {
      return observed;
    },
  };
  if (typeof source.return === 'function') {
    const sourceReturn = source.return.bind(source);
    observed.return = (value?: unknown) => {
      recorder.endStream(isAborted(stream) ? 'aborted' : 'abandoned');
      return sourceReturn(value);
    };
  }
  if (typeof source.throw === 'function') {
    const sourceThrow = source.throw.bind(source);
    observed.throw = (error?: unknown) => {
      recorder.endStream('abandoned');
      return sourceThrow(error);
    };
  }
  return observed;
}

/**
 * Observe the SDK's `Stream` in place: its events all come from its
 * `iterator` function, which for-await, `tee()` and `toReadableStream()` (and
 * the SDK's `MessageStream`) all call, so wrapping that function once sees
 * every reader. The app keeps the same `Stream` object with its `controller`.
 * Only the first iteration is observed: the SDK refuses a second one.
 */
export function observeStream(stream: AnthropicStream, recorder: GenerationRecorder): void {
  const original = stream.iterator;
  let observed = false;
  recorder.startStream();
  stream.iterator = function (this: unknown, ...args: unknown[]) {
    const source = Reflect.apply(original, this, args) as AsyncIterator<unknown>;
    if (observed) return source;
    observed = true;
    try {
      return observeIterator(source, stream, recorder);
    } catch {
      return source;
    }
  };
}
