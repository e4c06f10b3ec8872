/** How much of an answer's body {@link drainResponse} reads by default before it stops. */
export const DEFAULT_MAX_DRAIN_BYTES = 64 * 1024;

/**
 * Read and discard a `fetch` answer's body, so its connection can be reused,
 * up to `maxBytes`: a larger body is cancelled instead of read to the end.
 * Rejects only as the body stream does (callers run it under their request
 * deadline); never keeps the body.
 */
export async function drainResponse(response: Response, maxBytes = DEFAULT_MAX_DRAIN_BYTES): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) return;
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return;
    }
  }
}
