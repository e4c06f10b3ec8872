import { describe, expect, it, vi } from 'vitest';
import { ProtobufWriter } from './protobuf-writer';

function bytesOf(write: (writer: ProtobufWriter) => void, capacity?: number): number[] {
  const writer = new ProtobufWriter(capacity);
  write(writer);
  return [...writer.finish()];
}

function utf8(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}

describe('ProtobufWriter', () => {
  it('writes varints canonically, negatives as 10-byte two’s complement', () => {
    expect(bytesOf((w) => w.writeVarint(0))).toEqual([0]);
    expect(bytesOf((w) => w.writeVarint(127))).toEqual([0x7f]);
    expect(bytesOf((w) => w.writeVarint(300))).toEqual([0xac, 0x02]);
    expect(bytesOf((w) => w.writeVarint(2 ** 32))).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(bytesOf((w) => w.writeVarint(Number.MAX_SAFE_INTEGER))).toEqual([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f,
    ]);
    expect(bytesOf((w) => w.writeVarint(-1))).toEqual([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(bytesOf((w) => w.writeVarint(-(2 ** 63)))).toEqual([
      0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
    ]);
  });

  it('writes tags, fixed32, fixed64, doubles and bools little-endian', () => {
    expect(bytesOf((w) => w.writeTag(16, 5))).toEqual([0x85, 0x01]);
    expect(bytesOf((w) => w.writeFixed32(0x101))).toEqual([0x01, 0x01, 0, 0]);
    expect(bytesOf((w) => w.writeFixed64(1, 2))).toEqual([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(bytesOf((w) => w.writeDouble(1.5))).toEqual([0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    expect(bytesOf((w) => w.writeBoolField(2, true))).toEqual([0x10, 1]);
  });

  it('writes Unix nanoseconds exactly from fractional epoch milliseconds', () => {
    const read = (epochMs: number) => {
      const bytes = Uint8Array.from(bytesOf((w) => w.writeUnixNanosFromMillis(epochMs)));
      return new DataView(bytes.buffer).getBigUint64(0, true);
    };
    expect(read(1_700_000_000_123.5)).toBe(1_700_000_000_123_500_000n);
    expect(read(1_700_000_000_123.25)).toBe(1_700_000_000_123_250_000n);
    expect(read(0)).toBe(0n);
    expect(read(1)).toBe(1_000_000n);
    // Year 2300: beyond 2^53 ns and beyond 32-bit seconds.
    expect(read(10_413_792_000_000.5)).toBe(10_413_792_000_000_500_000n);
  });

  it('writes strings as UTF-8: ASCII, BMP, astral, lone surrogates as U+FFFD, empty', () => {
    for (const text of [
      '',
      'plain',
      'é',
      '日本語',
      '🦜 parrot',
      'a\ud800b',
      '\udc00',
      `${'x'.repeat(200)}✓`,
    ]) {
      const expected = utf8(text);
      const prefix =
        expected.length < 128 ? [expected.length] : [(expected.length & 0x7f) | 0x80, expected.length >> 7];
      expect(bytesOf((w) => w.writeString(text))).toEqual([...prefix, ...expected]);
    }
  });

  it('moves a non-ASCII string when its UTF-8 length needs a longer prefix', () => {
    const text = 'é'.repeat(100); // 100 units, 200 bytes: the prefix grows from one byte to two
    expect(bytesOf((w) => w.writeString(text))).toEqual([0xc8, 0x01, ...utf8(text)]);
  });

  it('writes hex ids as bytes, upper or lower case', () => {
    expect(bytesOf((w) => w.writeHexAsBytes('0aF1'))).toEqual([2, 0x0a, 0xf1]);
    expect(bytesOf((w) => w.writeHexBytesField(1, '00112233445566778899aabbccddeeff'))).toEqual([
      0x0a, 16, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
      0xff,
    ]);
  });

  it('back-patches nested message lengths, short and long, and grows from a tiny buffer', () => {
    const long = 'y'.repeat(20_000);
    const bytes = bytesOf((w) => {
      const outer = w.startMessage(1);
      const inner = w.startMessage(2);
      w.writeStringField(1, long);
      w.endMessage(inner);
      const empty = w.startMessage(3);
      w.endMessage(empty);
      w.endMessage(outer);
    }, 16);
    const stringField = [0x0a, 0xa0, 0x9c, 0x01, ...utf8(long)]; // 20000 = 0xa0 0x9c 0x01
    const innerField = [0x12, 0xa4, 0x9c, 0x01, ...stringField]; // 20004
    const emptyField = [0x1a, 0];
    expect(bytes).toEqual([0x0a, 0xaa, 0x9c, 0x01, ...innerField, ...emptyField]); // 20010
  });

  it('finish returns a copy; reset reuses the buffer', () => {
    const writer = new ProtobufWriter();
    writer.writeStringField(1, 'a');
    const first = writer.finish();
    writer.reset();
    writer.writeStringField(1, 'b');
    expect([...first]).toEqual([0x0a, 1, 0x61]);
    expect([...writer.finish()]).toEqual([0x0a, 1, 0x62]);
  });

  it('detach hands the bytes over without a copy and starts over on a new buffer', () => {
    const writer = new ProtobufWriter(16);
    writer.writeStringField(1, 'first message, longer than the initial buffer');
    const first = writer.detach();
    writer.writeStringField(1, 'second');
    const second = writer.detach();
    expect(new TextDecoder().decode(first.subarray(2))).toBe('first message, longer than the initial buffer');
    expect([...second]).toEqual([0x0a, 6, ...utf8('second')]);
  });

  it('writes a recurring string from its cache with the same bytes, whatever the field', () => {
    const plain = new ProtobufWriter();
    const cached = new ProtobufWriter();
    for (const [field, text] of [
      [1, 'gen_ai.request.model'],
      [1, 'gen_ai.request.model'],
      [2, 'gen_ai.request.model'],
      [1, '🦜'],
      [1, '🦜'],
      [3, ''],
    ] as const) {
      plain.writeStringField(field, text);
      cached.writeRepeatedStringField(field, text);
    }
    expect([...cached.finish()]).toEqual([...plain.finish()]);
  });

  it('writes the same bytes where Node’s Buffer does not exist (edge runtimes)', async () => {
    const texts = [
      'ascii',
      'x'.repeat(100),
      'é'.repeat(100),
      '🦜 lone \ud800 end',
      `${'y'.repeat(70)}\udfff`,
    ];
    const withBuffer = new ProtobufWriter(16);
    for (const text of texts) withBuffer.writeStringField(1, text);
    vi.stubGlobal('Buffer', undefined);
    vi.resetModules();
    try {
      const { ProtobufWriter: EdgeWriter } = await import('./protobuf-writer');
      const edge = new EdgeWriter(16);
      for (const text of texts) edge.writeStringField(1, text);
      const bytes = edge.detach();
      expect(bytes.constructor).toBe(Uint8Array); // the edge path ran: no Buffer anywhere
      expect([...bytes]).toEqual([...withBuffer.finish()]);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
