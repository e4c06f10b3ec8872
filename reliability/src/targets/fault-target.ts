import type { AITracingExporter } from '@aitracing/core';
import type { Fault } from '../faults/fault-catalogue';
import type { FaultGate } from '../faults/fault-gate';
import type { TimingProfile } from '../faults/timing-profile';
import type { SuiteSecrets } from '../security/secrets';

/** Names of the exporters with a network receiver. */
export type NetworkExporterName = 'otel' | 'langfuse' | 'datadog';

/** What an exporter reports about one cell. */
export interface ExporterReport {
  /** Spans dropped, by the exporter's own reasons (`rejected`, `queueFull`, ... or dd-trace request outcomes) */
  readonly dropped: Readonly<Record<string, number>>;
  /** Retries the exporter reports (undefined when it cannot know) */
  readonly retries: number | undefined;
  /** Whether every span it took is accounted for: delivered or dropped, nothing pending */
  readonly settled: boolean;
  /** The raw stats, for the report's details */
  readonly raw: unknown;
}

/** Spans of a cell that reached the receiver. */
export interface ReceivedSpans {
  /** Distinct spans received (per channel for Datadog: the smaller of LLM Observability and APM) */
  readonly unique: number;
  /** Spans received more than once (a retry of a request the receiver had processed) */
  readonly duplicates: number;
  /** Per-channel detail, e.g. `llmobs 200 / apm 200` */
  readonly detail?: string;
  /** Distinct spans received per channel, e.g. `{ llmobs: 200, apm: 200 }` */
  readonly byChannel?: Readonly<Record<string, number>>;
}

/**
 * One exporter wired to its loopback receiver through a fault gate. The
 * receiver and gate live for the whole matrix (dd-trace is initialised once
 * per process); every cell makes a new exporter and counts only its own
 * traces.
 */
export interface FaultTarget {
  readonly name: NetworkExporterName;
  readonly gate: FaultGate;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Forget what the receiver kept (between cells). */
  clear(): void;
  createExporter(profile: TimingProfile, secrets: SuiteSecrets, fault: Fault): AITracingExporter;
  report(exporter: AITracingExporter): ExporterReport;
  received(traceIds: ReadonlySet<string>): ReceivedSpans;
  /** Every received payload of these traces as text, for the secret scan */
  payloadTexts(traceIds: ReadonlySet<string>): string[];
  /**
   * How long the wire must stay quiet before a cell that lost spans counts
   * as settled (dd-trace may still have a retry scheduled).
   */
  quietMs(fault: Fault): number;
}
