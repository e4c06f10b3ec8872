// One random fill and one hex conversion serve ~85 trace+span id pairs: ids
// are substrings of a small hex pool (~100 ns each) instead of a random call
// (~2 µs) or a bytes-to-hex call per id. The pool stays small because V8
// substrings keep their parent string alive. Randomness comes from the global
// Web Crypto `getRandomValues` (Node, Bun, Deno, Workers, browsers); where
// `Buffer` exists (Node, Bun, Workers with `nodejs_compat`) it does the hex.
const POOL_BYTES = 2 * 1024;

const NodeBuffer = (globalThis as { readonly Buffer?: typeof Buffer }).Buffer;
const pool: Uint8Array =
  NodeBuffer === undefined ? new Uint8Array(POOL_BYTES) : NodeBuffer.allocUnsafe(POOL_BYTES);
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
let hexPool = '';
let offset = POOL_BYTES * 2;

const ZERO_SPAN_ID = '0000000000000000';
const ZERO_TRACE_ID = '00000000000000000000000000000000';

function poolToHex(): string {
  if (NodeBuffer !== undefined) return (pool as Buffer).toString('hex');
  let hex = '';
  for (let index = 0; index < pool.length; index++) hex += HEX_BYTES[pool[index] as number];
  return hex;
}

function randomHex(length: number): string {
  if (offset + length > hexPool.length) {
    globalThis.crypto.getRandomValues(pool);
    hexPool = poolToHex();
    offset = 0;
  }
  const start = offset;
  offset += length;
  return hexPool.substring(start, start + length);
}

/** A random 16-hex-character span id (OpenTelemetry format), never all zeros. */
export function generateSpanId(): string {
  let id = randomHex(16);
  while (id === ZERO_SPAN_ID) id = randomHex(16);
  return id;
}

/** A random 32-hex-character trace id (OpenTelemetry format), never all zeros. */
export function generateTraceId(): string {
  let id = randomHex(32);
  while (id === ZERO_TRACE_ID) id = randomHex(32);
  return id;
}

/** The invalid span id (all zeros) that the no-op span carries. */
export const INVALID_SPAN_ID = ZERO_SPAN_ID;
/** The invalid trace id (all zeros) that the no-op span carries. */
export const INVALID_TRACE_ID = ZERO_TRACE_ID;
