import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { hmacSha256Hex } from '../internal/hmac-sha256';
import { createPiiRedactor } from './create-pii-redactor';

describe('createPiiRedactor', () => {
  const mask = createPiiRedactor();

  it.each([
    ['an e-mail address', 'write to ada.lovelace+ml@example.co.uk today', 'write to <email> today'],
    ['an international phone number', 'call +44 20 7946 0958 now', 'call <phone> now'],
    ['a US phone number', 'call (555) 123-4567 now', 'call <phone> now'],
    ['a Luhn-valid card number', 'card 4111 1111 1111 1111 exp 12/29', 'card <card> exp 12/29'],
    ['a card number without spaces', 'pan=5500005555555559;', 'pan=<card>;'],
    ['an IBAN', 'IBAN DE89 3704 0044 0532 0130 00 please', 'IBAN <iban> please'],
    ['a compact IBAN', 'GB82WEST12345698765432', '<iban>'],
    ['an IPv4 address', 'from 203.0.113.42 at noon', 'from <ip> at noon'],
    ['an IPv6 address', 'from 2001:db8:85a3::8a2e:370:7334 at noon', 'from <ip> at noon'],
    ['an e-mail in non-Latin text', '请联系 张伟 zhang.wei@example.cn 谢谢', '请联系 张伟 <email> 谢谢'],
  ])('masks %s', (_name, text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    ['a card number failing the Luhn check', 'order 4111 1111 1111 1112'],
    ['an IBAN failing mod-97', 'DE89 3704 0044 0532 0130 02'],
    ['a time of day', 'at 10:30:00 UTC'],
    ['a date', 'on 2024-01-15'],
    ['a version number', 'v1.2.3'],
    ['an npm scope', '@aitracing/core'],
    ['a short number', 'order #12345'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['Cyrillic prose', 'Позвоните мне завтра'],
  ])('leaves %s alone', (_name, text) => {
    expect(mask(text)).toBe(text);
  });

  it('removes values with the remove style', () => {
    expect(createPiiRedactor({ replacement: 'remove' })('mail ada@example.org!')).toBe('mail !');
  });

  it('runs only the kinds asked for', () => {
    const emailOnly = createPiiRedactor({ kinds: ['email'] });
    expect(emailOnly('ada@example.org from 203.0.113.42')).toBe('<email> from 203.0.113.42');
  });

  it('pseudonymises with a stable keyed token that differs per key', () => {
    const a = createPiiRedactor({ replacement: { pseudonymize: { key: 'key-a' } } });
    const b = createPiiRedactor({ replacement: { pseudonymize: { key: 'key-b' } } });
    const first = a('ada@example.org');
    expect(first).toMatch(/^<email:[0-9a-f]{12}>$/);
    expect(a('ada@example.org')).toBe(first);
    expect(a('bob@example.org')).not.toBe(first);
    expect(b('ada@example.org')).not.toBe(first);
    expect(first).toBe(
      `<email:${createHmac('sha256', 'key-a').update('ada@example.org').digest('hex').slice(0, 12)}>`,
    );
  });

  it('rejects invalid options at construction', () => {
    expect(() => createPiiRedactor({ replacement: { pseudonymize: { key: '' } } })).toThrow(
      AITracingConfigError,
    );
    expect(() => createPiiRedactor({ kinds: ['ssn' as 'email'] })).toThrow(/pii.kinds/);
  });
});

describe('hmacSha256Hex', () => {
  it.each([
    ['key', 'The quick brown fox jumps over the lazy dog'],
    ['', ''],
    ['k'.repeat(100), 'x'.repeat(1000)],
    ['ключ', 'значение 値'],
    ['k', 'a'.repeat(55)],
    ['k', 'a'.repeat(56)],
    ['k', 'a'.repeat(64)],
  ])('matches node:crypto for key %j', (key, message) => {
    expect(hmacSha256Hex(key, message)).toBe(createHmac('sha256', key).update(message).digest('hex'));
  });
});
