import type { CorpusShape } from './corpus-case';
import { base64, digits, hex, uuid } from './corpus-values';

/** A look-alike string: it must reach the backend unchanged. */
function text(shape: string, make: () => string): CorpusShape {
  return {
    shape,
    text: true,
    make: () => {
      const value = make();
      return { value, probe: value };
    },
  };
}

/** A look-alike under a harmless key: its value must reach the backend unchanged. */
function underKey(key: string, make: () => string): CorpusShape {
  return {
    shape: `key \`${key}\``,
    text: false,
    make: () => {
      const value = make();
      return { value: { [key]: value, note: 'harmless' }, probe: value };
    },
  };
}

/** A count under a token-ish key: the number stays next to its key. */
function countUnder(key: string): CorpusShape {
  return {
    shape: `count \`${key}\``,
    text: false,
    make: () => {
      const count = Number(`9${digits(6)}`);
      return { value: { usage: { [key]: count } }, probe: new RegExp(`${key}[\\\\":= ]{1,8}${count}\\b`) };
    },
  };
}

const sha = (bytes: number, algorithm: string) => `${algorithm}-${base64(Math.ceil((bytes * 4) / 3))}`;

/** Harmless values that look like secrets, or talk about them. */
export const LOOK_ALIKE_SHAPES: readonly CorpusShape[] = [
  text('UUID', uuid),
  text('UUID in a sentence', () => `order ${uuid()} shipped`),
  text('git SHA', () => hex(40)),
  text('short git SHA in a message', () => `fixed in commit ${hex(7)} on main`),
  text('SHA-256 hex digest', () => hex(64)),
  text('MD5 hex digest', () => `md5 ${hex(32)}`),
  text('SRI integrity sha384', () => sha(48, 'sha384')),
  text('npm integrity sha512', () => `${sha(64, 'sha512')}==`),
  text('base64 image data URL', () => `data:image/png;base64,iVBORw0KGgo${base64(240)}`),
  text('W3C trace id', () => hex(32)),
  text('traceparent header value', () => `00-${hex(32)}-${hex(16)}-01`),
  text('span id', () => `span ${hex(16)}`),
  text('model name gpt', () => `gpt-4o-mini-2024-07-18 run ${digits(4)}`),
  text('model name claude', () => `claude-3-5-sonnet-20241022 variant ${digits(4)}`),
  text('model name gemini', () => `gemini-1.5-pro-002 batch ${digits(4)}`),
  text('embedding model', () => `text-embedding-3-small dims ${digits(4)}`),
  text(
    'prose about tokens',
    () => `How many tokens does prompt ${digits(5)} use? The token limit is 128k tokens.`,
  ),
  text(
    'prose about passwords',
    () => `I forgot my password for account ${digits(5)}, how do I reset the password?`,
  ),
  text('prose about API keys', () => `Rotate the API key every ${digits(2)} days and never commit secrets.`),
  text('code reading a key from env', () => `const apiKey = process.env.OPENAI_API_KEY; // ${digits(5)}`),
  text(
    'code passing a password variable',
    () => `db.connect({ password: process.env.DB_PASSWORD_${digits(3)} })`,
  ),
  text('Bearer placeholder', () => `Authorization: Bearer <YOUR_API_KEY> (example ${digits(4)})`),
  text('sk- placeholder', () => `OPENAI_API_KEY=sk-... step ${digits(4)}`),
  text('YOUR_API_KEY placeholder', () => `set api_key to YOUR_API_KEY_HERE in step ${digits(4)}`),
  text('Basic as a word', () => `The Basic plan costs ${digits(2)} dollars a month`),
  text('URL without credentials', () => `https://api.openai.com/v1/chat/completions?trace=${hex(8)}`),
  text('connection string without password', () => `postgres://localhost:5432/app_${digits(4)}`),
  text('query string without secrets', () => `https://example.com/search?q=token+limits&page=${digits(3)}`),
  text('scikit-learn near miss', () => `pip install scikit-learn sk-learn-${digits(4)} sklearn`),
  text('word AKIA in prose', () => `Access key ids start with AKIA, ours is stored in vault ${digits(4)}`),
  text('base64 of plain text', () => `SGVsbG8gd29ybGQ= ${digits(4)}`),
  text('ISO timestamp and semver', () => `2026-12-03T18:${digits(2)}:00Z v1.${digits(2)}.3`),
  text('file path to ssh dir', () => `/home/app/.ssh/known_hosts_${digits(4)}`),
  text('Chinese text', () => `密码是什么意思？请解释令牌${digits(3)}的用法。`),
  text('Arabic text', () => `ما هي كلمة المرور؟ رقم ${digits(3)}`),
  text('Japanese text', () => `トークンの数を数えてください ${digits(3)}`),
  text('Russian text', () => `Сколько токенов в этом запросе ${digits(3)}`),
  text('emoji text', () => `🔑🗝️ key party 🎉 ${digits(3)} 👩‍💻`),
  text('e-mail address (PII is opt-in)', () => `contact support${digits(3)}@example.com`),
  text('IP address (PII is opt-in)', () => `10.0.${digits(2)}.7`),
  underKey('cacheKey', () => `cache:user:${hex(16)}`),
  underKey('primaryKey', () => `pk_${hex(12)}`),
  underKey('sortKey', () => `2026#${hex(10)}`),
  underKey('idempotencyKey', uuid),
  underKey('publicKey', () => `ed25519:${hex(24)}`),
  underKey('partitionKey', () => `tenant-${hex(8)}`),
  underKey('keyId', () => `key-${digits(6)}`),
  underKey('tokenizer', () => `cl100k_base-${digits(4)}`),
  countUnder('promptTokens'),
  countUnder('completionTokens'),
  countUnder('maxTokens'),
];
