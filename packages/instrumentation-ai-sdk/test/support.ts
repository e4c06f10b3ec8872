import {
  type AITracing,
  DefaultAITracing,
  type ExportedAISpan,
  type LLMGenerationAttributes,
} from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';

/** A tracing instance exporting to memory. */
export function memoryTracing(options: { sampled?: boolean } = {}): {
  tracing: AITracing;
  exporter: InMemoryExporter;
  spans: () => Promise<ExportedAISpan[]>;
} {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'ai-sdk-test',
    name: 'ai-sdk-test',
    exporters: [exporter],
    sampling: options.sampled === false ? { type: 'never' } : { type: 'always' },
  });
  return {
    tracing,
    exporter,
    spans: async () => {
      await tracing.flush();
      return exporter.getFinishedSpans();
    },
  };
}

/** The finished span named `name` (exactly one expected). */
export function spanNamed(spans: ExportedAISpan[], name: string): ExportedAISpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1)
    throw new Error(`expected one span "${name}", found ${found.length}: ${spans.map((s) => s.name)}`);
  return found[0] as ExportedAISpan;
}

/** Child span names of `parent`, in start order. */
export function childNames(spans: ExportedAISpan[], parent: ExportedAISpan): string[] {
  return spans
    .filter((span) => span.parentSpanId === parent.id)
    .sort((a, b) => a.startTime - b.startTime)
    .map((span) => span.name);
}

/** Read a stream (or async iterable) to the end. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The LLM generation attributes of a span. */
export function generationOf(span: ExportedAISpan | undefined): LLMGenerationAttributes {
  return (span?.attributes ?? {}) as LLMGenerationAttributes;
}
