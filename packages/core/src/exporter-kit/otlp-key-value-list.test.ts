import { describe, expect, it } from 'vitest';
import { parseOtlpKeyValueList } from './otlp-key-value-list';

describe('parseOtlpKeyValueList', () => {
  it('parses OTLP header lists, skipping malformed members', () => {
    expect(parseOtlpKeyValueList('a=1, b = two ,broken,=x,c=%E0%A4%A', { lowerCaseKeys: true })).toEqual({
      a: '1',
      b: 'two',
    });
  });

  it('lower-cases header names only when asked, and percent-decodes values', () => {
    const text = 'Authorization=Bearer%20abc,Service.Name=checkout';
    expect(parseOtlpKeyValueList(text, { lowerCaseKeys: true })).toEqual({
      authorization: 'Bearer abc',
      'service.name': 'checkout',
    });
    expect(parseOtlpKeyValueList(text)).toEqual({ Authorization: 'Bearer abc', 'Service.Name': 'checkout' });
  });

  it('skips a member whose key is only blanks and reads an unset variable as empty', () => {
    expect(parseOtlpKeyValueList('  =x,k=v')).toEqual({ k: 'v' });
    expect(parseOtlpKeyValueList(undefined)).toEqual({});
  });
});
