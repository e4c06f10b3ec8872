import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AITracingExporter } from '@aitracing/core';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import { FileExporter } from '@aitracing/exporter-file';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter } from '@aitracing/exporter-otel';
import { FakeDatadogAgent } from '../../../packages/exporter-datadog/test/fake-datadog-agent';
import { FakeLangfuse } from '../../../packages/exporter-langfuse/test/fake-langfuse';
import { OtlpReceiver } from '../../../packages/exporter-otel/test/otlp-receiver';
import type { SuiteSecrets } from './secrets';

/**
 * An exporter in its default configuration wired to where its payload lands
 * (a captured stream, a loopback receiver that decodes the wire format, a
 * directory), and the received payload as text, once the exporter is shut
 * down.
 */
export interface WireCapture {
  readonly name: string;
  readonly exporter: AITracingExporter;
  /** Wait until `spans` spans have arrived (after the tracing instance flushed). */
  settle(spans: number): Promise<void>;
  /** Every payload received since the last `clear()`, as text */
  payload(): Promise<string>;
  /** Forget what was received so far. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  // A backstop against hangs, not a speed limit.
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Console exporter, JSON lines, into a captured stream. */
export function captureConsole(): WireCapture {
  const lines: string[] = [];
  const exporter = new ConsoleExporter({
    format: 'json',
    stream: { write: (text: string) => lines.push(text) },
  });
  return {
    name: 'console (json)',
    exporter,
    settle: (spans) => waitUntil(() => lines.length >= spans, `${spans} console lines`),
    payload: async () => lines.join('\n'),
    clear: async () => {
      lines.length = 0;
    },
    close: async () => undefined,
  };
}

/** OTLP HTTP/protobuf to a loopback receiver that decodes it. */
export async function captureOtlp(secrets: SuiteSecrets): Promise<WireCapture> {
  const receiver = new OtlpReceiver();
  const url = await receiver.startHttp();
  const exporter = new OtelExporter({ endpoint: url, headers: { 'x-api-key': secrets.otlpHeaderValue } });
  return {
    name: 'OTLP',
    exporter,
    settle: (spans) => waitUntil(() => receiver.spans.length >= spans, `${spans} OTLP spans`),
    payload: async () => receiver.spans.map((span) => JSON.stringify(span)).join('\n'),
    clear: async () => {
      receiver.requests.length = 0;
    },
    close: () => receiver.stop(),
  };
}

/** Langfuse exporter to the fake Langfuse (OTLP endpoint, Basic auth checked). */
export async function captureLangfuse(secrets: SuiteSecrets): Promise<WireCapture> {
  const langfuse = new FakeLangfuse(secrets.langfusePublicKey, secrets.langfuseSecretKey);
  const baseUrl = await langfuse.start();
  const exporter = new LangfuseExporter({
    publicKey: secrets.langfusePublicKey,
    secretKey: secrets.langfuseSecretKey,
    baseUrl,
  });
  return {
    name: 'Langfuse',
    exporter,
    settle: (spans) => waitUntil(() => langfuse.spans.length >= spans, `${spans} Langfuse spans`),
    payload: async () => langfuse.spans.map((span) => JSON.stringify(span)).join('\n'),
    clear: async () => {
      langfuse.spans.length = 0;
    },
    close: () => langfuse.stop(),
  };
}

/** Datadog exporter (LLM Observability and APM) to the fake agent; dd-trace is initialised once per process. */
export async function captureDatadog(secrets: SuiteSecrets): Promise<WireCapture[]> {
  const agent = await FakeDatadogAgent.start();
  const exporter = new DatadogExporter({
    mode: 'both',
    mlApp: 'corpus',
    agentUrl: agent.url,
    apiKey: secrets.datadogApiKey,
  });
  const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? String(value) : value);
  const clear = async () => {
    agent.llmobsSpans.length = 0;
    agent.apmTraces.length = 0;
    agent.requests.length = 0;
  };
  return [
    {
      name: 'Datadog LLM Observability',
      exporter,
      settle: (spans) =>
        agent.waitFor(() => agent.llmobsSpans.length >= spans, 60_000, `${spans} LLMObs spans`),
      payload: async () => agent.llmobsSpans.map((span) => JSON.stringify(span)).join('\n'),
      clear,
      close: () => agent.close(),
    },
    {
      name: 'Datadog APM',
      // The same exporter: registered once, read twice.
      exporter,
      settle: (spans) => agent.waitFor(() => agent.apmSpans.length >= spans, 60_000, `${spans} APM spans`),
      payload: async () => agent.apmSpans.map((span) => JSON.stringify(span, bigints)).join('\n'),
      clear,
      close: async () => undefined,
    },
  ];
}

/** File exporter into a fresh directory; the payload is every file it wrote. */
export async function captureFile(): Promise<WireCapture> {
  const directory = await mkdtemp(join(tmpdir(), 'aitracing-corpus-'));
  const exporter = new FileExporter({ directory });
  // The exporter keeps appending to its files: `clear()` remembers the lines seen so far.
  let seen = new Set<string>();
  const lines = async () => {
    const names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
    const texts = await Promise.all(names.map((name) => readFile(join(directory, name), 'utf8')));
    return texts.flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '' && !seen.has(line));
  };
  return {
    name: 'file',
    exporter,
    settle: (spans) => waitUntil(async () => (await lines()).length >= spans, `${spans} lines in files`),
    payload: async () => (await lines()).join('\n'),
    clear: async () => {
      seen = new Set([...seen, ...(await lines())]);
    },
    close: () => rm(directory, { recursive: true, force: true }),
  };
}
