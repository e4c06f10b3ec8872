/**
 * Counts the spans in an OTLP `ExportTraceServiceRequest` protobuf body
 * without decoding it: walks resource_spans (1) → scope_spans (2) → spans (2)
 * and skips everything else. Returns -1 for a body that is not valid protobuf.
 */
export function countOtlpSpans(body: Uint8Array): number {
  try {
    let spans = 0;
    forEachField(body, 0, body.length, 1, (resourceStart, resourceEnd) => {
      forEachField(body, resourceStart, resourceEnd, 2, (scopeStart, scopeEnd) => {
        forEachField(body, scopeStart, scopeEnd, 2, () => {
          spans++;
        });
      });
    });
    return spans;
  } catch {
    return -1;
  }
}

function readVarint(body: Uint8Array, position: { at: number }): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (position.at >= body.length) throw new RangeError('truncated varint');
    const byte = body[position.at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
}

/** Calls `visit` with the bounds of every length-delimited field numbered `wanted` in [start, end). */
function forEachField(
  body: Uint8Array,
  start: number,
  end: number,
  wanted: number,
  visit: (start: number, end: number) => void,
): void {
  const position = { at: start };
  while (position.at < end) {
    const tag = readVarint(body, position);
    const field = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0:
        readVarint(body, position);
        break;
      case 1:
        position.at += 8;
        break;
      case 2: {
        const length = readVarint(body, position);
        if (field === wanted) visit(position.at, position.at + length);
        position.at += length;
        break;
      }
      case 5:
        position.at += 4;
        break;
      default:
        throw new RangeError(`unsupported wire type ${tag & 7}`);
    }
    if (position.at > end) throw new RangeError('field overruns its message');
  }
}
