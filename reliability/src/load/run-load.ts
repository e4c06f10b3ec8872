import '../../../packages/exporter-datadog/test/dd-env';
import { format } from 'node:util';
import { Observability, RuntimeContext } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { ConsoleExporter } from '@aitracing/exporter-console';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { OtelExporter } from '@aitracing/exporter-otel';
import { AppGuard } from '../app/app-guard';
import { collectGarbage } from '../app/heap-sampler';
import { LatencyHistogram } from '../app/latency-histogram';
import { runTrace } from '../app/workload';
import { findSecrets, type SuiteSecrets, secretValues } from '../security/secrets';
import { CountingReceivers } from './counting-receivers';
import { HeapTrend } from './heap-trend';

/** How the load run is shaped. */
export interface LoadOptions {
  readonly durationMs: number;
  /** Concurrent simulated agents */
  readonly agents: number;
  /** Spans per trace, drawn uniformly */
  readonly minSpans: number;
  readonly maxSpans: number;
  /** Simulated work before each span (LLM or tool latency), drawn uniformly */
  readonly minPauseMs: number;
  readonly maxPauseMs: number;
  /** Heap samples before this are warm-up and not judged */
  readonly warmupMs: number;
  readonly heapSampleEveryMs: number;
  /** Longest wait for the receivers to get everything after the agents stop */
  readonly drainTimeoutMs: number;
  readonly onProgress?: (message: string) => void;
}

/** Environments the selector routes, one exporter each. */
export const ENVIRONMENTS = {
  production: 'otel',
  staging: 'langfuse',
  'eu-production': 'datadog',
  development: 'console',
} as const;
type Environment = keyof typeof ENVIRONMENTS;
const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as Environment[];

/** Per exporter: spans the app ended for it, spans its receiver got. */
export interface LoadExporterResult {
  readonly environment: Environment;
  readonly exporter: string;
  readonly sent: number;
  readonly received: number;
  readonly detail?: string;
  readonly stats: unknown;
}

export interface LoadResult {
  readonly durationMs: number;
  readonly agents: number;
  readonly traces: number;
  readonly spans: number;
  readonly exporters: readonly LoadExporterResult[];
  /** App-side time of a span's start and end calls */
  readonly latencyNs: {
    readonly p50: number;
    readonly p99: number;
    readonly p999: number;
    readonly max: number;
    readonly mean: number;
  };
  readonly heap: {
    readonly samples: number;
    readonly afterWarmupMb: number;
    readonly endMb: number;
    readonly maxMb: number;
    readonly growthMb: number;
    readonly slopeMbPerMinute: number;
  };
  readonly appErrors: readonly string[];
  readonly logLines: readonly string[];
  readonly secretLeaks: readonly string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/**
 * Many concurrent simulated agents tracing through one `Observability`
 * whose selector routes each environment to one of the four exporters, all
 * against healthy loopback receivers. Measures the app-side cost of each
 * span, heap after warm-up (sampled after a full GC), and whether every span
 * arrived.
 */
export async function runLoad(options: LoadOptions, secrets: SuiteSecrets): Promise<LoadResult> {
  const progress = options.onProgress ?? (() => {});
  const receivers = new CountingReceivers(
    secrets.langfusePublicKey,
    secrets.langfuseSecretKey,
    secretValues(secrets),
  );
  const urls = await receivers.start();
  const logger = new RecordingLogger();
  const guard = new AppGuard().arm();
  const otel = new OtelExporter({ endpoint: urls.otlp, headers: { 'x-api-key': secrets.otlpHeaderValue } });
  const langfuse = new LangfuseExporter({
    publicKey: secrets.langfusePublicKey,
    secretKey: secrets.langfuseSecretKey,
    baseUrl: urls.langfuse,
  });
  const datadog = new DatadogExporter({
    mode: 'both',
    mlApp: 'reliability-load',
    env: 'reliability',
    agentUrl: urls.datadog,
    apiKey: secrets.datadogApiKey,
  });
  const consoleExporter = new ConsoleExporter({ stream: receivers.console, format: 'json' });
  const exporterOf: Record<Environment, object> = {
    production: otel,
    staging: langfuse,
    'eu-production': datadog,
    development: consoleExporter,
  };
  const observability = new Observability({
    logger,
    configs: Object.fromEntries(
      ENVIRONMENT_NAMES.map((environment) => [
        environment,
        { serviceName: 'reliability-load', exporters: [exporterOf[environment]] },
      ]),
    ) as never,
    configSelector: (selectorOptions) =>
      selectorOptions.runtimeContext?.get('environment') as string | undefined,
  });

  const sent: Record<Environment, number> = { production: 0, staging: 0, 'eu-production': 0, development: 0 };
  const latency = new LatencyHistogram();
  const heap = new HeapTrend();
  const started = Date.now();
  const deadline = started + options.durationMs;
  let traces = 0;
  let nextHeapSample = started + options.warmupMs;

  const heapTimer = setInterval(() => {
    const now = Date.now();
    if (now < nextHeapSample || now > deadline) return;
    nextHeapSample = now + options.heapSampleEveryMs;
    receivers.drain();
    collectGarbage();
    heap.add(now - started, process.memoryUsage().heapUsed);
    progress(
      `load: ${Math.round((now - started) / 1000)} s, ${traces} traces, heap ${heap.lastMb.toFixed(1)} MB, ` +
        `p99 ${(latency.percentileNs(0.99) / 1000).toFixed(1)} µs/span`,
    );
  }, 250);
  heapTimer.unref();

  const agent = async (index: number) => {
    const environment = ENVIRONMENT_NAMES[index % ENVIRONMENT_NAMES.length]!;
    const runtimeContext = new RuntimeContext([['environment', environment]]);
    while (Date.now() < deadline) {
      const result = await runTrace(observability, {
        spans: between(options.minSpans, options.maxSpans),
        secret: secrets.appSecret,
        runtimeContext,
        guard,
        latency,
        label: environment,
        // A run that is under way at the deadline finishes at its own pace: finishing every run at
        // once would end the load with a burst of thousands of spans in one tick.
        pause: () => sleep(between(options.minPauseMs, options.maxPauseMs)),
      });
      sent[environment] += result.spans;
      traces++;
    }
  };
  await Promise.all(Array.from({ length: options.agents }, (_, index) => agent(index)));
  clearInterval(heapTimer);
  const durationMs = Date.now() - started;
  const total = () => sent.production + sent.staging + sent['eu-production'] + sent.development;
  progress(`load: agents stopped after ${Math.round(durationMs / 1000)} s, ${total()} spans; draining`);

  await guard.callAsync(() => observability.flush(options.drainTimeoutMs));
  const complete = () =>
    receivers.counts.otel >= sent.production &&
    receivers.counts.langfuse >= sent.staging &&
    receivers.counts.datadogLlmobs >= sent['eu-production'] &&
    receivers.counts.datadogApm >= sent['eu-production'] &&
    receivers.counts.console >= sent.development;
  const drainDeadline = Date.now() + options.drainTimeoutMs;
  while (!complete() && Date.now() < drainDeadline) {
    receivers.drain();
    if (!complete()) {
      await guard.callAsync(() => observability.flush(1_000));
      await sleep(200);
    }
  }
  await guard.callAsync(() => observability.shutdown(options.drainTimeoutMs));
  await receivers.stop();
  await sleep(50);
  guard.disarm();

  const counts = receivers.counts;
  const allLogText = logger.lines.map((line) => format(line.message, ...line.args));
  return {
    durationMs,
    agents: options.agents,
    traces,
    spans: total(),
    exporters: [
      {
        environment: 'production',
        exporter: 'otel',
        sent: sent.production,
        received: counts.otel,
        stats: otel.getStats(),
      },
      {
        environment: 'staging',
        exporter: 'langfuse',
        sent: sent.staging,
        received: counts.langfuse,
        stats: langfuse.getStats(),
      },
      {
        environment: 'eu-production',
        exporter: 'datadog',
        sent: sent['eu-production'],
        received: Math.min(counts.datadogLlmobs, counts.datadogApm),
        detail: `llmobs ${counts.datadogLlmobs} / apm ${counts.datadogApm}`,
        stats: datadog.getStats(),
      },
      {
        environment: 'development',
        exporter: 'console',
        sent: sent.development,
        received: counts.console,
        stats: undefined,
      },
    ],
    latencyNs: {
      p50: latency.percentileNs(0.5),
      p99: latency.percentileNs(0.99),
      p999: latency.percentileNs(0.999),
      max: latency.maxNs,
      mean: latency.meanNs,
    },
    heap: {
      samples: heap.samples.length,
      afterWarmupMb: heap.firstMb,
      endMb: heap.lastMb,
      maxMb: heap.maxMb,
      growthMb: heap.growthMb,
      slopeMbPerMinute: heap.slopeMbPerMinute,
    },
    appErrors: guard.errors,
    logLines: logger.lines
      .filter((line) => line.level === 'warn' || line.level === 'error')
      .map((line) => `${line.level}: ${format(line.message, ...line.args)}`),
    secretLeaks: [...receivers.secretLeaks, ...findSecrets(allLogText, secretValues(secrets), 'log line')],
  };
}
