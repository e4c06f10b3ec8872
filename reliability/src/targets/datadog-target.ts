import '../../../packages/exporter-datadog/test/dd-env';
import type { AITracingExporter } from '@aitracing/core';
import { DatadogExporter } from '@aitracing/exporter-datadog';
import { FakeDatadogAgent } from '../../../packages/exporter-datadog/test/fake-datadog-agent';
import type { Fault } from '../faults/fault-catalogue';
import { FaultGate } from '../faults/fault-gate';
import type { TimingProfile } from '../faults/timing-profile';
import type { SuiteSecrets } from '../security/secrets';
import type { ExporterReport, FaultTarget, ReceivedSpans } from './fault-target';

const DATA_PATHS = new Set(['/v0.4/traces', '/evp_proxy/v2/api/v2/llmobs']);
const TRACE_TAG = 'aitracing.trace_id:';

/**
 * `DatadogExporter` in mode `both` (LLM Observability and APM, each through
 * its own retrying queue) to the fake agent. dd-trace (which supplies the
 * configuration) is initialised once per process: the
 * first exporter initialises it with the gate as agent URL (and an API key,
 * which must never show up anywhere); later exporters reuse it.
 */
export class DatadogTarget implements FaultTarget {
  readonly name = 'datadog';
  agent: FakeDatadogAgent | undefined;
  #gate: FaultGate | undefined;
  #initialised = false;

  get gate(): FaultGate {
    if (this.#gate === undefined) throw new Error('start() first');
    return this.#gate;
  }

  async start(): Promise<void> {
    this.agent = await FakeDatadogAgent.start();
    this.#gate = new FaultGate(this.agent.url, (path) => DATA_PATHS.has(path));
    await this.#gate.up();
  }

  async stop(): Promise<void> {
    await this.#gate?.close();
    await this.agent?.close();
  }

  clear(): void {
    if (this.agent === undefined) return;
    this.agent.llmobsSpans.length = 0;
    this.agent.apmTraces.length = 0;
    this.agent.requests.length = 0;
  }

  createExporter(profile: TimingProfile, secrets: SuiteSecrets, fault: Fault): AITracingExporter {
    const limits =
      profile.datadogFlushTimeoutMs === undefined
        ? {}
        : { flushTimeoutMs: profile.datadogFlushTimeoutMs, shutdownTimeoutMs: profile.datadogFlushTimeoutMs };
    // The retry budget (both channels), shortened where the fault outlasts it on purpose.
    const budget =
      fault.class === 'exhausted' && profile.exhaustedRetryBudgetMs !== undefined
        ? { maxRetryDurationMs: profile.exhaustedRetryBudgetMs }
        : {};
    if (this.#initialised) {
      return new DatadogExporter({ mode: 'both', mlApp: 'reliability', ...limits, ...budget });
    }
    this.#initialised = true;
    return new DatadogExporter({
      mode: 'both',
      mlApp: 'reliability',
      env: 'reliability',
      agentUrl: this.gate.url,
      apiKey: secrets.datadogApiKey,
      ...limits,
      ...budget,
    });
  }

  report(exporter: AITracingExporter): ExporterReport {
    const stats = (exporter as DatadogExporter).getStats();
    const dropped: Record<string, number> = { mappingFailed: stats.spansDroppedByReason.mappingFailed };
    for (const channel of ['llmobs', 'apm'] as const) {
      const byReason = stats[channel]?.spansDroppedByReason;
      dropped[`${channel}Rejected`] = byReason?.agentRejected ?? 0;
      dropped[`${channel}RetriesExhausted`] = byReason?.retriesExhausted ?? 0;
      dropped[`${channel}QueueFull`] = byReason?.queueFull ?? 0;
      dropped[`${channel}TooLarge`] = byReason?.tooLarge ?? 0;
      dropped[`${channel}ShutdownTimeout`] = byReason?.shutdownTimeout ?? 0;
    }
    return {
      dropped,
      retries: (stats.llmobs?.retries ?? 0) + (stats.apm?.retries ?? 0),
      // Settled once every span of both channels is delivered or dropped: none queued or being retried.
      settled: stats.heldTraces === 0 && stats.spansUnconfirmed === 0,
      raw: stats,
    };
  }

  received(traceIds: ReadonlySet<string>): ReceivedSpans {
    const llmobs = this.#llmobs(traceIds);
    const apm = this.#apm(traceIds);
    return {
      unique: Math.min(llmobs.unique, apm.unique),
      duplicates: llmobs.duplicates + apm.duplicates,
      detail: `llmobs ${llmobs.unique} / apm ${apm.unique}`,
      byChannel: { llmobs: llmobs.unique, apm: apm.unique },
    };
  }

  quietMs(_fault: Fault): number {
    // Both channels are our own queues: `settled` says when nothing is pending.
    return 1_500;
  }

  payloadTexts(traceIds: ReadonlySet<string>): string[] {
    const agent = this.agent;
    if (agent === undefined) return [];
    return [
      ...agent.llmobsSpans
        .filter((span) => traceIds.has(traceIdOfTags(span.tags)))
        .map((span) => JSON.stringify(span)),
      ...agent.apmSpans
        .filter((span) => traceIds.has(span.meta['aitracing.trace_id'] ?? ''))
        .map((span) =>
          JSON.stringify(span, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
        ),
    ];
  }

  #llmobs(traceIds: ReadonlySet<string>): { unique: number; duplicates: number } {
    const seen = new Set<string>();
    let duplicates = 0;
    for (const span of this.agent?.llmobsSpans ?? []) {
      if (!traceIds.has(traceIdOfTags(span.tags))) continue;
      if (seen.has(span.span_id)) duplicates++;
      else seen.add(span.span_id);
    }
    return { unique: seen.size, duplicates };
  }

  #apm(traceIds: ReadonlySet<string>): { unique: number; duplicates: number } {
    const seen = new Set<bigint>();
    let duplicates = 0;
    for (const span of this.agent?.apmSpans ?? []) {
      if (!traceIds.has(span.meta['aitracing.trace_id'] ?? '')) continue;
      if (seen.has(span.span_id)) duplicates++;
      else seen.add(span.span_id);
    }
    return { unique: seen.size, duplicates };
  }
}

function traceIdOfTags(tags: readonly string[]): string {
  const tag = tags.find((item) => item.startsWith(TRACE_TAG));
  return tag === undefined ? '' : tag.slice(TRACE_TAG.length);
}
