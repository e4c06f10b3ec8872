import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets';

const R = '[REDACTED]';
// Assembled at run time so that no scanner mistakes these fixtures for live keys.
const join = (...parts: string[]) => parts.join('');
const OPENAI = join('sk-', 'proj-', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
const OPENAI_LEGACY = join('sk-', 'T3BlbkFJ', 'abcdefghij0123456789AB');
const ANTHROPIC = join('sk-', 'ant-', 'api03-', 'aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0');
const AWS = join('AKIA', 'IOSFODNN7EXAMPLF');
const AWS_TEMP = join('ASIA', 'Y34FZKBOKMUTVV7A');
const GITHUB = join('ghp_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8');
const GITHUB_PAT = join('github_pat_', '11ABCDEFG0', 'abcdefghijklmnopqrstuvwxyz0123456789ABCD');
const SLACK = join('xox', 'b-', '1234567890-0987654321-AbCdEfGhIjKlMnOp');
const STRIPE = join('sk_', 'live_', '51Hc3kLm4nOp5qRs6tUv7wXy');
const STRIPE_RESTRICTED = join('rk_', 'live_', '51Hc3kLm4nOp5qRs6tUv7wXy');
const GOOGLE = join('AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q');
const JWT = join(
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ',
  '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
);
const PEM = [
  join('-----BEGIN ', 'RSA PRIVATE KEY-----'),
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  join('-----END ', 'RSA PRIVATE KEY-----'),
].join('\n');

describe('redactSecrets', () => {
  it.each([
    ['OpenAI project key', OPENAI],
    ['OpenAI legacy key', OPENAI_LEGACY],
    ['Anthropic key', ANTHROPIC],
    ['AWS access key id', AWS],
    ['AWS temporary key id', AWS_TEMP],
    ['GitHub token', GITHUB],
    ['GitHub fine-grained token', GITHUB_PAT],
    ['Slack token', SLACK],
    ['Stripe secret key', STRIPE],
    ['Stripe restricted key', STRIPE_RESTRICTED],
    ['Google API key', GOOGLE],
    ['JSON Web Token', JWT],
    ['PEM private key block', PEM],
  ])('replaces a %s inside a prompt and keeps the text around it', (_name, secret) => {
    const text = `Here is my key: ${secret} — why does the call fail?`;
    expect(redactSecrets(text)).toBe(`Here is my key: ${R} — why does the call fail?`);
  });

  it('replaces secrets inside non-Latin text', () => {
    expect(redactSecrets(`我的密钥是 ${OPENAI}，请帮我检查`)).toBe(`我的密钥是 ${R}，请帮我检查`);
    expect(redactSecrets(`Мой токен: ${GITHUB}.`)).toBe(`Мой токен: ${R}.`);
    expect(redactSecrets(`مفتاحي ${AWS} شكرا`)).toBe(`مفتاحي ${R} شكرا`);
  });

  it('keeps the scheme of Bearer and Basic credentials', () => {
    expect(redactSecrets('Authorization: Bearer abc123def456ghi789')).toBe(`Authorization: Bearer ${R}`);
    expect(redactSecrets(`curl -H "Authorization: Bearer ${OPENAI}"`)).toBe(
      `curl -H "Authorization: Bearer ${R}"`,
    );
    const basic = btoa('admin:hunter2');
    expect(redactSecrets(`Authorization: Basic ${basic}`)).toBe(`Authorization: Basic ${R}`);
  });

  it('keeps the host of a URL with userinfo', () => {
    expect(redactSecrets('postgres://app:s3cr3t@db.internal:5432/orders')).toBe(
      `postgres://${R}@db.internal:5432/orders`,
    );
    expect(redactSecrets('fetch https://user:pass@example.com/x failed')).toBe(
      `fetch https://${R}@example.com/x failed`,
    );
  });

  it('replaces a password given without a user name in a URL', () => {
    expect(redactSecrets('REDIS_URL=redis://:Zq84hTw91x@cache.internal:6379/0')).toBe(
      `REDIS_URL=redis://${R}@cache.internal:6379/0`,
    );
  });

  it('replaces the secret of a Slack webhook URL and keeps the rest', () => {
    const hook = 'https://hooks.slack.com/services/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';
    expect(redactSecrets(`posting to ${hook}`)).toBe(
      `posting to https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7H/${R}`,
    );
    // The documentation's placeholder stays.
    const example = 'https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX';
    expect(redactSecrets(example)).toBe(example);
  });

  it('replaces password= values in connection strings and credential query parameters', () => {
    expect(redactSecrets('Server=db;User Id=sa;Password=Passw0rd!;Encrypt=true')).toBe(
      `Server=db;User Id=sa;Password=${R};Encrypt=true`,
    );
    expect(redactSecrets('mysql: host=db pwd=abc user=root')).toBe(`mysql: host=db pwd=${R} user=root`);
    expect(redactSecrets('GET /v1/data?api_key=9f8e7d6c5b4a3210&page=2')).toBe(
      `GET /v1/data?api_key=${R}&page=2`,
    );
    expect(redactSecrets('https://x.blob.core.windows.net/c/f?sv=2022&sig=AbC123dEf456gHi789%3D')).toBe(
      `https://x.blob.core.windows.net/c/f?sv=2022&sig=${R}`,
    );
  });

  it('replaces credential values in JSON held in a string', () => {
    expect(redactSecrets('{"apiKey": "abcd1234efgh", "model": "gpt-4o"}')).toBe(
      `{"apiKey": "${R}", "model": "gpt-4o"}`,
    );
    expect(redactSecrets('{"client_secret":"xyz-987-abc"}')).toBe(`{"client_secret":"${R}"}`);
  });

  it.each([
    'Bearer <YOUR_API_KEY>',
    `Authorization: Bearer \${TOKEN}`,
    'Bearer authentication is described in RFC 6750',
    'Basic authentication over TLS',
    'const apiKey = process.env.OPENAI_API_KEY',
    'set OPENAI_API_KEY=sk-... in your shell',
    'sk-learn is a Python library',
    'the task-management-system-for-the-team is live',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b',
    'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
    'integrity sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
    'model gpt-4o-2024-08-06 and claude-3-5-sonnet-20241022',
    'Forgot your password? Tokens expire after one hour.',
    'https://example.com/path?page=2&sort=asc',
    'AKIA is the prefix of AWS access key ids',
    `password=<your password> and pwd=\${PWD}`,
    '{"maxTokens": "256", "cacheKey": "user:42"}',
    'Привет, мир! 你好，世界！ مرحبا بالعالم',
  ])('leaves %s alone', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('returns the same string when nothing is found', () => {
    const text = 'a plain sentence with nothing to hide';
    expect(redactSecrets(text)).toBe(text);
  });
});
