// Protocol Buffers wire types (https://protobuf.dev/programming-guides/encoding/).
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const TWO_POW_32 = 0x1_0000_0000;
const NANOS_PER_MILLI = 1_000_000;
const NANOS_PER_SECOND = 1_000_000_000;
const MAX_NANOS = NANOS_PER_SECOND - 1;

// Byte value of two hex digits, indexed by (first char code << 7) | second
// ('0'-'9', 'a'-'f', 'A'-'F'; anything else reads as 0): one lookup per byte.
const HEX_PAIRS = new Uint8Array(128 * 128);
{
  const digits = new Uint8Array(128);
  for (let digit = 0; digit < 10; digit++) digits[48 + digit] = digit;
  for (let digit = 0; digit < 6; digit++) {
    digits[97 + digit] = 10 + digit;
    digits[65 + digit] = 10 + digit;
  }
  for (let high = 0; high < 128; high++)
    for (let low = 0; low < 128; low++) HEX_PAIRS[(high << 7) | low] = (digits[high]! << 4) | digits[low]!;
}

// Strings from this length on are written natively; shorter ones by a JS loop
// (a native call costs about as much as copying this many chars in JS).
const NATIVE_STRING_LENGTH = 64;
// Strings kept encoded by writeRepeatedStringField (attribute keys and the like): at most this many, this long.
const MAX_CACHED_STRINGS = 2048;
const MAX_CACHED_STRING_LENGTH = 128;
// The buffer allocated by detach() for the next message never starts bigger than this.
const MAX_DETACHED_CAPACITY = 4 * 1024 * 1024;

interface NodeBuffer extends Uint8Array {
  write(text: string, offset: number): number;
}
interface NodeBufferClass {
  allocUnsafe(size: number): NodeBuffer;
}
// Node's Buffer where there is one: memory that is not zeroed first, and UTF-8 writes at an offset.
const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

function allocate(size: number): Uint8Array {
  return NodeBuffer === undefined ? new Uint8Array(size) : NodeBuffer.allocUnsafe(size);
}

// A copy, also for a Node Buffer (whose own slice() is a view).
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, start, end);
}

function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x20_0000) return 3;
  if (value < 0x1000_0000) return 4;
  return 5;
}

/**
 * A single-pass Protocol Buffers writer for hand-written encoders (OTLP
 * traces, metrics, logs). Fields are written in order into one growing
 * buffer; a nested message reserves one byte for its length and is
 * back-patched when it ends (moving its bytes only when the length needs
 * more), so there is no size-estimating pass. Strings are written as UTF-8
 * straight into the buffer (ASCII without any intermediate, the rest with
 * `TextEncoder.encodeInto`; lone surrogates become U+FFFD as `TextEncoder`
 * does), hex ids as bytes without a `Uint8Array` per id. The output is the
 * canonical encoding (minimal varints), byte for byte what protobufjs and
 * OpenTelemetry's serializer produce for the same fields in the same order.
 *
 * A writer is reusable: `finish()` copies the bytes out and `reset()` starts
 * over on the same buffer; `detach()` hands the bytes over without a copy
 * and starts over on a new buffer. Never throws for any value of the
 * documented types; not safe to share between concurrent encoders.
 *
 * @example
 * ```ts
 * const writer = new ProtobufWriter();
 * writer.writeStringField(1, 'name');
 * const nested = writer.startMessage(2);
 * writer.writeVarintField(1, 42);
 * writer.endMessage(nested);
 * const bytes = writer.finish();
 * ```
 */
export class ProtobufWriter {
  /** Bytes written so far. */
  pos = 0;
  #buffer: Uint8Array;
  #view: DataView;
  readonly #textEncoder = new TextEncoder();
  readonly #encoded = new Map<string, Uint8Array>();

  /** @param initialCapacity - bytes allocated up front (grows by doubling). @defaultValue `65536` */
  constructor(initialCapacity = 65_536) {
    this.#buffer = allocate(Math.max(16, initialCapacity));
    this.#view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset, this.#buffer.byteLength);
  }

  /** Start over, keeping the buffer. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of the bytes written so far (the writer can be reset and reused at once). */
  finish(): Uint8Array {
    return copyOf(this.#buffer, 0, this.pos);
  }

  /**
   * The bytes written so far, without a copy: the caller owns them, and the
   * writer starts over on a new buffer about the size this one needed (so
   * the next message of the same size allocates once and never grows; at
   * most 4 MiB, after an outsized message).
   */
  detach(): Uint8Array {
    const bytes = this.#buffer.subarray(0, this.pos);
    this.#buffer = allocate(Math.min(MAX_DETACHED_CAPACITY, Math.max(16, this.pos + (this.pos >>> 2))));
    this.#view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset, this.#buffer.byteLength);
    this.pos = 0;
    return bytes;
  }

  /** Make room for `size` more bytes. */
  #reserve(size: number): void {
    const needed = this.pos + size;
    if (needed <= this.#buffer.length) return;
    let capacity = this.#buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = allocate(capacity);
    grown.set(this.#buffer.subarray(0, this.pos));
    this.#buffer = grown;
    this.#view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }

  /** A field key: field number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
  writeTag(fieldNumber: number, wireType: number): void {
    const tag = ((fieldNumber << 3) | wireType) >>> 0;
    if (tag < 0x80 && this.pos < this.#buffer.length) {
      this.#buffer[this.pos++] = tag;
      return;
    }
    this.writeVarint(tag);
  }

  /**
   * A varint. Non-negative integers up to 2^64 - 1 as unsigned; negative
   * integers as 64-bit two's complement (10 bytes), as protobuf writes
   * `int64`/`int32`. Fractions are truncated.
   */
  writeVarint(value: number): void {
    if (value >= 0 && value < 0x80 && this.pos < this.#buffer.length) {
      this.#buffer[this.pos++] = value;
      return;
    }
    if (value >= 0 && value < TWO_POW_32) {
      this.#reserve(5);
      const buffer = this.#buffer;
      let v = value >>> 0;
      while (v > 0x7f) {
        buffer[this.pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buffer[this.pos++] = v;
      return;
    }
    let low: number;
    let high: number;
    if (value >= 0) {
      low = value >>> 0;
      high = (value / TWO_POW_32) >>> 0;
    } else {
      const magnitude = -value;
      low = ~(magnitude >>> 0) >>> 0;
      high = ~((magnitude / TWO_POW_32) >>> 0) >>> 0;
      low = (low + 1) >>> 0;
      if (low === 0) high = (high + 1) >>> 0;
    }
    this.#writeVarint64(low, high);
  }

  #writeVarint64(low: number, high: number): void {
    this.#reserve(10);
    const buffer = this.#buffer;
    while (high > 0 || low > 0x7f) {
      buffer[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    buffer[this.pos++] = low;
  }

  /** 32 bits little-endian (`fixed32`, `sfixed32` as two's complement). */
  writeFixed32(value: number): void {
    this.#reserve(4);
    this.#view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
  }

  /** 64 bits little-endian from its low and high 32-bit halves (`fixed64`). */
  writeFixed64(low: number, high: number): void {
    this.#reserve(8);
    this.#view.setUint32(this.pos, low >>> 0, true);
    this.#view.setUint32(this.pos + 4, high >>> 0, true);
    this.pos += 8;
  }

  /**
   * A Unix time in nanoseconds as `fixed64`, from epoch milliseconds with a
   * fraction: whole seconds plus the rest rounded to the nanosecond (the
   * `[seconds, nanos]` pair OpenTelemetry uses), exact beyond 2^53 ns.
   */
  writeUnixNanosFromMillis(epochMs: number): void {
    const seconds = Math.floor(epochMs / 1000);
    let nanos = Math.round((epochMs - seconds * 1000) * NANOS_PER_MILLI);
    if (nanos > MAX_NANOS) nanos = MAX_NANOS;
    else if (!(nanos > 0)) nanos = 0;
    // seconds * 1e9 + nanos without leaving the exact range of doubles: split seconds at 2^16.
    const lowerSeconds = seconds & 0xffff;
    const upperSeconds = (seconds / 0x1_0000) >>> 0;
    const fromLower = lowerSeconds * NANOS_PER_SECOND;
    const fromUpper = upperSeconds * NANOS_PER_SECOND;
    const low = (fromLower >>> 0) + (((fromUpper & 0xffff) * 0x1_0000) >>> 0) + nanos;
    const high =
      Math.floor(fromLower / TWO_POW_32) + ((fromUpper / 0x1_0000) >>> 0) + Math.floor(low / TWO_POW_32);
    this.writeFixed64(low >>> 0, high >>> 0);
  }

  /** An IEEE 754 double, little-endian. */
  writeDouble(value: number): void {
    this.#reserve(8);
    this.#view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** A bool as a one-byte varint. */
  writeBool(value: boolean): void {
    this.#reserve(1);
    this.#buffer[this.pos++] = value ? 1 : 0;
  }

  /** Length-prefixed raw bytes. */
  writeBytes(bytes: Uint8Array): void {
    this.writeVarint(bytes.length);
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /**
   * Length-prefixed bytes from a hex string (a trace or span id), without an
   * intermediate array. Digits may be upper or lower case; an odd last digit
   * is ignored.
   */
  writeHexAsBytes(hex: string): void {
    const length = hex.length >>> 1;
    this.writeVarint(length);
    this.#reserve(length);
    const buffer = this.#buffer;
    let pos = this.pos;
    for (let index = 0; index < length * 2; index += 2) {
      buffer[pos++] = HEX_PAIRS[((hex.charCodeAt(index) & 0x7f) << 7) | (hex.charCodeAt(index + 1) & 0x7f)]!;
    }
    this.pos = pos;
  }

  /** A length-prefixed UTF-8 string; lone surrogates are written as U+FFFD. */
  writeString(value: string): void {
    const length = value.length;
    const start = this.pos;
    if (length < NATIVE_STRING_LENGTH) {
      // Short ASCII (most keys and values) needs exactly one byte per char:
      // write the length, then copy until the first non-ASCII char.
      this.#reserve(length + 1);
      const buffer = this.#buffer;
      buffer[start] = length;
      let pos = start + 1;
      let index = 0;
      for (; index < length; index++) {
        const code = value.charCodeAt(index);
        if (code > 0x7f) break;
        buffer[pos++] = code;
      }
      if (index === length) {
        this.pos = pos;
        return;
      }
    }
    // UTF-8 needs at least one byte per UTF-16 unit: write after a prefix
    // sized for `length` bytes, and move the bytes if the real one is longer.
    const reserved = varintSize(length);
    this.#reserve(reserved + length * 3);
    const bytesStart = start + reserved;
    const written =
      NodeBuffer === undefined
        ? this.#textEncoder.encodeInto(value, this.#buffer.subarray(bytesStart)).written
        : (this.#buffer as NodeBuffer).write(value, bytesStart);
    const prefixSize = varintSize(written);
    if (prefixSize > reserved) {
      this.pos = bytesStart + written;
      this.#reserve(prefixSize - reserved);
      this.#buffer.copyWithin(start + prefixSize, bytesStart, bytesStart + written);
    }
    this.pos = start;
    this.writeVarint(written);
    this.pos = start + prefixSize + written;
  }

  /**
   * Open a nested message (or any length-delimited field) with the given
   * field number; returns the mark to pass to {@link ProtobufWriter.endMessage}.
   */
  startMessage(fieldNumber: number): number {
    const tag = ((fieldNumber << 3) | WIRE_LENGTH_DELIMITED) >>> 0;
    if (tag < 0x80 && this.pos + 1 < this.#buffer.length) {
      this.#buffer[this.pos] = tag;
      this.pos += 2;
      return this.pos - 1;
    }
    this.writeTag(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.#reserve(1);
    return this.pos++;
  }

  /** Close the message opened at `mark`: write its length, moving its bytes when the length needs more than one byte. */
  endMessage(mark: number): void {
    const length = this.pos - mark - 1;
    if (length < 0x80) {
      this.#buffer[mark] = length;
      return;
    }
    const size = varintSize(length);
    this.#reserve(size - 1);
    const buffer = this.#buffer;
    buffer.copyWithin(mark + size, mark + 1, this.pos);
    this.pos += size - 1;
    let v = length;
    let at = mark;
    while (v > 0x7f) {
      buffer[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buffer[at] = v;
  }

  /** Field `fieldNumber` as a varint (see {@link ProtobufWriter.writeVarint}). */
  writeVarintField(fieldNumber: number, value: number): void {
    this.writeTag(fieldNumber, WIRE_VARINT);
    this.writeVarint(value);
  }

  /** Field `fieldNumber` as a bool. */
  writeBoolField(fieldNumber: number, value: boolean): void {
    this.writeTag(fieldNumber, WIRE_VARINT);
    this.writeBool(value);
  }

  /** Field `fieldNumber` as a double. */
  writeDoubleField(fieldNumber: number, value: number): void {
    this.writeTag(fieldNumber, WIRE_FIXED64);
    this.writeDouble(value);
  }

  /** Field `fieldNumber` as `fixed32`. */
  writeFixed32Field(fieldNumber: number, value: number): void {
    this.writeTag(fieldNumber, WIRE_FIXED32);
    this.writeFixed32(value);
  }

  /** Field `fieldNumber` as a `fixed64` Unix time in nanoseconds (see {@link ProtobufWriter.writeUnixNanosFromMillis}). */
  writeUnixNanosField(fieldNumber: number, epochMs: number): void {
    this.writeTag(fieldNumber, WIRE_FIXED64);
    this.writeUnixNanosFromMillis(epochMs);
  }

  /** Field `fieldNumber` as a UTF-8 string. */
  writeStringField(fieldNumber: number, value: string): void {
    this.writeTag(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.writeString(value);
  }

  /**
   * Field `fieldNumber` as a UTF-8 string that recurs from message to message
   * (attribute keys, names): the field's bytes are kept after the first
   * write (up to 2,048 strings of at most 128 chars) and copied afterwards.
   * Same bytes as {@link ProtobufWriter.writeStringField}.
   */
  writeRepeatedStringField(fieldNumber: number, value: string): void {
    if (fieldNumber < 16) {
      const cached = this.#encoded.get(value);
      if (cached !== undefined && cached[0] === ((fieldNumber << 3) | WIRE_LENGTH_DELIMITED)) {
        this.#reserve(cached.length);
        this.#buffer.set(cached, this.pos);
        this.pos += cached.length;
        return;
      }
    }
    const start = this.pos;
    this.writeStringField(fieldNumber, value);
    if (
      fieldNumber < 16 &&
      value.length <= MAX_CACHED_STRING_LENGTH &&
      this.#encoded.size < MAX_CACHED_STRINGS
    )
      this.#encoded.set(value, copyOf(this.#buffer, start, this.pos));
  }

  /** Field `fieldNumber` as bytes. */
  writeBytesField(fieldNumber: number, value: Uint8Array): void {
    this.writeTag(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.writeBytes(value);
  }

  /** Field `fieldNumber` as bytes from a hex string (see {@link ProtobufWriter.writeHexAsBytes}). */
  writeHexBytesField(fieldNumber: number, hex: string): void {
    this.writeTag(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.writeHexAsBytes(hex);
  }
}
