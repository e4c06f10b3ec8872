import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliOptions } from './cli-options';
import { machineInfo } from './report/machine';
import { printHeader, printScenario, printTargetSummary } from './report/print-table';
import type { ScenarioReport } from './report/scenario-report';
import { writeResults } from './report/write-json';
import { SCENARIOS } from './scenario-list';

const options = parseCliOptions(process.argv.slice(2));
const unknownIds = [...(options.only ?? [])].filter(
  (id) => !SCENARIOS.some((scenario) => scenario.id === id),
);
if (unknownIds.length > 0) throw new Error(`no scenario numbered ${unknownIds.join(', ')}`);
const machine = machineInfo();
printHeader(machine, options.mode.name);
const scenarioScript = fileURLToPath(new URL('./run-scenario.ts', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'aitracing-bench-'));
const reports: ScenarioReport[] = [];

/** Adds a part to the previous report when it continues it (scenario 6 runs one pipeline per process). */
function merge(report: ScenarioReport): void {
  const previous = reports.at(-1);
  if (previous === undefined || previous.key !== report.key) {
    reports.push(report);
    return;
  }
  reports[reports.length - 1] = {
    ...previous,
    results: [...previous.results, ...report.results],
    targets: [...previous.targets, ...report.targets],
    notes: [...new Set([...previous.notes, ...report.notes])],
    errors: [...previous.errors, ...report.errors],
  };
}

const selected = SCENARIOS.filter((scenario) =>
  options.only === undefined ? scenario.optIn !== true : options.only.has(scenario.id),
);
for (const [index, scenario] of selected.entries()) {
  const reportPath = join(workDir, `${scenario.key}.json`);
  // Each scenario (or part) in a fresh process.
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', scenarioScript, scenario.key, options.mode.name, reportPath],
    { stdio: 'inherit' },
  );
  try {
    merge(JSON.parse(readFileSync(reportPath, 'utf8')) as ScenarioReport);
  } catch {
    const reason = child.error?.message ?? `exit code ${child.status}, signal ${child.signal}`;
    merge({
      id: String(scenario.id),
      key: scenario.reportKey,
      title: `${scenario.key} (did not finish)`,
      unit: '',
      showPerSecond: false,
      subject: '',
      results: [],
      targets: [],
      notes: [],
      errors: [`scenario ${scenario.key} did not finish: ${reason}`],
    });
  }
  // Print a table once its scenario is complete (all its parts have run).
  const next = selected[index + 1];
  const last = reports.at(-1)!;
  if (next === undefined || next.reportKey !== scenario.reportKey)
    printScenario(last, options.mode.name === 'smoke');
}
rmSync(workDir, { recursive: true, force: true });
printTargetSummary(reports, options.mode.name === 'smoke');
writeResults(options.outputPath, machine, options.mode.name, reports);
console.log(`\nresults written to ${options.outputPath}`);
const errors = reports.flatMap((report) => report.errors);
if (errors.length > 0) {
  console.error(`\n${errors.length} error(s):\n${errors.map((error) => `  - ${error}`).join('\n')}`);
  process.exitCode = 1;
}
