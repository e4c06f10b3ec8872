import type { MachineInfo } from './machine';
import { ratio, type ScenarioReport, type TargetCheck } from './scenario-report';

/** A number with as many decimals as its size deserves, thousands separated. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTarget(target: TargetCheck, smoke: boolean): string {
  const verdict = smoke || target.met === undefined ? 'n/a   ' : target.met ? 'met   ' : 'MISSED';
  const actual = target.actual === undefined ? 'not measured' : formatNumber(target.actual);
  return `  ${verdict} ${target.description}: ${actual} (target ${target.comparison} ${formatNumber(target.limit)})`;
}

/**
 * Prints one scenario as an aligned table, our ratio to each row, then its
 * targets (not judged in smoke mode) and notes.
 */
export function printScenario(report: ScenarioReport, smoke = false): void {
  const subject = report.results.find((result) => result.name === report.subject)?.summary?.median;
  console.log(`\n${report.id}. ${report.title} (${report.unit}, lower is better)`);
  const header = [
    'contender'.padEnd(52),
    'median'.padStart(12),
    'spread (min–max)'.padStart(24),
    (report.showPerSecond ? 'spans/s' : '').padStart(14),
    'ours ÷ this'.padStart(13),
  ];
  console.log(header.join(''));
  for (const result of report.results) {
    const label = `${result.name}${result.role === 'ours' ? ' (ours)' : ''}`.padEnd(52);
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

/** Prints the header line: machine, Node and mode. */
export function printHeader(machine: MachineInfo, mode: string): void {
  console.log(
    `aitracing bench (${mode}) — ${machine.date.slice(0, 10)}, Node ${machine.node} (V8 ${machine.v8}), ` +
      `${machine.cpus} × ${machine.cpuModel}, ${machine.platform}`,
  );
  console.log('Ratios are "ours ÷ this": below 1 means aitracing costs less. Absolute times are noise.');
  if (mode === 'smoke')
    console.log('Smoke mode: a few iterations to check that everything runs; no figure means anything.');
}

/** Prints every target of the run in one list (not judged in smoke mode). */
export function printTargetSummary(reports: readonly ScenarioReport[], smoke = false): void {
  console.log('\nTargets');
  for (const report of reports) {
    for (const target of report.targets) {
      console.log(formatTarget(target, smoke).replace(/^ {2}/, `  ${report.id}. `));
    }
  }
}
