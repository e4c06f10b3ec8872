import type { Summary } from '../harness';

/** One contender's outcome in one scenario. */
export interface ContenderResult {
  readonly name: string;
  readonly role: 'ours' | 'anchor';
  /** Median and spread in the scenario's unit; absent when the contender could not run. */
  readonly summary?: Summary;
  /** Why the contender could not run here. */
  readonly unavailable?: string;
  /** Processes the summary is over (its median of their medians), when more than one ran. */
  readonly processes?: number;
  /** Further figures (e.g. peak RSS, drop counters), by name. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/**
 * One target of the issue, checked against this run, or an informational
 * figure reported beside the targets (no `comparison`, no `limit`, `met`
 * always undefined): a ratio users should see that nothing asks to meet.
 */
export interface TargetCheck {
  readonly description: string;
  /** The measured value (a ratio, ns, spans/s, bytes); undefined when an anchor was unavailable. */
  readonly actual: number | undefined;
  /** Absent on an informational figure. */
  readonly comparison?: '<=' | '>=';
  /** Absent on an informational figure. */
  readonly limit?: number;
  /** Undefined when it could not be checked in this run, and on an informational figure. */
  readonly met: boolean | undefined;
}

/** Everything one scenario measured, ready for the table and the JSON file. */
export interface ScenarioReport {
  /** Number as in the issue (`1`…`6`, with `5a`/`5b`). */
  readonly id: string;
  readonly key: string;
  readonly title: string;
  /** Unit of `summary` values; lower is better for every unit used here. */
  readonly unit: string;
  /** Whether to show units per second next to the median (time per span). */
  readonly showPerSecond: boolean;
  /** Our headline row, whose ratio to each anchor is reported. */
  readonly subject: string;
  readonly results: readonly ContenderResult[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
  /** Real failures (a contender that threw, counts that do not add up): they fail the run. */
  readonly errors: readonly string[];
}

/** A target check: `actual comparison limit`, or unknown when actual is missing. */
export function checkTarget(
  description: string,
  actual: number | undefined,
  comparison: '<=' | '>=',
  limit: number,
): TargetCheck {
  const met =
    actual === undefined || Number.isNaN(actual)
      ? undefined
      : comparison === '<='
        ? actual <= limit
        : actual >= limit;
  return { description, actual, comparison, limit, met };
}

/** A figure reported with the targets but judged against none (e.g. an informational ratio). */
export function informational(description: string, actual: number | undefined): TargetCheck {
  return { description, actual, met: undefined };
}

/** The median of the named row, if it ran. */
export function medianOf(results: readonly ContenderResult[], name: string): number | undefined {
  return results.find((result) => result.name === name)?.summary?.median;
}

/** `numerator / denominator`, or undefined when either is missing or not a positive cost. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  // A ratio of costs only means something between positive costs (heap growth can be negative).
  if (numerator === undefined || denominator === undefined || numerator < 0 || denominator <= 0) {
    return undefined;
  }
  return numerator / denominator;
}

/**
 * For each of our rows, its median divided by each available anchor's:
 * below 1 means ours costs less.
 */
export function ratiosOf(report: ScenarioReport): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const ours of report.results) {
    if (ours.role !== 'ours' || ours.summary === undefined) continue;
    const row: Record<string, number> = {};
    for (const anchor of report.results) {
      if (anchor.role !== 'anchor' || anchor.summary === undefined) continue;
      const value = ratio(ours.summary.median, anchor.summary.median);
      if (value !== undefined) row[anchor.name] = value;
    }
    out[ours.name] = row;
  }
  return out;
}
