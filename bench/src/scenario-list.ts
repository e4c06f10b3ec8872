import { isAvailable } from './contenders/contender';
import {
  otelSdkPipeline,
  oursWithLangfuseExporter,
  oursWithOtelExporter,
} from './contenders/queue-pipelines';
import { loadRoster, type Roster } from './contenders/roster';
import type { ScenarioReport } from './report/scenario-report';
import type { RunMode } from './run-mode';
import { anthropicInstrumentationScenario } from './scenarios/anthropic-instrumentation';
import { deadBackendScenario } from './scenarios/dead-backend';
import { exportEncodingScenario } from './scenarios/export-encoding';
import { exportQueueScenario } from './scenarios/export-queue';
import { heapPerSpanScenario } from './scenarios/heap-per-span';
import { hostileInputScenario } from './scenarios/hostile-input';
import { largePayloadScenario } from './scenarios/large-payload';
import { mcpInstrumentationScenario } from './scenarios/mcp-instrumentation';
import { openaiInstrumentationScenario } from './scenarios/openai-instrumentation';
import { sampledOutScenario } from './scenarios/sampled-out';
import { traceCostScenario } from './scenarios/trace-cost';

/**
 * One scenario (or one part of one) of the suite, run in a process of its
 * own. Parts with the same report key are merged into one table.
 */
export interface ScenarioEntry {
  /** Number in the issue (5 has two parts). */
  readonly id: number;
  /** Name used on the command line of the scenario process. */
  readonly key: string;
  /** Key of the report (and table) this part belongs to. */
  readonly reportKey: string;
  readonly run: (mode: RunMode) => Promise<ScenarioReport>;
  /** Runs only when asked for with `--only` (not in the default run nor in the smoke test). */
  readonly optIn?: boolean;
}

/** Loads every contender, runs the scenario, then shuts the contenders down. */
function withRoster(
  scenario: (roster: Roster, mode: RunMode) => Promise<ScenarioReport>,
): (mode: RunMode) => Promise<ScenarioReport> {
  return async (mode) => {
    const roster = await loadRoster();
    try {
      return await scenario(roster, mode);
    } finally {
      for (const contender of roster.values()) if (isAvailable(contender)) await contender.shutdown();
    }
  };
}

/** Every scenario, in the order. */
export const SCENARIOS: readonly ScenarioEntry[] = [
  { id: 1, key: 'trace-cost', reportKey: 'trace-cost', run: withRoster(traceCostScenario) },
  { id: 2, key: 'sampled-out', reportKey: 'sampled-out', run: withRoster(sampledOutScenario) },
  { id: 3, key: 'heap-per-live-span', reportKey: 'heap-per-live-span', run: withRoster(heapPerSpanScenario) },
  { id: 4, key: 'large-payload', reportKey: 'large-payload', run: withRoster(largePayloadScenario) },
  { id: 5, key: 'export-encoding', reportKey: 'export-encoding', run: exportEncodingScenario },
  { id: 5, key: 'export-queue', reportKey: 'export-queue', run: exportQueueScenario },
  {
    id: 6,
    key: 'dead-backend-otel-exporter',
    reportKey: 'dead-backend',
    run: (mode) => deadBackendScenario(mode, oursWithOtelExporter),
  },
  {
    id: 6,
    key: 'dead-backend-langfuse-exporter',
    reportKey: 'dead-backend',
    run: (mode) => deadBackendScenario(mode, oursWithLangfuseExporter),
  },
  {
    id: 6,
    key: 'dead-backend-otel-sdk',
    reportKey: 'dead-backend',
    run: (mode) => deadBackendScenario(mode, otelSdkPipeline),
  },
  { id: 7, key: 'hostile-input', reportKey: 'hostile-input', run: hostileInputScenario, optIn: true },
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
];
