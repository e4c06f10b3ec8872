import { describe, expect, it } from 'vitest';
import { SensitiveDataFilter } from '../processors/sensitive-data-filter';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { AISpanType } from '../types/span-type';
import type { AISpanProcessor } from '../types/tracing';
import { DefaultAITracing } from './default-ai-tracing';
import type { TracingConstructorConfig } from './resolve-config';

function setup(config: Partial<TracingConstructorConfig> = {}) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger, ...config });
  return { exporter, logger, tracing };
}

function processor(name: string, process: AISpanProcessor['process']): AISpanProcessor {
  return { name, process, shutdown: async () => {} };
}

describe('processors', () => {
  it('redacts secrets everywhere by default, at any depth and in any key spelling, but keeps token counts', async () => {
    const { exporter, tracing } = setup();
    const llm = tracing.startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'gen',
      attributes: { model: 'gpt-4o', usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } },
      metadata: { api_key: 'sk-live-123', user: { name: 'Ann', Password: 'hunter2' } },
      input: { messages: [{ role: 'user', content: 'hi' }], headers: { Authorization: 'Bearer abc' } },
    });
    llm.end({ output: { text: 'ok', session: { refresh_token: 'r-1', accessToken: 'a-1' } } });
    await tracing.flush();
    const span = exporter.getFinishedSpans()[0]!;
    expect(span.metadata).toEqual({ api_key: '[REDACTED]', user: { name: 'Ann', Password: '[REDACTED]' } });
    expect(span.input).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      headers: { Authorization: '[REDACTED]' },
    });
    expect(span.output).toEqual({
      text: 'ok',
      session: { refresh_token: '[REDACTED]', accessToken: '[REDACTED]' },
    });
    expect(span.attributes).toMatchObject({
      model: 'gpt-4o',
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    });
    const serialized = JSON.stringify(exporter.events);
    for (const secret of ['sk-live-123', 'hunter2', 'Bearer abc', 'r-1', 'a-1']) {
      expect(serialized).not.toContain(secret);
    }
  });

  it('can be turned off or configured', async () => {
    const off = setup({ sensitiveDataFilter: false });
    off.tracing.startSpan({ type: AISpanType.GENERIC, name: 'op', metadata: { password: 'visible' } }).end();
    const partial = setup({ sensitiveDataFilter: { redactionStyle: 'partial', sensitiveFields: ['ssn'] } });
    partial.tracing
      .startSpan({ type: AISpanType.GENERIC, name: 'op', metadata: { ssn: '123-45-6789', password: 'kept' } })
      .end();
    await off.tracing.flush();
    await partial.tracing.flush();
    expect(off.tracing.getProcessors().map((p) => p.name)).toEqual(['cost-estimator']);
    expect(off.exporter.getFinishedSpans()[0]?.metadata).toEqual({ password: 'visible' });
    expect(partial.exporter.getFinishedSpans()[0]?.metadata).toEqual({ ssn: '123…789', password: 'kept' });
  });

  it('does not add a second filter when the user already configured one', () => {
    const { tracing } = setup({ processors: [new SensitiveDataFilter({ redactionStyle: 'partial' })] });
    expect(tracing.getProcessors().map((p) => p.name)).toEqual(['sensitive-data-filter', 'cost-estimator']);
  });

  it('runs processors in order, after the filter, and exports what they return', async () => {
    const order: string[] = [];
    const { exporter, tracing } = setup({
      processors: [
        processor('tag', (span) => {
          order.push('tag');
          if (span) span.metadata = { ...span.metadata, tagged: true };
          return span;
        }),
        processor('rename-output', (span) => {
          order.push('rename-output');
          if (span) span.output = `seen:${JSON.stringify(span.metadata)}`;
          return span;
        }),
      ],
    });
    tracing
      .startSpan({ type: AISpanType.GENERIC, name: 'op', metadata: { token: 't' } })
      .end({ output: 'x' });
    await tracing.flush();
    // Once for the span_started snapshot, once for span_ended: each snapshot is processed.
    expect(order).toEqual(['tag', 'rename-output', 'tag', 'rename-output']);
    expect(exporter.getFinishedSpans()[0]).toMatchObject({
      metadata: { token: '[REDACTED]', tagged: true },
      output: 'seen:{"token":"[REDACTED]","tagged":true}',
    });
  });

  it('drops a span from export when a processor returns undefined', async () => {
    const { exporter, tracing } = setup({
      processors: [processor('drop-health-checks', (span) => (span?.name === 'health' ? undefined : span))],
    });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'health' }).end();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'real' }).end();
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['real']);
  });

  it('a throwing processor is logged once and skipped, and never lets its unfiltered data out', async () => {
    const { exporter, logger, tracing } = setup({
      sensitiveDataFilter: false,
      processors: [
        processor('custom-redactor', () => {
          throw new Error('regex blew up');
        }),
      ],
    });
    for (let i = 0; i < 3; i++) {
      tracing
        .startSpan({ type: AISpanType.GENERIC, name: 'op', input: 'customer card 4111 1111 1111 1111' })
        .error({ error: new Error('card 4111 1111 1111 1111 declined') });
    }
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    expect(JSON.stringify(spans)).not.toContain('4111');
    expect(spans[0]).toMatchObject({ name: 'op', errorInfo: { message: '[REDACTED: processor failed]' } });
    expect(logger.at('error').filter((line) => line.includes('custom-redactor'))).toHaveLength(1);
  });

  it('processors never change the live span or the user objects', async () => {
    const input = { question: 'q' };
    const { exporter, tracing } = setup({
      processors: [
        processor('mutate', (span) => {
          if (span) {
            (span.input as Record<string, unknown>).question = 'changed';
            span.input = { replaced: true };
          }
          return span;
        }),
      ],
    });
    const live = tracing.startSpan({ type: AISpanType.GENERIC, name: 'op', input });
    live.end();
    await tracing.flush();
    expect(input).toEqual({ question: 'q' });
    expect(live.input).toBe(input);
    expect(exporter.getFinishedSpans()[0]?.input).toEqual({ replaced: true });
  });

  it('shuts processors down with the tracing instance', async () => {
    let shutDown = false;
    const { tracing } = setup({
      processors: [
        {
          name: 'p',
          process: (span) => span,
          shutdown: async () => {
            shutDown = true;
          },
        },
      ],
    });
    await tracing.shutdown();
    expect(shutDown).toBe(true);
  });
});
