import { describe, expect, it } from 'vitest';
import {
  escapeControlCharacters,
  formatCost,
  formatCount,
  formatDuration,
  preview,
  truncate,
} from './format-values';

describe('format values', () => {
  it('formats durations from sub-millisecond to minutes', () => {
    expect([0.421, 812.34, 1_250, 59_999, 125_000, -1].map(formatDuration)).toEqual([
      '0.42ms',
      '812.3ms',
      '1.25s',
      '60.00s',
      '2m 05s',
      '?',
    ]);
  });

  it('formats counts with thousands separators', () => {
    expect([0, 999, 1_000, 1_234_567, -4_200].map(formatCount)).toEqual([
      '0',
      '999',
      '1,000',
      '1,234,567',
      '-4,200',
    ]);
  });

  it('formats costs with two significant digits below one unit', () => {
    expect(formatCost(0.00012345, 'USD')).toBe('$0.00012');
    expect(formatCost(0.0421, undefined)).toBe('$0.042');
    expect(formatCost(12.5, 'usd')).toBe('$12.50');
    expect(formatCost(0.5, 'EUR')).toBe('0.50 EUR');
    expect(formatCost(0, 'USD')).toBe('$0');
    expect(formatCost(1e-9, 'USD')).toBe('$0.00000000');
  });

  it('previews values as one line of JSON, cut with an ellipsis', () => {
    expect(preview('line one\nline two', 100)).toBe('"line one\\nline two"');
    expect(preview({ a: [1, 2] }, 100)).toBe('{"a":[1,2]}');
    expect(preview(undefined, 100)).toBeUndefined();
    expect(preview('x'.repeat(50), 10)).toBe('"xxxxxxxx…');
  });

  it('never splits a surrogate pair when cutting', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('escapes C0 and C1 control characters', () => {
    expect(escapeControlCharacters('a\u001b[31mb\u009bc\u007f')).toBe('a\\u001b[31mb\\u009bc\\u007f');
  });
});
