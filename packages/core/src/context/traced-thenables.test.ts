import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import type { AnyAISpan } from '../types/tracing';
import { LazyQuery } from './lazy-query.fixture';
import { traced } from './traced';

class SdkPromise<T> extends Promise<T> {
  withResponse(): string {
    return 'raw response';
  }
}

function setup() {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
  return { exporter, tracing };
}

describe('traced() and what fn returns', () => {
  it('runs a lazy query builder once, inside the span, and records its rows', async () => {
    const { exporter, tracing } = setup();
    const query = new LazyQuery([{ id: 1 }]);
    let span: AnyAISpan | undefined;
    const rows = await traced({ type: AISpanType.TOOL_CALL, name: 'db', tracing }, (current) => {
      span = current as AnyAISpan;
      return query;
    });
    expect(rows).toEqual([{ id: 1 }]);
    expect(query.executions).toBe(1);
    expect(query.ranUnder).toBe(span);
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]?.output).toEqual([{ id: 1 }]);
  });

  it('returns a native promise subclass as the very same object, extras intact', async () => {
    const { tracing } = setup();
    const sdkPromise = SdkPromise.resolve('hello') as SdkPromise<string>;
    const returned = traced({ type: AISpanType.LLM_GENERATION, name: 'llm', tracing }, () => sdkPromise);
    expect(returned).toBe(sdkPromise);
    expect(returned.withResponse()).toBe('raw response');
    expect(await returned).toBe('hello');
  });

  it('turns a thenable whose then throws into a rejection recorded on the span', async () => {
    const { exporter, tracing } = setup();
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point of this test
      then() {
        throw new TypeError('connection lost');
      },
    };
    let returned: unknown;
    expect(() => {
      returned = traced({ type: AISpanType.TOOL_CALL, name: 'db', tracing }, () => broken);
    }).not.toThrow();
    await expect(returned).rejects.toThrow(TypeError);
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]?.errorInfo).toMatchObject({ name: 'TypeError' });
  });
});
