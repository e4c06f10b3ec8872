import { isAvailable } from './contenders/contender';
import {
  otelSdkPipeline,
  oursWithLangfuseExporter,
  oursWithOtelExporter,
} from './contenders/queue-pipelines';
import { loadRoster, type Roster } from './contenders/roster';
import type { ContenderResult, ScenarioReport, TargetCheck } from './report/scenario-report';
import type { RunMode } from './run-mode';
import { anthropicInstrumentationScenario } from './scenarios/anthropic-instrumentation';
import {
  CONTEXT_CONTENDERS,
  contextPropagationScenario,
  contextTargets,
} from './scenarios/context-propagation';
import { deadBackendScenario } from './scenarios/dead-backend';
import { exportEncodingScenario } from './scenarios/export-encoding';
import { EXPORT_QUEUE_PIPELINES, exportQueueScenario } from './scenarios/export-queue';
import { freshLargePayloadScenario } from './scenarios/fresh-large-payload';
import { HEAP_CONTENDERS, heapPerSpanScenario, heapTargets } from './scenarios/heap-per-span';
import { hostileInputScenario } from './scenarios/hostile-input';
import {
  LARGE_PAYLOAD_CONTENDERS,
  largePayloadScenario,
  largePayloadTargets,
} from './scenarios/large-payload';
import { mcpInstrumentationScenario } from './scenarios/mcp-instrumentation';
import { OBSERVABILITY_PIPELINES, observabilityPipelineScenario } from './scenarios/observability-pipeline';
import { openaiInstrumentationScenario } from './scenarios/openai-instrumentation';
import { SAMPLED_OUT_CONTENDERS, sampledOutScenario, sampledOutTargets } from './scenarios/sampled-out';
import { TRACE_COST_CONTENDERS, traceCostScenario, traceCostTargets } from './scenarios/trace-cost';

/**
 * One scenario (or one part of one) of the suite, run in a process of its
 * own. Parts with the same report key are merged into one table.
 */
export interface ScenarioEntry {
  /** Number in the issue (4 and 5 have two parts each, `--only` selects both). */
  readonly id: number;
  /** Name used on the command line of the scenario process. */
  readonly key: string;
  /** Key of the report (and table) this part belongs to. */
  readonly reportKey: string;
  /** Runs the scenario; `only` names the contenders to load when it is split by contender. */
  readonly run: (mode: RunMode, only?: readonly string[]) => Promise<ScenarioReport>;
  /** Runs only when asked for with `--only` (not in the default run nor in the smoke test). */
  readonly optIn?: boolean;
  /**
   * Split by contender: each contender runs in a process of its own (no
   * other library's heap, garbage or timers beside it), and the targets are
   * checked on the merged results.
   */
  readonly perContender?: {
    readonly contenders: readonly string[];
    readonly targets: (results: readonly ContenderResult[]) => TargetCheck[];
  };
  /** Processes per contender (or per part) in a full run. @defaultValue `RunMode.processes` */
  readonly processes?: number;
}

/** Loads the contenders (all, or the `only` ones), runs the scenario, then shuts them down. */
function withRoster(
  scenario: (roster: Roster, mode: RunMode) => Promise<ScenarioReport>,
): (mode: RunMode, only?: readonly string[]) => Promise<ScenarioReport> {
  return async (mode, only) => {
    const roster = await loadRoster(only);
    try {
      return await scenario(roster, mode);
    } finally {
      for (const contender of roster.values()) if (isAvailable(contender)) await contender.shutdown();
    }
  };
}

/** Every scenario, in the order. */
export const SCENARIOS: readonly ScenarioEntry[] = [
  {
    id: 1,
    key: 'trace-cost',
    reportKey: 'trace-cost',
    run: withRoster(traceCostScenario),
    perContender: { contenders: TRACE_COST_CONTENDERS, targets: traceCostTargets },
  },
  {
    id: 2,
    key: 'sampled-out',
    reportKey: 'sampled-out',
    run: withRoster(sampledOutScenario),
    perContender: { contenders: SAMPLED_OUT_CONTENDERS, targets: sampledOutTargets },
  },
  {
    id: 3,
    key: 'heap-per-live-span',
    reportKey: 'heap-per-live-span',
    run: withRoster(heapPerSpanScenario),
    perContender: { contenders: HEAP_CONTENDERS, targets: heapTargets },
  },
  {
    id: 4,
    key: 'large-payload',
    reportKey: 'large-payload',
    run: withRoster(largePayloadScenario),
    perContender: { contenders: LARGE_PAYLOAD_CONTENDERS, targets: largePayloadTargets },
  },
  // 4b: scenario 4 with new strings on every span, its own table (`--only=4` runs both).
  {
    id: 4,
    key: 'large-payload-fresh-strings',
    reportKey: 'large-payload-fresh-strings',
    run: withRoster(freshLargePayloadScenario),
    perContender: { contenders: LARGE_PAYLOAD_CONTENDERS, targets: largePayloadTargets },
  },
  { id: 5, key: 'export-encoding', reportKey: 'export-encoding', run: exportEncodingScenario },
  {
    id: 5,
    key: 'export-queue',
    reportKey: 'export-queue',
    run: exportQueueScenario,
    perContender: { contenders: Object.keys(EXPORT_QUEUE_PIPELINES), targets: () => [] },
  },
  {
    id: 6,
    key: 'dead-backend-otel-exporter',
    reportKey: 'dead-backend',
    processes: 1,
    run: (mode) => deadBackendScenario(mode, oursWithOtelExporter),
  },
  {
    id: 6,
    key: 'dead-backend-langfuse-exporter',
    reportKey: 'dead-backend',
    processes: 1,
    run: (mode) => deadBackendScenario(mode, oursWithLangfuseExporter),
  },
  {
    id: 6,
    key: 'dead-backend-otel-sdk',
    reportKey: 'dead-backend',
    processes: 1,
    run: (mode) => deadBackendScenario(mode, otelSdkPipeline),
  },
  {
    id: 7,
    key: 'hostile-input',
    reportKey: 'hostile-input',
    run: hostileInputScenario,
    optIn: true,
    processes: 1,
  },
  // Scenario 8: one part per instrumentation, each in its own process, one table.
  {
    id: 8,
    key: 'openai-instrumentation',
    reportKey: 'instrumentation-overhead',
    run: openaiInstrumentationScenario,
  },
  {
    id: 8,
    key: 'anthropic-instrumentation',
    reportKey: 'instrumentation-overhead',
    run: anthropicInstrumentationScenario,
  },
  {
    id: 8,
    key: 'mcp-instrumentation',
    reportKey: 'instrumentation-overhead',
    run: mcpInstrumentationScenario,
  },
  {
    id: 9,
    key: 'observability-pipeline',
    reportKey: 'observability-pipeline',
    run: observabilityPipelineScenario,
    perContender: { contenders: Object.keys(OBSERVABILITY_PIPELINES), targets: () => [] },
  },
  {
    id: 10,
    key: 'context-propagation',
    reportKey: 'context-propagation',
    run: contextPropagationScenario,
    perContender: { contenders: CONTEXT_CONTENDERS, targets: contextTargets },
  },
];
