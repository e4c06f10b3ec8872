import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64URL = `${ALPHANUMERIC}-_`;
const BASE64 = `${ALPHANUMERIC}+/`;
const DIGITS = '0123456789';

/** `length` random characters of `alphabet` (fresh at every call: no secret is committed). */
export function randomOf(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const alphanumeric = (length: number) => randomOf(ALPHANUMERIC, length);
export const base64url = (length: number) => randomOf(BASE64URL, length);
export const base64 = (length: number) => randomOf(BASE64, length);
export const digits = (length: number) => randomOf(DIGITS, length);
export const hex = (length: number) =>
  randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);

/**
 * A random key body that has a digit, a capital and a small letter, as real
 * random keys of these lengths practically always do (the detectors rely on
 * it to tell keys from prose; a body without one would make the test flaky).
 */
export function keyBody(length: number): string {
  return `${randomOf('0123456789', 1)}${randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}${randomOf('abcdefghijklmnopqrstuvwxyz', 1)}${alphanumeric(length - 3)}`;
}

/** Generators of credential shapes, each with a random body and the right prefix. */
export const fakeSecret = {
  openai: () => `sk-proj-${keyBody(48)}`,
  openaiLegacy: () => `sk-${keyBody(48)}`,
  anthropic: () => `sk-ant-api03-${base64url(93)}AA`,
  awsAccessKeyId: () => `AKIA${randomOf(UPPER_DIGITS, 16)}`,
  awsSecretAccessKey: () => base64(40),
  githubClassic: () => `ghp_${keyBody(36)}`,
  githubOauth: () => `gho_${keyBody(36)}`,
  githubFineGrained: () => `github_pat_${keyBody(22)}_${keyBody(59)}`,
  slackBot: () => `xoxb-${digits(11)}-${digits(12)}-${alphanumeric(24)}`,
  slackUser: () => `xoxp-${digits(11)}-${digits(12)}-${digits(12)}-${hex(32)}`,
  stripeLive: () => `sk_live_51${keyBody(97)}`,
  stripeRestricted: () => `rk_live_51${keyBody(97)}`,
  googleApiKey: () => `AIza${base64url(35)}`,
  jwt: () =>
    `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: hex(12), iat: 1_700_000_000 }),
    ).toString('base64url')}.${base64url(43)}`,
  /** An opaque secret with no recognisable shape: only its key or context can reveal it. */
  opaque: () => `${keyBody(10)}${digits(2)}${alphanumeric(8)}`,
  password: () => `Pw${alphanumeric(12)}${digits(3)}`,
};

/** A PEM private-key block with a random body; `probe` is one line of it. */
export function pemBlock(label: string): { block: string; probe: string } {
  const lines = Array.from({ length: 6 }, () => base64(64));
  return {
    block: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`,
    probe: lines[2] ?? '',
  };
}

/** A random v4 UUID. */
export function uuid(): string {
  const h = hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
