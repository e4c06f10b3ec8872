import type { NodeRuntime } from '../node-versions';
import type { MachineInfo } from './machine';
import { ratio, type ScenarioReport, type TargetCheck } from './scenario-report';

/** A number with as many decimals as its size deserves, thousands separated. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The target's limit (`<= 0.5`), or `no target` for an informational figure. */
function limitOf(target: TargetCheck): string {
  return target.limit === undefined ? 'no target' : `${target.comparison} ${formatNumber(target.limit)}`;
}

/** `met`, `MISSED`, `info` (no target) or `n/a` (not judged, or not measured). */
function verdictOf(target: TargetCheck, smoke: boolean): string {
  if (target.limit === undefined) return 'info';
  return smoke || target.met === undefined ? 'n/a' : target.met ? 'met' : 'MISSED';
}

function formatTarget(target: TargetCheck, smoke: boolean): string {
  const actual = target.actual === undefined ? 'not measured' : formatNumber(target.actual);
  const limit = target.limit === undefined ? 'no target' : `target ${limitOf(target)}`;
  return `  ${verdictOf(target, smoke).padEnd(6)} ${target.description}: ${actual} (${limit})`;
}

function labelOf(result: ScenarioReport['results'][number]): string {
  const processes = result.processes === undefined ? '' : ` ×${result.processes}`;
  return `${result.name}${result.role === 'ours' ? ' (ours)' : ''}${processes}`;
}

/**
 * Prints one scenario as an aligned table, our ratio to each row, then its
 * targets (not judged in smoke mode) and notes.
 */
export function printScenario(report: ScenarioReport, smoke = false, nodeLabel?: string): void {
  const subject = report.results.find((result) => result.name === report.subject)?.summary?.median;
  const on = nodeLabel === undefined ? '' : ` — ${nodeLabel}`;
  console.log(`\n${report.id}. ${report.title} (${report.unit}, lower is better)${on}`);
  const width = Math.max(52, ...report.results.map((result) => labelOf(result).length + 2));
  const header = [
    'contender'.padEnd(width),
    'median'.padStart(12),
    'spread (min–max)'.padStart(24),
    (report.showPerSecond ? 'spans/s' : '').padStart(14),
    'ours ÷ this'.padStart(13),
  ];
  console.log(header.join(''));
  for (const result of report.results) {
    const label = labelOf(result).padEnd(width);
    if (result.summary === undefined) {
      console.log(`${label}${'unavailable'.padStart(12)}  ${result.unavailable ?? ''}`);
      continue;
    }
    const { median, min, max } = result.summary;
    const spread = `${formatNumber(min)}–${formatNumber(max)}`;
    const perSecond =
      report.showPerSecond && median > 0 ? Math.round(1e9 / median).toLocaleString('en-US') : '';
    const ours = ratio(subject, median);
    console.log(
      `${label}${formatNumber(median).padStart(12)}${spread.padStart(24)}${perSecond.padStart(14)}${(ours === undefined ? '' : `${ours.toFixed(3)}×`).padStart(13)}`,
    );
    if (result.metrics !== undefined) {
      const figures = Object.entries(result.metrics).map(([key, value]) => `${key} ${formatNumber(value)}`);
      console.log(`${''.padEnd(6)}${figures.join(', ')}`);
    }
  }
  if (report.targets.length > 0) console.log('targets:');
  for (const target of report.targets) console.log(formatTarget(target, smoke));
  for (const note of report.notes) console.log(`  note: ${note}`);
  for (const error of report.errors) console.log(`  ERROR: ${error}`);
}

/** Prints the header line: machine, Node versions and mode. */
export function printHeader(machine: MachineInfo, mode: string, nodes: readonly NodeRuntime[]): void {
  const versions = nodes.map((node) => `${node.version} (V8 ${node.v8})`).join(' and ');
  console.log(
    `aitracing bench (${mode}) — ${machine.date.slice(0, 10)}, Node ${versions}, ` +
      `${machine.cpus} × ${machine.cpuModel}, ${machine.platform}`,
  );
  console.log('Ratios are "ours ÷ this": below 1 means aitracing costs less. Absolute times are noise.');
  console.log(
    'Each contender runs in processes of its own, interleaved; "×3" after a name: median of 3 processes\' medians, spread over them.',
  );
  if (mode === 'smoke')
    console.log('Smoke mode: a few iterations to check that everything runs; no figure means anything.');
}

/** The runs of every scenario on each Node version. */
export interface NodeRunView {
  readonly node: string;
  readonly scenarios: readonly ScenarioReport[];
}

/**
 * Prints every target side by side, one column per Node version: the
 * measured value and met / MISSED (not judged in smoke mode).
 */
export function printSideBySide(
  runs: readonly NodeRunView[],
  nodes: readonly NodeRuntime[],
  smoke = false,
): void {
  console.log(`\nTargets${nodes.map((node) => ` | ${node.label}`).join('')}`);
  const first = runs[0];
  if (first === undefined) return;
  for (const [scenarioIndex, report] of first.scenarios.entries()) {
    for (const [targetIndex, target] of report.targets.entries()) {
      const cells = runs.map((run) => {
        const check = run.scenarios[scenarioIndex]?.targets[targetIndex];
        if (check === undefined || check.actual === undefined) return 'not measured'.padEnd(22);
        return `${formatNumber(check.actual)} ${verdictOf(check, smoke)}`.padEnd(22);
      });
      console.log(
        `  ${report.id}. ${target.description} (${limitOf(target)})`.padEnd(84) + cells.join(' | '),
      );
    }
  }
}
