import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { TracingConstructorConfig } from '../tracing/resolve-config';
import type { ExportedAISpan } from '../types/exported-span';
import { AISpanType } from '../types/span-type';

const R = '[REDACTED]';
const OPENAI = ['sk-', 'proj-', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'].join('');
const GITHUB = ['ghp_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');

async function exportOne(
  exporters: InMemoryExporter[],
  span: {
    input?: unknown;
    output?: unknown;
    metadata?: Record<string, unknown>;
    attributes?: unknown;
    error?: Error;
  },
  config: Partial<TracingConstructorConfig> = {},
): Promise<ExportedAISpan[]> {
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters,
    logger: new RecordingLogger(),
    ...config,
  });
  const live = tracing.startSpan({
    type: AISpanType.GENERIC,
    name: 'op',
    input: span.input,
    metadata: span.metadata,
    attributes: span.attributes as never,
  });
  if (span.error) live.error({ error: span.error });
  else live.end({ output: span.output });
  await tracing.shutdown();
  return exporters.map((exporter) => exporter.getFinishedSpans()[0]!);
}

describe('default redaction in exported spans', () => {
  it('replaces secrets inside prompts, tool results and error messages, keeping the text', async () => {
    const [span] = await exportOne([new InMemoryExporter()], {
      input: { messages: [{ role: 'user', content: `my key is ${OPENAI}, why 401?` }] },
      metadata: { toolResult: `cloned with https://bot:${GITHUB}@github.com/acme/app.git` },
      error: new Error(`request failed: Authorization: Bearer ${OPENAI}`),
    });
    expect(span?.input).toEqual({ messages: [{ role: 'user', content: `my key is ${R}, why 401?` }] });
    expect(span?.metadata).toEqual({ toolResult: `cloned with https://${R}@github.com/acme/app.git` });
    expect(span?.errorInfo?.message).toBe(`request failed: Authorization: Bearer ${R}`);
  });

  it('redacts header tuples and cookies by shape, and plural and variant keys', async () => {
    const [span] = await exportOne([new InMemoryExporter()], {
      input: {
        headers: [
          ['Authorization', 'token-without-a-known-shape'],
          ['Content-Type', 'application/json'],
        ],
        cookie: 'session=abc',
        'set-cookie': ['id=1; HttpOnly'],
        secrets: ['a', 'b'],
        apiKeys: ['k1'],
        passwd: 'x',
        auth_header: 'y',
        private_key_id: 'z',
        aws_access_key_id: 'w',
        credentials: { user: 'u' },
        otp: '123456',
      },
    });
    expect(span?.input).toEqual({
      headers: [
        ['Authorization', R],
        ['Content-Type', 'application/json'],
      ],
      cookie: R,
      'set-cookie': R,
      secrets: R,
      apiKeys: R,
      passwd: R,
      auth_header: R,
      private_key_id: R,
      aws_access_key_id: R,
      credentials: R,
      otp: R,
    });
  });

  it('leaves harmless keys and token counts alone', async () => {
    const input = {
      cacheKey: 'user:42',
      primaryKey: 'id',
      sortKey: 'createdAt',
      idempotencyKey: 'req-1',
      publicKey: 'pk_test_123',
      keyId: 'k-1',
      promptTokens: 10,
      maxTokens: 256,
      inputTokens: 3,
      nextPageToken: 'abc',
      code: 'const apiKey = process.env.OPENAI_API_KEY',
      doc: 'Authorization: Bearer <YOUR_API_KEY>',
    };
    const [span] = await exportOne([new InMemoryExporter()], { input });
    expect(span?.input).toEqual(input);
  });

  it('masks personal data only when asked', async () => {
    const input = { text: 'mail ada@example.org or call +44 20 7946 0958' };
    const [plain] = await exportOne([new InMemoryExporter()], { input });
    expect(plain?.input).toEqual(input);
    const { SensitiveDataFilter } = await import('../processors/sensitive-data-filter');
    const [masked] = await exportOne(
      [new InMemoryExporter()],
      { input },
      {
        processors: [new SensitiveDataFilter({ pii: {} })],
        sensitiveDataFilter: false,
      },
    );
    expect(masked?.input).toEqual({ text: 'mail <email> or call <phone>' });
  });
});

describe('per-exporter redaction policy', () => {
  const input = { prompt: 'mail ada@example.org', key: 'plain' };

  it('sends the full span to one exporter and a content-free one to another', async () => {
    const full = new InMemoryExporter();
    const noContent = new InMemoryExporter({ redaction: 'content' });
    const pii = new InMemoryExporter({ redaction: 'pii' });
    const [a, b, c] = await exportOne([full, noContent, pii], {
      input,
      output: 'reply to ada@example.org',
      attributes: { messages: ['hi'], model: 'gpt-4o' },
    });
    expect(a?.input).toEqual({ prompt: 'mail ada@example.org', key: R });
    expect(a?.output).toBe('reply to ada@example.org');
    expect(b?.input).toBeUndefined();
    expect(b?.output).toBeUndefined();
    expect(b?.attributes).toEqual({ model: 'gpt-4o' });
    expect(c?.input).toEqual({ prompt: 'mail <email>', key: R });
    expect(c?.output).toBe('reply to <email>');
    expect(a?.id).toBe(b?.id);
  });

  it('runs a policy function once per span however many exporters share it', async () => {
    let calls = 0;
    const policy = (span: ExportedAISpan): ExportedAISpan => {
      calls++;
      return { ...span, metadata: { tagged: true } };
    };
    const spans = await exportOne(
      [new InMemoryExporter({ redaction: policy }), new InMemoryExporter({ redaction: policy })],
      { input, metadata: { a: 1 } },
    );
    // span_started and span_ended: one call each.
    expect(calls).toBe(2);
    expect(spans.map((span) => span.metadata)).toEqual([{ tagged: true }, { tagged: true }]);
  });

  it('fails closed when a policy function throws', async () => {
    const [span] = await exportOne(
      [
        new InMemoryExporter({
          redaction: () => {
            throw new Error('boom');
          },
        }),
      ],
      { input, metadata: { a: 1 } },
    );
    expect(span?.name).toBe('op');
    expect(span?.input).toBeUndefined();
    expect(span?.metadata).toBeUndefined();
  });

  it('rejects an unknown policy at construction, naming the field', () => {
    const exporter = new InMemoryExporter({ redaction: 'everything' as 'pii' });
    expect(() => new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] })).toThrow(
      AITracingConfigError,
    );
    expect(() => new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] })).toThrow(
      /exporters\[0\]\.redaction/,
    );
  });
});
