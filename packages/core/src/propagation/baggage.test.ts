import { validateHeaderValue } from 'node:http';
import { describe, expect, it } from 'vitest';
import { normalizeBaggage, parseBaggage } from './baggage';

describe('baggage', () => {
  it('drops properties that would make the propagated header invalid, keeping the member', () => {
    const header = 'tenant=acme;ttl=60;bad\u0000prop;x\r\nInjected: yes;ünicode,plan=pro;sampled';
    const normalized = normalizeBaggage(header);
    expect(normalized).toBe('tenant=acme;ttl=60,plan=pro;sampled');
    expect(() => validateHeaderValue('baggage', normalized ?? '')).not.toThrow();
  });

  it('skips a value that cannot be re-encoded (a lone surrogate) instead of dropping the whole header', () => {
    expect(parseBaggage('a=\ud800,b=ok')).toEqual(new Map([['b', { value: 'ok' }]]));
  });

  it('keeps what it passes on within 8192 bytes once values are percent-encoded', () => {
    const header = Array.from({ length: 40 }, (_, index) => `k${index}=${'ü'.repeat(100)}`).join(',');
    const normalized = normalizeBaggage(header) ?? '';
    expect(Buffer.byteLength(normalized)).toBeLessThanOrEqual(8_192);
    expect(parseBaggage(normalized).size).toBeGreaterThan(0);
  });
});
