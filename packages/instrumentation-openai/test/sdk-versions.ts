import { DefaultAITracing, type StreamChunksMode } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import type OpenAI from 'openai';

/** A constructor of any supported major's client, typed as the current major's. */
export type OpenAIConstructor = new (options: ConstructorParameters<typeof OpenAI>[0]) => OpenAI;

/** One installed major of the SDK (npm aliases in devDependencies). */
export interface SdkVersion {
  readonly label: string;
  readonly supported: boolean;
  load(): Promise<OpenAIConstructor>;
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

// Oldest and newest majors are always covered; 7 needs Node >= 22 (CI's Node 24 step).
export const SDK_VERSIONS: readonly SdkVersion[] = [
  {
    label: 'openai 4',
    supported: true,
    load: async () => (await import('openai-v4')).default as unknown as OpenAIConstructor,
  },
  {
    label: 'openai 5',
    supported: true,
    load: async () => (await import('openai-v5')).default as unknown as OpenAIConstructor,
  },
  { label: 'openai 6', supported: true, load: async () => (await import('openai')).default },
  {
    label: 'openai 7',
    supported: nodeMajor >= 22,
    load: async () => (await import('openai-v7')).default as unknown as OpenAIConstructor,
  },
];

/** A tracing instance recording into memory, for one test. */
export function memoryTracing(
  sampling: 'always' | 'never' = 'always',
  streamChunks: StreamChunksMode = 'fold',
): {
  tracing: DefaultAITracing;
  exporter: InMemoryExporter;
} {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'openai-test',
    name: 'openai-test',
    exporters: [exporter],
    sampling: { type: sampling },
    streamChunks,
  });
  return { tracing, exporter };
}
