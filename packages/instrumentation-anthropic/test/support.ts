import {
  type AISpanType,
  DefaultAITracing,
  type ExportedAISpan,
  type StreamChunksMode,
} from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import Anthropic1 from '@anthropic-ai/sdk';
import Anthropic033 from 'anthropic-v0-33';
import Anthropic050 from 'anthropic-v0-50';

/** The client surface the tests use, common to every supported SDK version. */
// biome-ignore lint/suspicious/noExplicitAny: each SDK version has its own precise types; tests drive them alike.
export type AnyAnthropic = any;

/** Oldest supported, first of the fetch-based generation, newest. */
export const SDK_VERSIONS: Array<{
  name: string;
  create: (options: Record<string, unknown>) => AnyAnthropic;
}> = [
  { name: '@anthropic-ai/sdk 0.33', create: (options) => new Anthropic033(options) },
  { name: '@anthropic-ai/sdk 0.50', create: (options) => new Anthropic050(options) },
  { name: '@anthropic-ai/sdk 1.x', create: (options) => new Anthropic1(options) },
];

export const MODEL = 'claude-sonnet-4-5';

/** A tracing instance recording into memory. */
export function createTracing(
  options: { sampling?: { type: 'never' }; streamChunks?: StreamChunksMode } = {},
) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'anthropic-test',
    name: 'anthropic-test',
    exporters: [exporter],
    ...(options.sampling === undefined ? {} : { sampling: options.sampling }),
    ...(options.streamChunks === undefined ? {} : { streamChunks: options.streamChunks }),
  });
  const spans = async (): Promise<ExportedAISpan[]> => {
    await tracing.flush();
    return exporter.getFinishedSpans() as ExportedAISpan[];
  };
  return { tracing, exporter, spans };
}

/** Only the generations. */
export function generations(spans: ExportedAISpan[]): Array<ExportedAISpan<AISpanType.LLM_GENERATION>> {
  return spans.filter((span) => span.type === 'llm_generation') as Array<
    ExportedAISpan<AISpanType.LLM_GENERATION>
  >;
}

/** Only the chunk events. */
export function chunks(spans: ExportedAISpan[]): Array<ExportedAISpan<AISpanType.LLM_CHUNK>> {
  return spans.filter((span) => span.type === 'llm_chunk') as Array<ExportedAISpan<AISpanType.LLM_CHUNK>>;
}

/** Read every event of an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}
