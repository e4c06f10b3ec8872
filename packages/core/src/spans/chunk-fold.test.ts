import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import type { StreamChunksMode } from '../types/tracing';
import { MAX_CHUNK_EVENTS } from './chunk-fold';

function setup(streamChunks?: StreamChunksMode) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'svc',
    exporters: [exporter],
    ...(streamChunks === undefined ? {} : { streamChunks }),
  });
  return { exporter, tracing };
}

function streamThreeChunks(tracing: DefaultAITracing, attributes: Record<string, unknown> = {}) {
  const agent = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support',
    attributes: { agentId: 'a' },
  });
  const generation = agent.createChildSpan({
    type: AISpanType.LLM_GENERATION,
    name: 'llm',
    attributes: { model: 'gpt-4o', streaming: true, ...attributes },
  });
  for (const [index, text] of ['Hel', 'lo', '!'].entries()) {
    generation.createEventSpan({
      type: AISpanType.LLM_CHUNK,
      name: 'chunk',
      attributes: { chunkType: 'text-delta', sequenceNumber: index },
      output: text,
    });
  }
  generation.end({ output: 'Hello!' });
  agent.end();
  return { agent, generation };
}

describe('streamed chunk fold', () => {
  it('exports no chunk span by default: the generation carries the chunk count and first-chunk time', async () => {
    const { exporter, tracing } = setup();
    const { generation } = streamThreeChunks(tracing);
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.type)).toEqual([AISpanType.LLM_GENERATION, AISpanType.AGENT_RUN]);
    const exported = spans[0]!;
    expect(exported.id).toBe(generation.id);
    const attributes = exported.attributes as Record<string, unknown>;
    expect(attributes.chunkCount).toBe(3);
    expect(attributes.completionStartTime).toBeGreaterThanOrEqual(exported.startTime);
    expect(attributes.completionStartTime).toBeLessThanOrEqual(exported.endTime!);
    expect(exported.events).toBeUndefined();
    expect(exported.output).toBe('Hello!');
  });

  it("keeps the instrumentation's own completion start time", async () => {
    const { exporter, tracing } = setup();
    streamThreeChunks(tracing, { completionStartTime: 1_000 });
    await tracing.flush();
    const attributes = exporter.getFinishedSpans()[0]!.attributes as Record<string, unknown>;
    expect(attributes.completionStartTime).toBe(1_000);
    expect(attributes.chunkCount).toBe(3);
  });

  it("records each chunk as an event of its generation with 'events', without its content", async () => {
    const { exporter, tracing } = setup('events');
    streamThreeChunks(tracing);
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    const events = spans[0]!.events!;
    expect(events.map((event) => event.attributes)).toEqual([
      { chunkType: 'text-delta', sequenceNumber: 0 },
      { chunkType: 'text-delta', sequenceNumber: 1 },
      { chunkType: 'text-delta', sequenceNumber: 2 },
    ]);
    expect(events.every((event) => event.name === 'chunk' && event.time >= spans[0]!.startTime)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Hel');
  });

  it('keeps at most MAX_CHUNK_EVENTS events and still counts every chunk', async () => {
    const { exporter, tracing } = setup('events');
    const generation = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
    for (let index = 0; index < MAX_CHUNK_EVENTS + 5; index++) {
      generation.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
    }
    generation.end();
    await tracing.flush();
    const exported = exporter.getFinishedSpans()[0]!;
    expect(exported.events).toHaveLength(MAX_CHUNK_EVENTS);
    expect((exported.attributes as Record<string, unknown>).chunkCount).toBe(MAX_CHUNK_EVENTS + 5);
  });

  it("exports chunks as spans too with 'spans'", async () => {
    const { exporter, tracing } = setup('spans');
    const { generation } = streamThreeChunks(tracing);
    await tracing.flush();
    const chunks = exporter.getFinishedSpans().filter((span) => span.type === AISpanType.LLM_CHUNK);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((chunk) => chunk.parentSpanId === generation.id)).toBe(true);
    const exported = exporter.getFinishedSpans().find((span) => span.id === generation.id)!;
    expect((exported.attributes as Record<string, unknown>).chunkCount).toBe(3);
  });

  it('exports a chunk that ends after its generation as a span rather than losing it', async () => {
    const { exporter, tracing } = setup();
    const generation = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
    const chunk = generation.createChildSpan({ type: AISpanType.LLM_CHUNK, name: 'late' });
    generation.end();
    chunk.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['llm', 'late']);
    expect(
      exporter.events.filter((event) => 'exportedSpan' in event && event.exportedSpan.name === 'late'),
    ).toHaveLength(1);
  });

  it('exports chunks outside a generation as spans, as before', async () => {
    const { exporter, tracing } = setup();
    const root = tracing.startSpan({ type: AISpanType.GENERIC, name: 'root' });
    root.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'orphan' });
    root.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['orphan', 'root']);
  });

  it('never throws into the app for a chunk it cannot fold, and exports it as a span instead', async () => {
    const { exporter, tracing } = setup('events');
    const generation = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
    const hostile = {
      get chunkType(): string {
        throw new Error('getter says no');
      },
    };
    expect(() =>
      generation.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', attributes: hostile }),
    ).not.toThrow();
    generation.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.type)).toEqual([
      AISpanType.LLM_CHUNK,
      AISpanType.LLM_GENERATION,
    ]);
  });

  it('rejects an unknown mode at construction, naming the field', () => {
    expect(
      () => new DefaultAITracing({ serviceName: 'svc', streamChunks: 'drop' as unknown as StreamChunksMode }),
    ).toThrow(AITracingConfigError);
    expect(
      () => new DefaultAITracing({ serviceName: 'svc', streamChunks: 'drop' as unknown as StreamChunksMode }),
    ).toThrow(/streamChunks/);
  });
});
