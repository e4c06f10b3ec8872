import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import type { ExportedAISpan } from '../types/exported-span';
import { AISpanType } from '../types/span-type';
import type { AISpanProcessor, AnyAISpan } from '../types/tracing';
import { DefaultAITracing } from './default-ai-tracing';

function setup(processors: AISpanProcessor[] = []) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'snapshot-test', exporters: [exporter], processors });
  return { exporter, tracing };
}

async function endOne(
  tracing: DefaultAITracing,
  input: unknown,
  output: unknown,
  exporter: InMemoryExporter,
): Promise<ExportedAISpan> {
  tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'run', input }).end({ output });
  await tracing.flush();
  const span = exporter.getFinishedSpans().at(-1);
  if (span === undefined) throw new Error('no span exported');
  return span;
}

describe('span snapshots of input and output', () => {
  it('never show what the app changes after end(), even when first read after the change', async () => {
    const { exporter, tracing } = setup();
    const input = { messages: [{ role: 'user', content: 'hi' }], options: { temperature: 0.2 } };
    const output = { choices: [{ text: 'hello' }] };
    const span = await endOne(tracing, input, output, exporter);
    input.messages.push({ role: 'assistant', content: 'later' });
    input.options.temperature = 1;
    (input as Record<string, unknown>).extra = 'added';
    output.choices[0]!.text = 'changed';
    expect(span.input).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      options: { temperature: 0.2 },
    });
    expect(span.output).toEqual({ choices: [{ text: 'hello' }] });
    await tracing.shutdown();
  });

  it('give the same object on every read, and a frozen snapshot', async () => {
    const { exporter, tracing } = setup();
    const span = await endOne(tracing, [1, { a: 'b' }], { ok: true }, exporter);
    expect(span.input).toBe(span.input);
    expect(span.output).toBe(span.output);
    expect(Object.isFrozen(span)).toBe(true);
    expect(() => {
      (span as { input: unknown }).input = 'replaced';
    }).toThrow(TypeError);
    expect(span.input).toEqual([1, { a: 'b' }]);
    await tracing.shutdown();
  });

  it('are seen by spread, Object.keys, JSON.stringify and structuredClone', async () => {
    const { exporter, tracing } = setup();
    const input = { prompt: 'Where is my order?', history: [{ id: 1 }] };
    const output = ['It ships tomorrow.'];
    const span = await endOne(tracing, input, output, exporter);
    const keys = Object.keys(span);
    // In the same order as in a snapshot with plain input and output.
    expect(keys.indexOf('metadata')).toBeLessThan(keys.indexOf('input'));
    expect(keys.indexOf('input')).toBeLessThan(keys.indexOf('output'));
    expect(keys.indexOf('output')).toBeLessThan(keys.indexOf('errorInfo'));
    const spread = { ...span };
    expect(Object.getOwnPropertySymbols(spread)).toEqual([]);
    expect(spread.input).toEqual(input);
    expect(spread.output).toEqual(output);
    const parsed = JSON.parse(JSON.stringify(span)) as ExportedAISpan;
    expect(parsed.input).toEqual(input);
    expect(parsed.output).toEqual(output);
    const cloned = structuredClone(span);
    expect(cloned.input).toEqual(input);
    expect(cloned.output).toEqual(output);
    expect(cloned.id).toBe(span.id);
    await tracing.shutdown();
  });

  it('keep primitive input and output as they are', async () => {
    const { exporter, tracing } = setup();
    const span = await endOne(tracing, 'question', 42, exporter);
    expect(span.input).toBe('question');
    expect(span.output).toBe(42);
    expect(JSON.parse(JSON.stringify(span))).toMatchObject({ input: 'question', output: 42 });
    await tracing.shutdown();
  });

  it('reach processors called through process() as plain data they may change', async () => {
    const seen: unknown[] = [];
    const processor: AISpanProcessor = {
      name: 'rewrite',
      process(span: AnyAISpan) {
        seen.push(Object.getPrototypeOf(span.input));
        (span.input as { prompt: string }).prompt = 'rewritten';
        span.output = { replaced: true };
        return span;
      },
      shutdown: () => Promise.resolve(),
    };
    const { exporter, tracing } = setup([processor]);
    const input = { prompt: 'original' };
    const span = await endOne(tracing, input, { answer: 1 }, exporter);
    // Plain objects, not tapes, whichever event the snapshot was built for.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((prototype) => prototype === Object.prototype)).toBe(true);
    expect(input.prompt).toBe('original');
    expect(span.input).toEqual({ prompt: 'rewritten' });
    expect(span.output).toEqual({ replaced: true });
    await tracing.shutdown();
  });

  it('are redacted by the default filter before an exporter reads them', async () => {
    const { exporter, tracing } = setup();
    const span = await endOne(tracing, { apiKey: 'sk-live-1234567890abcdef', q: 'hi' }, undefined, exporter);
    expect((span.input as { apiKey: unknown }).apiKey).not.toBe('sk-live-1234567890abcdef');
    expect((span.input as { q: unknown }).q).toBe('hi');
    expect(span.output).toBeUndefined();
    await tracing.shutdown();
  });
});
