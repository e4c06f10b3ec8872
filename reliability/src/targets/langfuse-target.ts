import type { AITracingExporter } from '@aitracing/core';
import { LangfuseExporter } from '@aitracing/exporter-langfuse';
import { FakeLangfuse } from '../../../packages/exporter-langfuse/test/fake-langfuse';
import type { Fault } from '../faults/fault-catalogue';
import { FaultGate } from '../faults/fault-gate';
import type { TimingProfile } from '../faults/timing-profile';
import type { SuiteSecrets } from '../security/secrets';
import type { FaultTarget, ReceivedSpans } from './fault-target';
import { countOtlpSpans } from './otel-target';
import { reportQueueStats } from './otlp-stats';

/** `LangfuseExporter` against the fake Langfuse (Basic auth checked). */
export class LangfuseTarget implements FaultTarget {
  readonly name = 'langfuse';
  readonly langfuse: FakeLangfuse;
  #gate: FaultGate | undefined;

  constructor(secrets: SuiteSecrets) {
    this.langfuse = new FakeLangfuse(secrets.langfusePublicKey, secrets.langfuseSecretKey);
  }

  get gate(): FaultGate {
    if (this.#gate === undefined) throw new Error('start() first');
    return this.#gate;
  }

  async start(): Promise<void> {
    const url = await this.langfuse.start();
    this.#gate = new FaultGate(url, (path) => path === '/api/public/otel/v1/traces');
    await this.#gate.up();
  }

  async stop(): Promise<void> {
    await this.#gate?.close();
    await this.langfuse.stop();
  }

  clear(): void {
    this.langfuse.spans.length = 0;
  }

  createExporter(profile: TimingProfile, secrets: SuiteSecrets, fault: Fault): AITracingExporter {
    const { otlp } = profile;
    return new LangfuseExporter({
      publicKey: secrets.langfusePublicKey,
      secretKey: secrets.langfuseSecretKey,
      baseUrl: this.gate.url,
      environment: 'reliability',
      ...(otlp.exportTimeoutMs === undefined ? {} : { exportTimeoutMs: otlp.exportTimeoutMs }),
      ...(otlp.maxRetryDurationMs === undefined ? {} : { maxRetryDurationMs: otlp.maxRetryDurationMs }),
      ...(otlp.scheduledDelayMs === undefined ? {} : { flushInterval: otlp.scheduledDelayMs / 1000 }),
      ...(otlp.maxBatchSize === undefined ? {} : { flushAt: otlp.maxBatchSize }),
      ...(otlp.maxQueueSize === undefined ? {} : { maxQueueSize: otlp.maxQueueSize }),
      ...(fault.class === 'exhausted' && profile.exhaustedRetryBudgetMs !== undefined
        ? { maxRetryDurationMs: profile.exhaustedRetryBudgetMs }
        : {}),
    });
  }

  report(exporter: AITracingExporter) {
    return reportQueueStats((exporter as LangfuseExporter).getStats());
  }

  received(traceIds: ReadonlySet<string>): ReceivedSpans {
    return countOtlpSpans(this.langfuse.spans, traceIds);
  }

  quietMs(_fault: Fault): number {
    return 200;
  }

  payloadTexts(traceIds: ReadonlySet<string>): string[] {
    return this.langfuse.spans
      .filter((span) => traceIds.has(span.traceId))
      .map((span) => JSON.stringify(span));
  }
}
