// The SDK's errors carry the API's error type and request id in shapes that
// changed over versions: 1.x sets `type` and `requestID`, 0.x keeps the body
// in `error` ({ type: 'error', error: { type, message } }) and `request_id`;
// before 0.50 a mid-stream error event became an error whose message is the
// event's JSON body.

const ERROR_BODY_PREFIX = '{"type":"error"';

function errorTypeOf(error: Record<string, unknown>): string | undefined {
  if (typeof error.type === 'string') return error.type;
  const body = error.error as { error?: { type?: unknown } } | undefined;
  const type = body?.error?.type;
  if (typeof type === 'string') return type;
  const message = error.message;
  if (typeof message === 'string' && message.startsWith(ERROR_BODY_PREFIX) && message.length < 10_000) {
    try {
      const parsed = JSON.parse(message) as { error?: { type?: unknown } };
      if (typeof parsed.error?.type === 'string') return parsed.error.type;
    } catch {
      // Not the body after all.
    }
  }
  return undefined;
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
