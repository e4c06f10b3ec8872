import type { AITracingExporter } from '@aitracing/core';
import { OtelExporter } from '@aitracing/exporter-otel';
import { OtlpReceiver, type ReceivedSpan } from '../../../packages/exporter-otel/test/otlp-receiver';
import type { Fault } from '../faults/fault-catalogue';
import { FaultGate } from '../faults/fault-gate';
import type { TimingProfile } from '../faults/timing-profile';
import type { SuiteSecrets } from '../security/secrets';
import type { FaultTarget, ReceivedSpans } from './fault-target';
import { reportQueueStats } from './otlp-stats';

/** Count distinct spans of `traceIds` among received OTLP spans. */
export function countOtlpSpans(spans: Iterable<ReceivedSpan>, traceIds: ReadonlySet<string>): ReceivedSpans {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const span of spans) {
    if (!traceIds.has(span.traceId)) continue;
    if (seen.has(span.spanId)) duplicates++;
    else seen.add(span.spanId);
  }
  return { unique: seen.size, duplicates };
}

/** `OtelExporter` (OTLP HTTP/protobuf, with an API-key header) against the OTLP receiver. */
export class OtelTarget implements FaultTarget {
  readonly name = 'otel';
  readonly receiver = new OtlpReceiver();
  #gate: FaultGate | undefined;

  get gate(): FaultGate {
    if (this.#gate === undefined) throw new Error('start() first');
    return this.#gate;
  }

  async start(): Promise<void> {
    const url = await this.receiver.startHttp();
    this.#gate = new FaultGate(url, (path) => path.endsWith('/v1/traces'));
    await this.#gate.up();
  }

  async stop(): Promise<void> {
    await this.#gate?.close();
    await this.receiver.stop();
  }

  clear(): void {
    this.receiver.requests.length = 0;
  }

  createExporter(profile: TimingProfile, secrets: SuiteSecrets, fault: Fault): AITracingExporter {
    return new OtelExporter({
      endpoint: this.gate.url,
      headers: { 'x-api-key': secrets.otlpHeaderValue },
      ...profile.otlp,
      ...(fault.class === 'exhausted' && profile.exhaustedRetryBudgetMs !== undefined
        ? { maxRetryDurationMs: profile.exhaustedRetryBudgetMs }
        : {}),
    });
  }

  report(exporter: AITracingExporter) {
    return reportQueueStats((exporter as OtelExporter).getStats());
  }

  received(traceIds: ReadonlySet<string>): ReceivedSpans {
    return countOtlpSpans(this.receiver.spans, traceIds);
  }

  quietMs(_fault: Fault): number {
    return 200;
  }

  payloadTexts(traceIds: ReadonlySet<string>): string[] {
    return this.receiver.spans
      .filter((span) => traceIds.has(span.traceId))
      .map((span) => JSON.stringify(span));
  }
}
