import { describe, expect, it } from 'vitest';
import { createPiiRedactor } from './create-pii-redactor';
import { redactSecrets } from './redact-secrets';

// Each input repeats the start of one pattern (the shape that makes a
// backtracking pattern quadratic or worse) up to 1 MB. The patterns are linear
// by construction; these runs prove it by finishing with the expected output
// (the test timeout is only a backstop for a regression that would hang).
const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const SECRET_SHAPES = [
  'sk-',
  'sk-a',
  'sk-ant-',
  'sk_live_',
  'AKIA',
  'ghp_',
  'github_pat_',
  'xoxb-',
  'AIza',
  'eyJa.',
  'eyJaaaaaaaaa.eyJaaaaaaaaa ',
  '-----BEGIN ',
  '-----BEGIN PRIVATE KEY-----A',
  'Bearer ',
  'Basic ',
  'a.',
  'a://',
  'a://u:',
  'password=',
  'pwd = ',
  'api_key=',
  'a_token=',
  '"apiKey":"',
  '"a_token": ',
  ' ',
];

const PII_SHAPES = [
  '1',
  '1 ',
  '1-',
  'a@',
  'a.a@',
  'a@b.',
  '1.',
  '1.1.',
  ':',
  '1:',
  'DE00 ',
  'DE00',
  '+1',
  '(555) ',
];

describe('detectors on hostile 1 MB strings', () => {
  it.each(SECRET_SHAPES)(
    'redactSecrets finishes on %j repeated',
    (unit) => {
      const text = fill(unit);
      const out = redactSecrets(text);
      // Whatever was replaced, the output is a bounded rewrite of the input.
      expect(out.length).toBeLessThanOrEqual(text.length * 4);
    },
    60_000,
  );

  const pii = createPiiRedactor();
  it.each(PII_SHAPES)(
    'the personal-data detectors finish on %j repeated',
    (unit) => {
      const text = fill(unit);
      expect(pii(text).length).toBeLessThanOrEqual(text.length * 2);
    },
    60_000,
  );
});
