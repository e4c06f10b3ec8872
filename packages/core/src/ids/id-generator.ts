import { randomFillSync } from 'node:crypto';

// One crypto fill and one hex conversion serve ~85 trace+span id pairs: ids
// are substrings of a small hex pool (~100 ns each) instead of a randomBytes
// call (~2 µs) or a Buffer-to-hex call per id. The pool stays small because
// V8 substrings keep their parent string alive.
const POOL_BYTES = 2 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let hexPool = '';
let offset = POOL_BYTES * 2;

const ZERO_SPAN_ID = '0000000000000000';
const ZERO_TRACE_ID = '00000000000000000000000000000000';

function randomHex(length: number): string {
  if (offset + length > hexPool.length) {
    randomFillSync(pool);
    hexPool = pool.toString('hex');
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
