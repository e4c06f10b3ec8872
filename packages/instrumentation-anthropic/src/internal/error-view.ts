// The SDK's errors carry the API's error type and request id in shapes that
// changed over versions: 1.x sets `type` and `requestID`, 0.x keeps the body
// in `error` ({ type: 'error', error: { type, message } }) and `request_id`.

function errorTypeOf(error: Record<string, unknown>): string | undefined {
  if (typeof error.type === 'string') return error.type;
  const body = error.error as { error?: { type?: unknown } } | undefined;
  const type = body?.error?.type;
  return typeof type === 'string' ? type : undefined;
}

function requestIdOf(error: Record<string, unknown>): string | undefined {
  const id = error.requestID ?? error.request_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A read-only view of an SDK error that also answers `type` and `requestId`
 * in the names core's error recording reads, whatever the SDK version. The
 * app still gets the original error; only the span sees this view.
 */
export function errorView(error: unknown): Error {
  if (typeof error !== 'object' || error === null) return error as Error;
  const record = error as Record<string, unknown>;
  const type = errorTypeOf(record);
  const requestId = requestIdOf(record);
  if (type === undefined && requestId === undefined) return error as Error;
  return new Proxy(record, {
    get(target, key) {
      if (key === 'type' && type !== undefined) return type;
      if (key === 'requestId' && requestId !== undefined) return requestId;
      return Reflect.get(target, key);
    },
  }) as unknown as Error;
}
