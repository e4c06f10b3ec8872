import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';

function throwingUnder(key: string, message: string): Record<string, unknown> {
  const value: Record<string, unknown> = { visible: 'ok' };
  Object.defineProperty(value, key, {
    enumerable: true,
    get() {
      throw new Error(message);
    },
  });
  return value;
}

describe('sensitive-data filter fails closed', () => {
  it('redacts a sensitive key whose getter throws instead of exporting the error message', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    const secret = 'sk-live-0123456789abcdef';
    tracing
      .startSpan({
        type: AISpanType.GENERIC,
        name: 'span',
        input: throwingUnder('apiKey', `invalid key ${secret}`),
        metadata: {
          nested: throwingUnder('password', secret),
          other: throwingUnder('note', 'plain failure'),
        },
      })
      .end();
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    expect(JSON.stringify(span)).not.toContain(secret);
    expect(span?.input).toEqual({ visible: 'ok', apiKey: '[REDACTED]' });
    expect(span?.metadata).toEqual({
      nested: { visible: 'ok', password: '[REDACTED]' },
      other: { visible: 'ok', note: '[Unserializable: plain failure]' },
    });
  });
});
