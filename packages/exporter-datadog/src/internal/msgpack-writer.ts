// MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md), only the types the agent's
// trace endpoint takes from us: strings, maps, arrays, unsigned 64-bit integers, float64 and
// small non-negative integers. Written by hand: a dependency would be the only runtime one of this
// package, for about a hundred lines.

const INITIAL_BYTES = 1024;

/**
 * Appends MessagePack values to a growing buffer. Each `write*` encodes one
 * value in its shortest form (as dd-trace's encoder does, except ids, which are
 * always `uint64`). Never throws on valid input; a string is encoded as UTF-8
 * (lone surrogates become U+FFFD, as `Buffer.from` does).
 */
export class MsgpackWriter {
  #buffer: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  #length = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** A copy of the bytes written so far. */
  toBuffer(): Buffer {
    return Buffer.from(this.#buffer.subarray(0, this.#length));
  }

  /** A map header for `size` entries; the keys and values follow. */
  mapHeader(size: number): void {
    if (size < 16) this.#byte(0x80 | size);
    else if (size < 0x10000) this.#withUint16(0xde, size);
    else this.#withUint32(0xdf, size);
  }

  /** An array header for `size` items; the items follow. */
  arrayHeader(size: number): void {
    if (size < 16) this.#byte(0x90 | size);
    else if (size < 0x10000) this.#withUint16(0xdc, size);
    else this.#withUint32(0xdd, size);
  }

  /** A UTF-8 string. */
  string(value: string): void {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes < 32) this.#byte(0xa0 | bytes);
    else if (bytes < 0x100) {
      this.#reserve(2);
      this.#buffer[this.#length++] = 0xd9;
      this.#buffer[this.#length++] = bytes;
    } else if (bytes < 0x10000) this.#withUint16(0xda, bytes);
    else this.#withUint32(0xdb, bytes);
    this.#reserve(bytes);
    this.#length += this.#buffer.write(value, this.#length, bytes, 'utf8');
  }

  /** An unsigned 64-bit integer, always in its 9-byte form (ids; the agent reads any integer form). */
  uint64(value: bigint): void {
    this.#reserve(9);
    this.#buffer[this.#length] = 0xcf;
    this.#buffer.writeBigUInt64BE(BigInt.asUintN(64, value), this.#length + 1);
    this.#length += 9;
  }

  /** A signed 64-bit integer in its 9-byte form (`start`, `duration`). */
  int64(value: bigint): void {
    this.#reserve(9);
    this.#buffer[this.#length] = 0xd3;
    this.#buffer.writeBigInt64BE(BigInt.asIntN(64, value), this.#length + 1);
    this.#length += 9;
  }

  /** A number: a non-negative integer below 2^32 as an integer, anything else as float64. */
  number(value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < 0x100000000) {
      if (value < 0x80) this.#byte(value);
      else if (value < 0x100) {
        this.#reserve(2);
        this.#buffer[this.#length++] = 0xcc;
        this.#buffer[this.#length++] = value;
      } else if (value < 0x10000) this.#withUint16(0xcd, value);
      else this.#withUint32(0xce, value);
      return;
    }
    this.#reserve(9);
    this.#buffer[this.#length] = 0xcb;
    this.#buffer.writeDoubleBE(value, this.#length + 1);
    this.#length += 9;
  }

  /** Bytes already encoded as one or more MessagePack values. */
  raw(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  #byte(value: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = value;
  }

  #withUint16(prefix: number, value: number): void {
    this.#reserve(3);
    this.#buffer[this.#length] = prefix;
    this.#buffer.writeUInt16BE(value, this.#length + 1);
    this.#length += 3;
  }

  #withUint32(prefix: number, value: number): void {
    this.#reserve(5);
    this.#buffer[this.#length] = prefix;
    this.#buffer.writeUInt32BE(value, this.#length + 1);
    this.#length += 5;
  }

  #reserve(bytes: number): void {
    const needed = this.#length + bytes;
    if (needed <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}
