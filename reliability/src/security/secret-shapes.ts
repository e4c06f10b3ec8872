import type { CorpusShape, ShapeInstance } from './corpus-case';
import { fakeSecret, hex, pemBlock } from './corpus-values';

type Make = () => string;

/** A string that embeds a fresh secret, e.g. a prompt with a key pasted in. */
function inText(shape: string, secret: Make, template: (secret: string) => string): CorpusShape {
  return {
    shape,
    text: true,
    make: () => {
      const value = secret();
      return { value: template(value), probe: value };
    },
  };
}

/** A structured value that holds a fresh secret. */
function inStructure(shape: string, secret: Make, build: (secret: string) => unknown): CorpusShape {
  return {
    shape,
    text: false,
    make: (): ShapeInstance => {
      const value = secret();
      return { value: build(value), probe: value };
    },
  };
}

const s = fakeSecret;
const basic = () => Buffer.from(`svc-${hex(6)}:${s.password()}`).toString('base64');

/** Secrets in every shape users paste into prompts, tool calls, headers and errors. */
export const SECRET_SHAPES: readonly CorpusShape[] = [
  // Provider keys in free text
  inText('OpenAI project key in a prompt', s.openai, (k) => `My key is ${k}, why does it fail?`),
  inText('OpenAI legacy key in a log line', s.openaiLegacy, (k) => `OPENAI_API_KEY=${k}`),
  inText('Anthropic key in text', s.anthropic, (k) => `using anthropic key ${k} for the eval run`),
  inText('AWS access key id in text', s.awsAccessKeyId, (k) => `aws configure set aws_access_key_id ${k}`),
  inText(
    'GitHub classic token in text',
    s.githubClassic,
    (k) => `git clone https://${k}@github.com/org/repo.git`,
  ),
  inText('GitHub OAuth token in text', s.githubOauth, (k) => `token: ${k}`),
  inText('GitHub fine-grained token', s.githubFineGrained, (k) => `export GH_TOKEN=${k}`),
  inText('Slack bot token', s.slackBot, (k) => `slack client created with ${k}`),
  inText('Slack user token', s.slackUser, (k) => `The user token ${k} expired`),
  inText('Stripe live secret key', s.stripeLive, (k) => `stripe.setApiKey('${k}')`),
  inText('Stripe restricted key', s.stripeRestricted, (k) => `restricted key ${k}`),
  inText(
    'Google API key in a URL',
    s.googleApiKey,
    (k) => `https://maps.googleapis.com/maps/api/geocode/json?key=${k}`,
  ),
  inText('JWT in text', s.jwt, (k) => `session cookie value: ${k}`),
  {
    shape: 'PEM private key block',
    text: true,
    make: () => {
      const pem = pemBlock('PRIVATE KEY');
      return { value: `Here is the key:\n${pem.block}\nthanks`, probe: pem.probe };
    },
  },
  {
    shape: 'PEM RSA / OpenSSH private key',
    text: true,
    make: () => {
      const pem = pemBlock(Math.random() < 0.5 ? 'RSA PRIVATE KEY' : 'OPENSSH PRIVATE KEY');
      return { value: pem.block, probe: pem.probe };
    },
  },
  // Credentials in free text and URLs
  inText(
    'Bearer credential in free text',
    s.opaque,
    (k) => `curl -H "Authorization: Bearer ${k}" https://api.example.com`,
  ),
  inText('Basic credential in free text', basic, (k) => `Authorization: Basic ${k}`),
  inText('URL userinfo', s.password, (p) => `fetching https://admin:${p}@internal.example.com/report`),
  inText('Postgres connection string', s.password, (p) => `postgres://app:${p}@db.internal:5432/orders`),
  inText('DATABASE_URL line', s.password, (p) => `DATABASE_URL=postgresql://app:${p}@localhost/app_dev`),
  inText(
    'MongoDB SRV string',
    s.password,
    (p) => `mongodb+srv://reader:${p}@cluster0.ab1cd.mongodb.net/test`,
  ),
  inText('Redis URL with password only', s.password, (p) => `redis://:${p}@cache:6379/0`),
  inText(
    'ADO.NET connection string',
    s.password,
    (p) => `Server=tcp:sql.internal,1433;User Id=sa;Password=${p};`,
  ),
  inText('password= in a query string', s.password, (p) => `GET /login?user=bob&password=${p}&next=/home`),
  inText('api_key= in a query string', s.opaque, (k) => `https://api.example.com/v1/items?api_key=${k}`),
  inText(
    'access_token= in a query string',
    s.opaque,
    (k) => `redirect to /cb#access_token=${k}&expires_in=3600`,
  ),
  inText(
    'Slack webhook URL',
    () => s.opaque() + s.opaque(),
    (k) => `https://hooks.slack.com/services/T0${hex(8).toUpperCase()}/B0${hex(8).toUpperCase()}/${k}`,
  ),
  inText('JSON string holding an apiKey', s.opaque, (k) => JSON.stringify({ apiKey: k, region: 'eu' })),
  // Headers by shape
  inStructure('cookie header', s.opaque, (k) => ({ headers: { cookie: `session=${k}; theme=dark` } })),
  inStructure('set-cookie header', s.opaque, (k) => ({
    headers: { 'set-cookie': [`sid=${k}; Path=/; HttpOnly`] },
  })),
  inStructure('Authorization header tuple', s.opaque, (k) => ({
    headers: [['Authorization', `Bearer ${k}`]],
  })),
  inStructure('x-api-key header tuple', s.opaque, (k) => [
    ['content-type', 'application/json'],
    ['x-api-key', k],
  ]),
  inStructure('Authorization header object', s.opaque, (k) => ({
    request: { headers: { Authorization: `Basic ${k}` } },
  })),
  // Sensitive keys, variants and plurals (opaque values: only the key tells)
  inStructure('key `secrets`', s.opaque, (k) => ({ secrets: { database: k } })),
  inStructure('key `tokens`', s.opaque, (k) => ({ tokens: [k] })),
  inStructure('key `passwords`', s.password, (p) => ({ passwords: [p] })),
  inStructure('key `apikeys`', s.opaque, (k) => ({ apikeys: { search: k } })),
  inStructure('key `passwd`', s.password, (p) => ({ user: 'bob', passwd: p })),
  inStructure('key `pwd`', s.password, (p) => ({ login: 'bob', pwd: p })),
  inStructure('key `auth_header`', s.opaque, (k) => ({ auth_header: `Token ${k}` })),
  inStructure(
    'key `private_key_id`',
    () => hex(40),
    (k) => ({ type: 'service_account', private_key_id: k }),
  ),
  inStructure('key `aws_access_key_id`', s.opaque, (k) => ({ aws_access_key_id: k })),
  inStructure('key `aws_secret_access_key`', s.awsSecretAccessKey, (k) => ({ aws_secret_access_key: k })),
  inStructure('key `credentials`', s.opaque, (k) => ({ credentials: { username: 'svc', secret: k } })),
  inStructure(
    'key `otp`',
    () => `${hex(4)}-${hex(4)}`,
    (k) => ({ otp: k }),
  ),
  inStructure('key `client_secret`', s.opaque, (k) => ({ client_id: 'web', client_secret: k })),
  inStructure('key `refresh_token`', s.opaque, (k) => ({ refresh_token: k })),
  inStructure('key `apiKey` (camelCase)', s.opaque, (k) => ({ config: { apiKey: k } })),
  inStructure('key `password`', s.password, (p) => ({ password: p })),
];
