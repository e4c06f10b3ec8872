import { decode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { MsgpackWriter } from './msgpack-writer';

const roundTrip = (write: (writer: MsgpackWriter) => void): unknown => {
  const writer = new MsgpackWriter();
  write(writer);
  return decode(writer.toBuffer(), { useBigInt64: true });
};

describe('MsgpackWriter', () => {
  it('writes strings of every length class, in UTF-8, that a standard decoder reads back', () => {
    for (const length of [0, 1, 31, 32, 255, 256, 65_535, 65_536, 200_000]) {
      const text = 'é'.repeat(Math.floor(length / 2)) + 'a'.repeat(length % 2);
      expect(roundTrip((writer) => writer.string(text))).toBe(text);
    }
    expect(roundTrip((writer) => writer.string('emoji 🚀 and \u0000'))).toBe('emoji 🚀 and \u0000');
    // A lone surrogate is not valid UTF-8: it becomes U+FFFD, never a broken payload.
    expect(roundTrip((writer) => writer.string('a\ud800b'))).toBe('a\ufffdb');
  });

  it('writes numbers as the smallest integer form, or float64', () => {
    for (const value of [0, 1, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32 - 1]) {
      expect(roundTrip((writer) => writer.number(value))).toBe(value);
    }
    for (const value of [-1, 0.5, 2 ** 32, 2 ** 53 + 2, -1e300, 1.25e-7]) {
      expect(roundTrip((writer) => writer.number(value))).toBe(value);
    }
  });

  it('writes unsigned and signed 64-bit integers exactly', () => {
    for (const value of [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 0xa3ce929d0e0e4736n]) {
      expect(roundTrip((writer) => writer.uint64(value))).toBe(value);
    }
    for (const value of [0n, 1_764_000_000_123_456_789n, -5n]) {
      expect(roundTrip((writer) => writer.int64(value))).toBe(value);
    }
  });

  it('writes maps and arrays of every header size, and raw pre-encoded values', () => {
    for (const size of [0, 15, 16, 65_535, 65_536]) {
      const decoded = roundTrip((writer) => {
        writer.arrayHeader(size);
        for (let index = 0; index < size; index++) writer.number(index % 100);
      }) as number[];
      expect(decoded).toHaveLength(size);
      expect(decoded.at(-1)).toBe(size === 0 ? undefined : (size - 1) % 100);
    }
    const inner = new MsgpackWriter();
    inner.mapHeader(1);
    inner.string('k');
    inner.string('v');
    const decoded = roundTrip((writer) => {
      writer.mapHeader(17);
      for (let index = 0; index < 16; index++) {
        writer.string(`key${index}`);
        writer.number(index);
      }
      writer.string('nested');
      writer.raw(inner.toBuffer());
    }) as Record<string, unknown>;
    expect(decoded.key15).toBe(15);
    expect(decoded.nested).toEqual({ k: 'v' });
  });
});
