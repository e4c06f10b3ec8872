import { median } from '../harness';
import type { ContenderResult, ScenarioReport, TargetCheck } from './scenario-report';
import { checkTarget, informational } from './scenario-report';

/**
 * One contender's results from several processes as one: the median of
 * the per-process medians, and their min and max as the spread (the spread
 * is over processes, so a process that started on a busy core shows).
 */
function mergeResults(name: string, results: readonly ContenderResult[]): ContenderResult {
  const measured = results.filter((result) => result.summary !== undefined);
  const first = results[0]!;
  if (measured.length === 0) return first;
  const medians = measured.map((result) => result.summary!.median);
  const metricNames = [...new Set(measured.flatMap((result) => Object.keys(result.metrics ?? {})))];
  const metrics = Object.fromEntries(
    metricNames.map((metric) => [
      metric,
      median(measured.flatMap((result) => result.metrics?.[metric] ?? [])),
    ]),
  );
  return {
    name,
    role: first.role,
    summary: {
      median: median(medians),
      min: Math.min(...medians),
      max: Math.max(...medians),
      samples: measured.length,
    },
    processes: measured.length,
    ...(metricNames.length > 0 ? { metrics } : {}),
  };
}

/** Every result of the reports, merged by contender name, in first-seen order or `order`. */
function mergeByName(reports: readonly ScenarioReport[], order?: readonly string[]): ContenderResult[] {
  const byName = new Map<string, ContenderResult[]>();
  for (const name of order ?? []) byName.set(name, []);
  for (const report of reports) {
    for (const result of report.results) {
      const list = byName.get(result.name) ?? [];
      list.push(result);
      byName.set(result.name, list);
    }
  }
  return [...byName].filter(([, list]) => list.length > 0).map(([name, list]) => mergeResults(name, list));
}

/** Targets of repeated whole-scenario processes: the median of each target's measured values. */
function medianTargets(first: ScenarioReport, reports: readonly ScenarioReport[]): TargetCheck[] {
  return first.targets.map((target, index) => {
    const values = reports
      .map((report) => report.targets[index]?.actual)
      .filter((value): value is number => value !== undefined && !Number.isNaN(value));
    // A check that is not a measurement (e.g. "drop counters add up") must hold in every process.
    if (reports.some((report) => report.targets[index]?.met === false) && values.length === 0) {
      return { ...target, met: false };
    }
    const actual = values.length > 0 ? median(values) : undefined;
    if (target.comparison === undefined || target.limit === undefined) {
      return informational(target.description, actual);
    }
    return checkTarget(target.description, actual, target.comparison, target.limit);
  });
}

/**
 * The reports of one scenario part from several processes (one contender
 * each, or the whole part each time) as one report. `targets` recomputes
 * the targets from the merged results (parts split by contender); without
 * it, each target's value is the median over processes.
 */
export function mergeProcesses(
  reports: readonly ScenarioReport[],
  split?: {
    readonly contenders: readonly string[];
    readonly targets: (results: readonly ContenderResult[]) => TargetCheck[];
  },
): ScenarioReport {
  // A process that did not finish has no title, unit or results: describe the part by one that did.
  const first = reports.find((report) => report.results.length > 0) ?? reports[0]!;
  if (reports.length === 1 && split === undefined) return first;
  const results = mergeByName(reports, split?.contenders);
  return {
    ...first,
    results,
    targets: split === undefined ? medianTargets(first, reports) : split.targets(results),
    notes: [...new Set(reports.flatMap((report) => report.notes))],
    errors: reports.flatMap((report) => report.errors),
  };
}

/** Parts of one scenario (same report key, e.g. scenario 6's pipelines) as one report. */
export function mergeParts(parts: readonly ScenarioReport[]): ScenarioReport {
  const first = parts[0]!;
  return {
    ...first,
    results: parts.flatMap((part) => part.results),
    targets: parts.flatMap((part) => part.targets),
    notes: [...new Set(parts.flatMap((part) => part.notes))],
    errors: parts.flatMap((part) => part.errors),
  };
}
