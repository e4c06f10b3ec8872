import { randomBytes } from 'node:crypto';

/** The credentials every exporter is configured with in the suite, and secrets the app puts in its spans. */
export interface SuiteSecrets {
  readonly langfusePublicKey: string;
  readonly langfuseSecretKey: string;
  /** `Basic base64(public:secret)` as sent to Langfuse */
  readonly langfuseBasicAuth: string;
  readonly datadogApiKey: string;
  /** Value of an OTLP auth header (`x-api-key`) */
  readonly otlpHeaderValue: string;
  /** A secret the app puts in span data under sensitive keys (must be redacted) */
  readonly appSecret: string;
}

/** Fresh secrets with recognisable, unique values. */
export function createSecrets(): SuiteSecrets {
  const token = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
  const langfusePublicKey = token('pk-lf-rel-');
  const langfuseSecretKey = token('sk-lf-rel-');
  return {
    langfusePublicKey,
    langfuseSecretKey,
    langfuseBasicAuth: Buffer.from(`${langfusePublicKey}:${langfuseSecretKey}`).toString('base64'),
    datadogApiKey: token('ddapikey'),
    otlpHeaderValue: token('otlp-key-'),
    appSecret: token('app-secret-'),
  };
}

/** Every secret value, for scanning. */
export function secretValues(secrets: SuiteSecrets): string[] {
  return Object.values(secrets);
}

/**
 * Where a secret turned up: `[]` when `texts` contain none. Headers are not
 * scanned (they are where credentials belong); everything else is.
 */
export function findSecrets(texts: Iterable<string>, secrets: readonly string[], where: string): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret)) found.push(`${where}: ${secret.slice(0, 8)}… in ${text.slice(0, 120)}`);
    }
  }
  return found;
}
