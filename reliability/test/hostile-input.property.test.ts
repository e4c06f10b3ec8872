import { AISpanType, DefaultAITracing, type SerializationLimits } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter } from '@aitracing/exporter-otel';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLangfuse } from '../../packages/exporter-langfuse/test/fake-langfuse';
import { OtlpReceiver } from '../../packages/exporter-otel/test/otlp-receiver';
import { AppGuard } from '../src/app/app-guard';
import { checkExportedSpan, prototypeFingerprint } from '../src/hostile/exported-invariants';
import { hostileValue, withPlantedSecret } from '../src/hostile/hostile-values';
import { createSecrets } from '../src/security/secrets';

const secrets = createSecrets();
const SECRET = secrets.appSecret;
const SMALL_LIMITS: SerializationLimits = {
  maxStringLength: 200,
  maxArrayLength: 20,
  maxObjectKeys: 20,
  maxDepth: 6,
  maxDataSize: 5_000,
};
const DEFAULT_LIMITS: SerializationLimits = {
  maxStringLength: 32_768,
  maxArrayLength: 1_000,
  maxObjectKeys: 500,
  maxDepth: 12,
  maxDataSize: 1_000_000,
};

const otlp = new OtlpReceiver();
const langfuse = new FakeLangfuse(secrets.langfusePublicKey, secrets.langfuseSecretKey);
let console: string[] = [];
const logger = new RecordingLogger();
const guard = new AppGuard();
let otel: OtelExporter;
let langfuseExporter: LangfuseExporter;

function setup(limits: SerializationLimits) {
  const memory = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'hostile',
    exporters: [
      memory,
      otel,
      langfuseExporter,
      new ConsoleExporter({ stream: { write: (text: string) => console.push(text) }, format: 'json' }),
      new ConsoleExporter({
        stream: { write: (text: string) => console.push(text) },
        format: 'pretty',
        logLevel: 'debug',
      }),
    ],
    serialization: limits,
    logger,
    // The chunk stays a span (and is folded into its generation too): its hostile output goes through every exporter.
    streamChunks: 'spans',
  });
  return { memory, tracing };
}

beforeAll(async () => {
  guard.arm();
  otel = new OtelExporter({
    endpoint: await otlp.startHttp(),
    exportMode: 'immediate',
    maxQueueSize: 100_000,
  });
  langfuseExporter = new LangfuseExporter({
    publicKey: secrets.langfusePublicKey,
    secretKey: secrets.langfuseSecretKey,
    baseUrl: await langfuse.start(),
    exportMode: 'immediate',
    maxQueueSize: 100_000,
  });
});

afterAll(async () => {
  guard.disarm();
  await otel.shutdown();
  await langfuseExporter.shutdown();
  await otlp.stop();
  await langfuse.stop();
});

/** Start, update, fail and end spans carrying `data` everywhere a user can put data. */
function traceHostile(tracing: DefaultAITracing, data: unknown, other: unknown): void {
  const root = guard.call(() =>
    tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'hostile',
      input: data,
      attributes: { agentId: 'a', instructions: data as string },
      metadata: { data, other } as Record<string, unknown>,
    }),
  );
  if (root === undefined) return;
  const llm = guard.call(() =>
    root.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'llm',
      attributes: { model: data as string, provider: 'openai', parameters: data as never },
      input: other,
    }),
  );
  guard.call(() => llm?.update({ metadata: data as Record<string, unknown>, output: data }));
  guard.call(() => llm?.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: data }));
  guard.call(() => llm?.end({ output: other, attributes: { usage: data as never } }));
  const tool = guard.call(() =>
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool', input: data, metadata: other as never }),
  );
  const error = Object.assign(new Error('tool failed'), { details: data, code: other });
  guard.call(() => tool?.error({ error }));
  guard.call(() => root.end({ output: data, metadata: { other } as Record<string, unknown> }));
}

describe('hostile span data through core and every exporter', () => {
  it.each([
    ['small limits', SMALL_LIMITS, 300],
    ['default limits', DEFAULT_LIMITS, 60],
  ] as const)(
    'with %s: export never throws, limits hold, secrets are redacted at any depth, nothing is polluted',
    async (_name, limits, numRuns) => {
      const fingerprint = prototypeFingerprint();
      await fc.assert(
        fc.asyncProperty(hostileValue, withPlantedSecret(SECRET), async (noise, planted) => {
          const { memory, tracing } = setup(limits);
          console = [];
          traceHostile(tracing, planted.value, noise);
          await guard.callAsync(() => tracing.flush(10_000));
          const spans = memory.getFinishedSpans();
          expect(spans.length).toBe(4);
          for (const span of spans) expect(checkExportedSpan(span, limits)).toEqual([]);
          expect(JSON.stringify(spans)).not.toContain(SECRET);
          expect(console.join('')).not.toContain(SECRET);
          expect(guard.errors).toEqual([]);
          expect(prototypeFingerprint()).toBe(fingerprint);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns },
      );
      await otel.flush();
      await langfuseExporter.flush();
      expect(JSON.stringify(otlp.spans)).not.toContain(SECRET);
      expect(JSON.stringify(langfuse.spans)).not.toContain(SECRET);
      expect(langfuse.rejections).toEqual([]);
      expect(otel.getStats().dropped).toEqual({
        queueFull: 0,
        rejected: 0,
        retriesExhausted: 0,
        shutdown: 0,
      });
      expect(logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
      expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
    },
  );
});
