import {
  consoleOutput,
  otelSdkPipeline,
  oursThroughObservability,
  oursWithOtelExporter,
  PIPELINE_NAMES,
} from '../contenders/queue-pipelines';
import type { ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import { measurePipelines, type PipelineFactory, TRACES_PER_BURST } from './measure-pipelines';

/** Pipelines of scenario 9, in table order. */
export const OBSERVABILITY_PIPELINES: Readonly<Record<string, PipelineFactory>> = {
  [PIPELINE_NAMES.oursObservability]: oursThroughObservability,
  [PIPELINE_NAMES.oursOtel]: oursWithOtelExporter,
  [PIPELINE_NAMES.otelSdk]: otelSdkPipeline,
};

/**
 * Scenario 9: the README's setup, a trace through `Observability` with two
 * exporters attached (console, pretty, to a stream that discards the text;
 * exporter-otel to a loopback OTLP receiver), next to one instance with
 * exporter-otel alone and to OpenTelemetry's SDK with its Batch processor
 * and OTLP/proto exporter. Wall clock, as in 5b. No target in the issue:
 * the figures show what a second exporter and the registry cost.
 */
export async function observabilityPipelineScenario(
  mode: RunMode,
  only?: readonly string[],
): Promise<ScenarioReport> {
  const measured = await measurePipelines(OBSERVABILITY_PIPELINES, mode, only);
  const errors = [...measured.errors];
  const measuresConsole = measured.results.some((result) => result.name === PIPELINE_NAMES.oursObservability);
  if (measuresConsole && consoleOutput.writes === 0) errors.push('the console exporter wrote nothing');
  return {
    id: '9',
    key: 'observability-pipeline',
    title:
      'Observability with two exporters: console (null stream) + OTLP/HTTP to a loopback receiver (wall clock)',
    unit: 'ns/span',
    showPerSecond: true,
    subject: PIPELINE_NAMES.oursObservability,
    results: measured.results,
    targets: [],
    notes: [
      `Bursts of ${TRACES_PER_BURST} traces, each followed by flush(); the receiver runs in a worker thread and counts spans.`,
      ...(measuresConsole
        ? [
            `console exporter: ${consoleOutput.writes} writes, ${consoleOutput.characters.toLocaleString('en-US')} characters`,
          ]
        : []),
      ...measured.notes,
    ],
    errors,
  };
}
