import {
  otelSdkPipeline,
  oursWithLangfuseExporter,
  oursWithOtelExporter,
  PIPELINE_NAMES,
} from '../contenders/queue-pipelines';
import type { ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { measurePipelines, type PipelineFactory, TRACES_PER_BURST } from './measure-pipelines';

/** Pipelines of scenario 5b, in table order. */
export const EXPORT_QUEUE_PIPELINES: Readonly<Record<string, PipelineFactory>> = {
  [PIPELINE_NAMES.oursOtel]: oursWithOtelExporter,
  [PIPELINE_NAMES.oursLangfuse]: oursWithLangfuseExporter,
  [PIPELINE_NAMES.otelSdk]: otelSdkPipeline,
};

/**
 * Scenario 5b: spans per second from `end()` through each exporter's queue,
 * conversion, encoding and HTTP to a loopback receiver (see
 * `measurePipelines`). The Datadog exporter is not run here: dd-trace
 * instruments the whole process (http, promises), which would change every
 * other contender's figures in the same run.
 */
export async function exportQueueScenario(mode: RunMode, only?: readonly string[]): Promise<ScenarioReport> {
  const measured = await measurePipelines(EXPORT_QUEUE_PIPELINES, mode, only);
  return {
    id: '5b',
    key: 'export-queue',
    title: 'Export pipeline end to end: end() → queue → OTLP/HTTP → loopback receiver (wall clock)',
    unit: 'ns/span',
    showPerSecond: true,
    subject: PIPELINE_NAMES.oursOtel,
    results: measured.results,
    targets: [],
    notes: [
      `Bursts of ${TRACES_PER_BURST} traces, each followed by flush(); the receiver runs in a worker thread and counts spans.`,
      'Not run: @aitracing/exporter-datadog (dd-trace instruments the whole process and would skew the other contenders).',
      ...measured.notes,
    ],
    errors: measured.errors,
  };
}
