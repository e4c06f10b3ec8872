import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MachineInfo } from './machine';
import { ratiosOf, type ScenarioReport } from './scenario-report';

/** The JSON file's shape (`bench/results/latest.json`). */
export interface BenchResults {
  readonly machine: MachineInfo;
  readonly mode: 'full' | 'smoke';
  readonly scenarios: readonly unknown[];
}

/**
 * Writes every scenario: each contender's median and spread in the
 * scenario's unit, our ratio to each anchor, the targets and notes.
 */
export function writeResults(
  path: string,
  machine: MachineInfo,
  mode: 'full' | 'smoke',
  reports: readonly ScenarioReport[],
): void {
  const results: BenchResults = {
    machine,
    mode,
    scenarios: reports.map((report) => ({
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
              rounds: result.summary.samples,
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
    })),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
