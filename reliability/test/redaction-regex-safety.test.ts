import { createPiiRedactor, redactSecrets, SensitiveDataFilter } from '@aitracing/core';
import { describe, expect, it } from 'vitest';

// Catastrophic backtracking shows as a call that never returns: each case is one
// detector's worst input, about 1 MB, and must come back with a result. The
// timeout is a backstop against a hang, never a speed limit.
const BACKSTOP_MS = 120_000;
const SIZE = 1 << 20;

/** `unit` repeated to about 1 MB, then `tail` (the character that makes a near match fail). */
function adversarial(unit: string, tail = '!'): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)) + tail;
}

const SECRET_ATTACKS: Array<[string, string]> = [
  ['PEM block without its END line', `-----BEGIN PRIVATE KEY-----${adversarial('A')}`],
  ['PEM BEGIN lines repeated', adversarial('-----BEGIN RSA PRIVATE KEY----- ')],
  ['Anthropic prefix and a dash run', `sk-ant-${adversarial('a-')}`],
  ['OpenAI prefixes repeated', adversarial('sk-')],
  ['OpenAI project prefix and a long body', `sk-proj-${adversarial('a')}`],
  ['Stripe prefixes repeated', adversarial('sk_live_rk_test_')],
  ['AWS prefix and capitals', `AKIA${adversarial('A')}`],
  ['GitHub prefixes repeated', adversarial('ghp_github_pat_')],
  ['GitHub fine-grained prefix and underscores', `github_pat_${adversarial('_')}`],
  ['Slack prefix and dashes', `xoxb-${adversarial('-')}`],
  ['Google prefixes repeated', adversarial('AIza')],
  ['JWT header with no dot', `eyJ${adversarial('a')}`],
  ['JWT segments repeated', adversarial('eyJaaaaaaaa.')],
  ['Bearer words repeated', adversarial('Bearer ')],
  ['Bearer and a huge credential', `Bearer ${adversarial('a1')}`],
  ['Basic and tabs', `Basic${adversarial('\t')}x`],
  ['URL schemes repeated', adversarial('a://')],
  ['URL userinfo colons', `http://${adversarial('a:')}`],
  ['URL userinfo without @', `https://${adversarial('u')}:${'p'.repeat(1000)}`],
  ['password= repeated', adversarial('password=')],
  ['pass = with spaces', adversarial('pass = ')],
  ['credential parameter names repeated', adversarial('api_key=')],
  ['credential parameter with a huge value', `access_token=${adversarial('a')}`],
  ['dashed words before a parameter name', `${adversarial('a-')}token=x`],
  ['letter run before a parameter name', `${adversarial('a')}_secret=`],
  ['JSON secret key with an unterminated value', `{"apiKey": "${adversarial('a')}`],
  ['JSON secret keys repeated', adversarial('"token":"')],
  ['every prefix, interleaved', adversarial('sk-AKIAghp_xoxb-AIzaeyJ-----BEGIN Bearer a://password=')],
];

const PII_ATTACKS: Array<[string, string]> = [
  ['e-mail local part without a domain', `${adversarial('a')}@`],
  ['e-mail at signs repeated', adversarial('a@')],
  ['e-mail dotted labels', `a@${adversarial('b.')}`],
  ['IBAN groups repeated', `DE00${adversarial(' AAAA')}`],
  ['card digit-space runs', adversarial('1 ')],
  ['card digit-dash runs', adversarial('1-')],
  ['international phone prefix runs', adversarial('+1 (')],
  ['US phone fragments', adversarial('(555) 123-')],
  ['IPv4 dotted digits', adversarial('1.')],
  ['IPv6 colon runs', adversarial('a:')],
  ['IPv6 bare colons', adversarial(':')],
];

describe('redaction patterns under adversarial input (1 MB)', () => {
  it.each(SECRET_ATTACKS)(
    'the secret detectors finish on: %s',
    (_name, input) => {
      const result = redactSecrets(input);
      expect(typeof result).toBe('string');
      expect(result.length).toBeGreaterThan(0);
      expect(result.length).toBeLessThanOrEqual(input.length * 2);
    },
    BACKSTOP_MS,
  );

  const redactPii = createPiiRedactor({ replacement: 'mask' });
  it.each(PII_ATTACKS)(
    'the personal-data detectors finish on: %s',
    (_name, input) => {
      const result = redactPii(input);
      expect(typeof result).toBe('string');
      expect(result.length).toBeGreaterThan(0);
      expect(result.length).toBeLessThanOrEqual(input.length * 2);
    },
    BACKSTOP_MS,
  );

  const filter = new SensitiveDataFilter();
  it.each([
    ['camelCase humps', adversarial('aA'), false],
    ['a capital run ending in a small letter', adversarial('A', 'a'), false],
    ['separators and digits', adversarial('_1-'), false],
    ['a sensitive word at the end of a long key', `${adversarial('x', '')}_password`, true],
  ] as const)(
    'the key rule finishes on a 1 MB key: %s',
    (_name, key, sensitive) => {
      expect(filter.isSensitiveKey(key)).toBe(sensitive);
    },
    BACKSTOP_MS,
  );
});
