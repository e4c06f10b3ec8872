import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliOptions } from './cli-options';
import { resolveNodes } from './node-versions';
import { type Job, planJobs } from './process-plan';
import { type Ended, runTakingTurns } from './process-turns';
import { machineInfo } from './report/machine';
import { mergeParts, mergeProcesses } from './report/merge-reports';
import { printHeader, printScenario, printSideBySide } from './report/print-table';
import type { ScenarioReport } from './report/scenario-report';
import { type NodeRun, writeResults } from './report/write-json';
import { SCENARIOS, type ScenarioEntry } from './scenario-list';

const options = parseCliOptions(process.argv.slice(2));
const unknownIds = [...(options.only ?? [])].filter(
  (id) => !SCENARIOS.some((scenario) => scenario.id === id),
);
if (unknownIds.length > 0) throw new Error(`no scenario numbered ${unknownIds.join(', ')}`);
const smoke = options.mode.name === 'smoke';
const { nodes, missing } = resolveNodes(options.nodes);
const machine = machineInfo();
const loadAtStart = loadavg();
printHeader(machine, options.mode.name, nodes);
for (const reason of missing) console.log(`Node 24 skipped: ${reason}`);
const scenarioScript = fileURLToPath(new URL('./run-scenario.ts', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'aitracing-bench-'));

function reportPathOf(index: number): string {
  return join(workDir, `${index}.json`);
}

/** The arguments of one process of the plan. */
function argsOf(job: Job, index: number): string[] {
  return [
    // CPU time is the clock: with the machine's run queue far longer than its
    // 2 cores, V8's parallel GC helpers waiting on each other showed up as
    // 5–20× CPU time in whichever process they hit. One GC thread counts the
    // collector's work, not its synchronisation (the same for every contender).
    '--single-threaded-gc',
    '--expose-gc',
    '--import',
    'tsx',
    scenarioScript,
    job.entry.key,
    options.mode.name,
    reportPathOf(index),
    ...(job.contender === undefined ? [] : [job.contender]),
  ];
}

/** The report a process wrote, or one saying why it has none. */
function reportOf(job: Job, index: number, ended: Ended): ScenarioReport {
  try {
    return JSON.parse(readFileSync(reportPathOf(index), 'utf8')) as ScenarioReport;
  } catch {
    const reason = ended.error ?? `exit code ${ended.code}, signal ${ended.signal}`;
    const who = job.contender === undefined ? '' : ` (${job.contender})`;
    return {
      id: String(job.entry.id),
      key: job.entry.reportKey,
      title: `${job.entry.key} (did not finish)`,
      unit: '',
      showPerSecond: false,
      subject: '',
      results: [],
      targets: [],
      notes: [],
      errors: [`scenario ${job.entry.key}${who} on ${job.node.label} did not finish: ${reason}`],
    };
  }
}

/** Runs the jobs batch by batch (a batch's processes at once, taking turns) and returns each one's report. */
async function runJobs(jobs: readonly Job[], firstIndex: number): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = new Array(jobs.length);
  const batches = [...new Set(jobs.map((job) => job.batch))];
  for (const batch of batches) {
    const members = jobs.flatMap((job, offset) => (job.batch === batch ? [{ job, offset }] : []));
    const ended = await runTakingTurns(
      members.map(({ job, offset }) => ({
        execPath: job.node.execPath,
        args: argsOf(job, firstIndex + offset),
      })),
    );
    for (const [position, { job, offset }] of members.entries()) {
      reports[offset] = reportOf(job, firstIndex + offset, ended[position]!);
    }
  }
  return reports;
}

const selected = SCENARIOS.filter((scenario) =>
  options.only === undefined ? scenario.optIn !== true : options.only.has(scenario.id),
);
// Consecutive entries with one report key are the parts of one scenario (one table).
const groups: ScenarioEntry[][] = [];
for (const entry of selected) {
  const last = groups.at(-1);
  if (last !== undefined && last[0]!.reportKey === entry.reportKey) last.push(entry);
  else groups.push([entry]);
}

const runs: NodeRun[] = nodes.map((node) => ({ node: node.version, v8: node.v8, scenarios: [] }));
let jobIndex = 0;
for (const group of groups) {
  const jobs = planJobs(group, nodes, options.mode.processes, options.mode.splitByContender);
  const reports = (await runJobs(jobs, jobIndex)).map((report, offset) => ({ job: jobs[offset]!, report }));
  jobIndex += jobs.length;
  for (const [nodeIndex, node] of nodes.entries()) {
    const parts = group.map((entry) =>
      mergeProcesses(
        reports.filter(({ job }) => job.node === node && job.entry === entry).map(({ report }) => report),
        entry.perContender,
      ),
    );
    runs[nodeIndex]!.scenarios.push(mergeParts(parts));
  }
  for (const [nodeIndex, node] of nodes.entries()) {
    printScenario(runs[nodeIndex]!.scenarios.at(-1)!, smoke, nodes.length > 1 ? node.label : undefined);
  }
}
rmSync(workDir, { recursive: true, force: true });
const loadAtEnd = loadavg();
printSideBySide(runs, nodes, smoke);
console.log(
  `\nLoad average (1, 5, 15 min) at start ${loadAtStart.map((value) => value.toFixed(2)).join(', ')}; ` +
    `at end ${loadAtEnd.map((value) => value.toFixed(2)).join(', ')} (${machine.cpus} cores)`,
);
writeResults(options.outputPath, machine, options.mode.name, runs, { start: loadAtStart, end: loadAtEnd });
console.log(`\nresults written to ${options.outputPath}`);
const errors = runs.flatMap((run) => run.scenarios.flatMap((report) => report.errors));
if (errors.length > 0) {
  console.error(`\n${errors.length} error(s):\n${errors.map((error) => `  - ${error}`).join('\n')}`);
  process.exitCode = 1;
}
