/** How a stream's reading ended, as `metadata.streamStatus`. */
export type StreamStatus = 'completed' | 'aborted' | 'abandoned' | 'errored';

/** Receives what the app reads from an SDK stream. */
export interface StreamSink {
  /** One chunk, the very object the app receives, before the app gets it. */
  chunk(value: unknown): void;
  /** Reading ended; called once. `error` is the SDK's error when `errored`. */
  end(status: StreamStatus, error?: unknown): void;
}

interface SdkStreamShape {
  iterator?: (...args: unknown[]) => AsyncIterator<unknown>;
  controller?: { signal?: { aborted?: boolean } };
}

/**
 * Observe an SDK `Stream` (openai 4–7) at its source: the instance's own
 * `iterator` factory, which `for await`, `tee()` and `toReadableStream()` all
 * read through. Chunks, their order and errors reach the app unchanged; we only
 * look at each step. Returns false when the object is not a Stream we know.
 */
export function observeStream(stream: unknown, sink: StreamSink): boolean {
  if (typeof stream !== 'object' || stream === null) return false;
  const target = stream as SdkStreamShape;
  const original = target.iterator;
  if (typeof original !== 'function') return false;
  let ended = false;
  const end = (status: StreamStatus, error?: unknown): void => {
    if (ended) return;
    ended = true;
    try {
      sink.end(status, error);
    } catch {
      // Recording never breaks the app's stream.
    }
  };
  const aborted = (): boolean => target.controller?.signal?.aborted === true;
  target.iterator = function instrumentedIterator(this: unknown, ...args: unknown[]): AsyncIterator<unknown> {
    const source = original.apply(this, args);
    const observed: AsyncIterableIterator<unknown> = {
      next(...nextArgs: [] | [unknown]) {
        return source.next(...nextArgs).then(
          (result) => {
            if (result.done === true) end(aborted() ? 'aborted' : 'completed');
            else {
              try {
                sink.chunk(result.value);
              } catch {
                // Recording never breaks the app's stream.
              }
            }
            return result;
          },
          (error: unknown) => {
            end(aborted() ? 'aborted' : 'errored', error);
            throw error;
          },
        );
      },
      return(value?: unknown) {
        // The app stopped reading (`break`, `tee()` branches both closed, a cancelled readable).
        end(aborted() ? 'aborted' : 'abandoned');
        return typeof source.return === 'function'
          ? source.return(value)
          : Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    if (typeof source.throw === 'function') {
      const sourceThrow = source.throw.bind(source);
      observed.throw = (error?: unknown) => {
        end('errored', error);
        return sourceThrow(error);
      };
    }
    return observed;
  };
  return true;
}
