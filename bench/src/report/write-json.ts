import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MachineInfo } from './machine';
import { ratiosOf, type ScenarioReport } from './scenario-report';

/** The JSON file's shape (`bench/results/latest.json`). */
export interface BenchResults {
  readonly machine: MachineInfo;
  readonly mode: 'full' | 'smoke';
  /** The machine's load average when the run started and ended. */
  readonly loadAverage: { readonly start: LoadAverage; readonly end: LoadAverage };
  /** One entry per Node version, same scenarios in the same order. */
  readonly runs: readonly {
    readonly node: string;
    readonly v8: string;
    readonly scenarios: readonly unknown[];
  }[];
}

/** Every scenario measured on one Node version. */
export interface NodeRun {
  readonly node: string;
  readonly v8: string;
  readonly scenarios: ScenarioReport[];
}

/**
 * Writes every scenario on every Node version: each contender's median and
 * spread in the scenario's unit, our ratio to each anchor, the targets and notes.
 */
export function writeResults(
  path: string,
  machine: MachineInfo,
  mode: 'full' | 'smoke',
  runs: readonly NodeRun[],
  loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] },
): void {
  const results: BenchResults = {
    machine,
    mode,
    loadAverage: { start: loadOf(loadAverage.start), end: loadOf(loadAverage.end) },
    runs: runs.map((run) => ({ node: run.node, v8: run.v8, scenarios: scenariosJson(run.scenarios) })),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

function scenariosJson(reports: readonly ScenarioReport[]): unknown[] {
  return reports.map((report) => ({
    id: report.id,
    key: report.key,
    title: report.title,
    unit: report.unit,
    subject: report.subject,
    contenders: report.results.map((result) => ({
      name: result.name,
      role: result.role,
      ...(result.summary === undefined
        ? { available: false, reason: result.unavailable }
        : {
            available: true,
            median: round(result.summary.median),
            min: round(result.summary.min),
            max: round(result.summary.max),
            ...(result.processes === undefined
              ? { rounds: result.summary.samples }
              : { processes: result.processes }),
          }),
      ...(result.metrics === undefined ? {} : { metrics: result.metrics }),
    })),
    ratios: Object.fromEntries(
      Object.entries(ratiosOf(report)).map(([ours, row]) => [
        ours,
        Object.fromEntries(Object.entries(row).map(([anchor, value]) => [anchor, round(value, 4)])),
      ]),
    ),
    targets: report.targets.map((target) => ({
      ...target,
      actual: target.actual === undefined ? null : round(target.actual, 4),
    })),
    notes: report.notes,
    errors: report.errors,
  }));
}

/** Load average over 1, 5 and 15 minutes (named, so the file stays as Biome formats it). */
export interface LoadAverage {
  readonly oneMinute: number;
  readonly fiveMinutes: number;
  readonly fifteenMinutes: number;
}

function loadOf(values: readonly number[]): LoadAverage {
  return {
    oneMinute: round(values[0] ?? 0),
    fiveMinutes: round(values[1] ?? 0),
    fifteenMinutes: round(values[2] ?? 0),
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
