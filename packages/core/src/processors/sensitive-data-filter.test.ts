import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import type { SensitiveDataFilterOptions } from '../types/sensitive-data-filter-options';
import type { AnyAISpan } from '../types/tracing';
import { DEFAULT_SENSITIVE_FIELDS, SensitiveDataFilter } from './sensitive-data-filter';

const TOKEN = '[REDACTED]';

/** Only the data fields matter to the filter; the rest of the span is never touched. */
function spanWith(
  fields: Partial<Pick<AnyAISpan, 'attributes' | 'metadata' | 'input' | 'output' | 'errorInfo'>>,
) {
  return { id: 'abcdef0123456789', name: 'llm call', ...fields } as unknown as AnyAISpan;
}

function configErrorOf(options: unknown): AITracingConfigError {
  try {
    new SensitiveDataFilter(options as SensitiveDataFilterOptions);
  } catch (error) {
    if (AITracingConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('SensitiveDataFilter', () => {
  const filter = new SensitiveDataFilter();

  describe('key matching', () => {
    it('redacts sensitive keys whatever their case or separators', () => {
      const keys = [
        'password',
        'PASSWORD',
        'api_key',
        'apiKey',
        'API-KEY',
        'x-api-key',
        'apikey',
        'Authorization',
      ];
      const input = Object.fromEntries(keys.map((key) => [key, 'value']));
      expect(filter.redact(input)).toEqual(Object.fromEntries(keys.map((key) => [key, TOKEN])));
    });

    it('redacts keys that end with a sensitive word', () => {
      const keys = [
        'accessToken',
        'refresh_token',
        'openaiApiKey',
        'OPENAI_API_KEY',
        'client_secret',
        'userPassword',
        'apiKey2',
        'token_1',
      ];
      const input = Object.fromEntries(keys.map((key) => [key, 'value']));
      expect(filter.redact(input)).toEqual(Object.fromEntries(keys.map((key) => [key, TOKEN])));
    });

    it('leaves token counters and look-alike words alone', () => {
      const input = {
        promptTokens: 10,
        completionTokens: 20,
        totalTokens: 30,
        maxTokens: 100,
        maxOutputTokens: 100,
        promptCacheHitTokens: 5,
        tokenCount: 3,
        monkey: 'banana',
        keyboard: 'qwerty',
        author: 'Ada',
        keys: ['a', 'b'],
      };
      expect(filter.redact(input)).toEqual(input);
    });

    it('keeps LLM usage and parameters while redacting the key next to them', () => {
      const attributes = {
        model: 'gpt-4o',
        usage: { promptTokens: 12, completionTokens: 34, totalTokens: 46 },
        parameters: { maxOutputTokens: 256, temperature: 0.2 },
        apiKey: 'sk-live',
      };
      const result = filter.redact(attributes) as typeof attributes;
      expect(result).toEqual({ ...attributes, apiKey: TOKEN });
      expect(result.usage).toEqual(attributes.usage);
      expect(result.parameters).toEqual(attributes.parameters);
    });

    it('uses custom fields instead of the defaults, normalised the same way', () => {
      const custom = new SensitiveDataFilter({ sensitiveFields: ['Session_ID', 'email'] });
      expect(
        custom.redact({ sessionId: 's1', userSessionId: 's2', EMAIL: 'a@b.c', password: 'kept' }),
      ).toEqual({
        sessionId: TOKEN,
        userSessionId: TOKEN,
        EMAIL: TOKEN,
        password: 'kept',
      });
    });

    it('exposes the default field list', () => {
      expect(DEFAULT_SENSITIVE_FIELDS).toContain('apikey');
      expect(DEFAULT_SENSITIVE_FIELDS).toHaveLength(23);
      expect(Object.isFrozen(DEFAULT_SENSITIVE_FIELDS)).toBe(true);
    });
  });

  describe('redact', () => {
    it('redacts nested objects and arrays at any depth', () => {
      const input = {
        messages: [{ role: 'user', content: 'hi', meta: { headers: { authorization: 'Bearer abc' } } }],
        config: { providers: [{ name: 'openai', credential: { id: 1 } }] },
      };
      expect(filter.redact(input)).toEqual({
        messages: [{ role: 'user', content: 'hi', meta: { headers: { authorization: TOKEN } } }],
        config: { providers: [{ name: 'openai', credential: TOKEN }] },
      });
    });

    it('replaces non-string values under a sensitive key and leaves null alone', () => {
      expect(filter.redact({ token: 12345, auth: { user: 'bob' }, secret: null })).toEqual({
        token: TOKEN,
        auth: TOKEN,
        secret: null,
      });
    });

    it('returns a copy, made by the serialisation walk, whether or not anything was redacted', () => {
      const untouched = { deep: { list: [1, 2, 3] } };
      const input = { untouched, changed: { password: 'hunter2', name: 'x' } };
      expect(filter.redact(untouched)).toEqual(untouched);
      expect(filter.redact(untouched)).not.toBe(untouched);
      const result = filter.redact(input) as typeof input;
      expect(result).not.toBe(input);
      expect(result.untouched).toEqual(untouched);
      expect(result.changed).toEqual({ password: TOKEN, name: 'x' });
    });

    it('never mutates its input', () => {
      const input = { list: [{ apiKey: 'k1' }, { fine: true }], nested: { secret: 's' } };
      const before = structuredClone(input);
      filter.redact(input);
      expect(input).toEqual(before);
    });

    it('uses a custom redaction token', () => {
      expect(new SensitiveDataFilter({ redactionToken: '***' }).redact({ password: 'p' })).toEqual({
        password: '***',
      });
    });

    it('shows the first and last three characters in partial style', () => {
      const partial = new SensitiveDataFilter({ redactionStyle: 'partial' });
      expect(partial.redact({ apiKey: 'sk-abcdef123456', password: '123456', secret: 42 })).toEqual({
        apiKey: 'sk-…456',
        password: TOKEN,
        secret: TOKEN,
      });
      expect(partial.redact({ token: 'ab😀cdef😀' })).toEqual({ token: 'ab…f😀' });
    });

    it('redacts string keys of a Map and walks its values (a Map becomes a plain object, as exported)', () => {
      const input = new Map<unknown, unknown>([
        ['apiKey', 'sk-1'],
        ['settings', { password: 'p' }],
        [42, 'kept'],
      ]);
      const result = filter.redact(input);
      expect(result).toEqual({ apiKey: TOKEN, settings: { password: TOKEN }, '42': 'kept' });
      expect(input.get('apiKey')).toBe('sk-1');
      const clean = new Map([['model', 'gpt-4o']]);
      expect(filter.redact(clean)).toEqual({ model: 'gpt-4o' });
    });

    it('walks Sets, class instances and errors (copied as plain data, as exported)', () => {
      class Client {
        constructor(
          readonly apiKey: string,
          readonly baseURL: string,
        ) {}
      }
      const client = new Client('sk-1', 'https://api.example.com');
      const result = filter.redact({ client, set: new Set([{ secret: 's' }]) }) as {
        client: unknown;
        set: unknown[];
      };
      expect(result.client).toEqual({ apiKey: TOKEN, baseURL: 'https://api.example.com' });
      expect(result.set).toEqual([{ secret: TOKEN }]);
      expect(client.apiKey).toBe('sk-1');

      const error = Object.assign(new Error('request failed'), { headers: { authorization: 'Bearer t' } });
      const redactedError = filter.redact(error) as Record<string, unknown>;
      expect(redactedError.name).toBe('Error');
      expect(redactedError.message).toBe('request failed');
      expect(JSON.stringify(redactedError)).not.toContain('Bearer t');
    });

    it('handles cycles without leaking through the back reference', () => {
      const parent: Record<string, unknown> = { name: 'root', password: 'p' };
      parent.child = { parent };
      const result = filter.redact(parent) as {
        password: string;
        child: { parent: unknown };
      };
      expect(result.password).toBe(TOKEN);
      expect(result.child.parent).toBe('[Circular]');
      expect(parent.password).toBe('p');

      const list: unknown[] = [{ token: 't' }];
      list.push(list);
      const redactedList = filter.redact(list) as unknown[];
      expect(redactedList[0]).toEqual({ token: TOKEN });
      expect(redactedList[1]).toBe('[Circular]');

      const clean: Record<string, unknown> = { name: 'loop' };
      clean.self = clean;
      expect(filter.redact(clean)).toEqual({ name: 'loop', self: '[Circular]' });
    });

    it('replaces values nested beyond 64 levels instead of passing them through', () => {
      let deep: Record<string, unknown> = { password: 'p' };
      for (let index = 0; index < 100; index++) deep = { next: deep };
      const json = JSON.stringify(filter.redact(deep));
      expect(json).toContain('[Object]');
      expect(json).not.toContain('password');
    });

    it('keeps the __proto__ key as data without polluting prototypes', () => {
      const hostile = JSON.parse('{"__proto__":{"polluted":1,"token":"t"},"token":"t"}');
      const result = filter.redact(hostile) as Record<string, unknown>;
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(JSON.stringify(result)).toBe(
        '{"__proto__":{"polluted":1,"token":"[REDACTED]"},"token":"[REDACTED]"}',
      );
    });

    it('fails closed on a throwing getter and keeps the other fields', () => {
      const input = {
        model: 'gpt-4o',
        get nested(): never {
          throw new Error('boom');
        },
      };
      expect(filter.redact(input)).toEqual({ model: 'gpt-4o', nested: '[Unserializable: boom]' });
      const secret = {
        get apiKey(): never {
          throw new Error('bad key sk-live-1');
        },
      };
      expect(filter.redact(secret)).toEqual({ apiKey: TOKEN });
    });

    it('fails closed on a Proxy whose traps throw', () => {
      const hostile = new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('boom');
          },
        },
      );
      expect(filter.redact({ ok: 1, hostile })).toEqual({ ok: 1, hostile: '[Unserializable: boom]' });
      expect(filter.redact(hostile)).toBe('[Unserializable: boom]');
    });

    it('returns primitives as they are', () => {
      expect(filter.redact('password')).toBe('password');
      expect(filter.redact(undefined)).toBeUndefined();
      expect(filter.redact(null)).toBeNull();
    });
  });

  describe('process', () => {
    it('redacts attributes, metadata, input, output and error info and returns the same span', () => {
      const span = spanWith({
        attributes: { model: 'gpt-4o', usage: { promptTokens: 3, totalTokens: 5 } },
        metadata: { userId: 'u1', sessionToken: 'abc' },
        input: { messages: [{ role: 'user', content: 'hi' }], apiKey: 'sk-1' },
        output: [{ text: 'ok', auth: { bearer: 'x' } }],
        errorInfo: { message: 'failed', details: { headers: { Authorization: 'Bearer t' } } },
      });
      const attributes = span.attributes;
      expect(filter.process(span)).toBe(span);
      expect(span.attributes).toEqual(attributes);
      expect(span.metadata).toEqual({ userId: 'u1', sessionToken: TOKEN });
      expect(span.input).toEqual({ messages: [{ role: 'user', content: 'hi' }], apiKey: TOKEN });
      expect(span.output).toEqual([{ text: 'ok', auth: TOKEN }]);
      expect(span.errorInfo).toEqual({ message: 'failed', details: { headers: { Authorization: TOKEN } } });
    });

    it('passes undefined through and adds no fields to a span without data', () => {
      expect(filter.process(undefined)).toBeUndefined();
      const span = spanWith({});
      filter.process(span);
      expect(Object.keys(span)).toEqual(['id', 'name']);
    });

    it('never throws, dropping a span whose data cannot be replaced', () => {
      const span = Object.freeze(spanWith({ metadata: { password: 'p' } }));
      expect(() => filter.process(span)).not.toThrow();
      expect(filter.process(span)).toBeUndefined();
    });

    it('has a name and a shutdown that resolves at once', async () => {
      expect(filter.name).toBe('sensitive-data-filter');
      await expect(filter.shutdown()).resolves.toBeUndefined();
    });
  });

  describe('configuration', () => {
    it('rejects sensitiveFields that is not an array of field names', () => {
      expect(configErrorOf({ sensitiveFields: 'password' })).toMatchObject({
        field: 'sensitiveDataFilter.sensitiveFields',
        message: expect.stringContaining("must be an array of field names (strings), got 'password'"),
      });
      expect(configErrorOf({ sensitiveFields: ['ok', 7] }).field).toBe(
        'sensitiveDataFilter.sensitiveFields[1]',
      );
      expect(configErrorOf({ sensitiveFields: ['--'] }).field).toBe('sensitiveDataFilter.sensitiveFields[0]');
    });

    it('rejects a redaction token that is not a string', () => {
      expect(configErrorOf({ redactionToken: 42 })).toMatchObject({
        field: 'sensitiveDataFilter.redactionToken',
        message: expect.stringContaining('must be a string, got 42'),
      });
    });

    it('rejects an unknown redaction style, listing the allowed ones', () => {
      expect(configErrorOf({ redactionStyle: 'hash' })).toMatchObject({
        field: 'sensitiveDataFilter.redactionStyle',
        message: expect.stringContaining("must be 'full' or 'partial', got 'hash'"),
      });
    });

    it('rejects options that are not an object', () => {
      expect(configErrorOf('full').field).toBe('sensitiveDataFilter');
    });
  });
});
