// `pnpm reliability`: the full fault matrix with real timings and the soak, written to docs/reliability.md.
//
//   pnpm reliability [--soak-minutes 10] [--timings real|fast] [--skip-matrix] [--skip-soak] [--out path]
//                    [--results-dir dir] [--phases matrix:otel,matrix:langfuse,matrix:datadog,load]
//
// Each phase runs in its own process (dd-trace is initialised once per process), one after the other,
// and leaves its JSON result in the results directory: with --phases, the phases not run are read
// from there (rerun one exporter's matrix without repeating the soak).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellResult } from './faults/run-cell';
import { runMatrix } from './faults/run-matrix';
import { FAST_PROFILE, REAL_PROFILE, type TimingProfile } from './faults/timing-profile';
import { type LoadResult, runLoad } from './load/run-load';
import { renderReport } from './report/render-report';
import { createSecrets } from './security/secrets';
import { DatadogTarget } from './targets/datadog-target';
import type { FaultTarget } from './targets/fault-target';
import { LangfuseTarget } from './targets/langfuse-target';
import { OtelTarget } from './targets/otel-target';

interface CliOptions {
  soakMinutes: number;
  timings: 'real' | 'fast';
  skipMatrix: boolean;
  skipSoak: boolean;
  out: string;
  phase: string | undefined;
  resultFile: string | undefined;
  resultsDir: string | undefined;
  phases: readonly string[] | undefined;
}

const ALL_PHASES = ['matrix:otel', 'matrix:langfuse', 'matrix:datadog', 'load'];

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const say = (message: string) => process.stdout.write(`${message}\n`);

function parseOptions(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    soakMinutes: 10,
    timings: 'real',
    skipMatrix: false,
    skipSoak: false,
    out: join(repositoryRoot, 'docs', 'reliability.md'),
    phase: undefined,
    resultFile: undefined,
    resultsDir: undefined,
    phases: undefined,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--soak-minutes') {
      options.soakMinutes = Number(value());
      if (!Number.isFinite(options.soakMinutes) || options.soakMinutes <= 0) {
        throw new Error('--soak-minutes must be a positive number');
      }
    } else if (arg === '--timings') {
      const timings = value();
      if (timings !== 'real' && timings !== 'fast') throw new Error('--timings must be real or fast');
      options.timings = timings;
    } else if (arg === '--skip-matrix') options.skipMatrix = true;
    else if (arg === '--skip-soak') options.skipSoak = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--phase') options.phase = value();
    else if (arg === '--result-file') options.resultFile = value();
    else if (arg === '--results-dir') options.resultsDir = value();
    else if (arg === '--phases') {
      // `--phases ''` runs nothing: the report is rendered again from the results directory.
      options.phases = value()
        .split(',')
        .filter((phase) => phase !== '');
      const unknown = options.phases.filter((phase) => !ALL_PHASES.includes(phase));
      if (unknown.length > 0) throw new Error(`unknown phases ${unknown.join(', ')}`);
    } else if (arg !== '--') throw new Error(`unknown option ${arg}`);
  }
  return options;
}

function targetFor(name: string, secrets: ReturnType<typeof createSecrets>): FaultTarget {
  if (name === 'otel') return new OtelTarget();
  if (name === 'langfuse') return new LangfuseTarget(secrets);
  if (name === 'datadog') return new DatadogTarget();
  throw new Error(`unknown exporter ${name}`);
}

/** Child process: run one phase and write its JSON result. */
async function runPhase(options: CliOptions): Promise<void> {
  const profile: TimingProfile = options.timings === 'real' ? REAL_PROFILE : FAST_PROFILE;
  const secrets = createSecrets();
  let result: unknown;
  if (options.phase?.startsWith('matrix:')) {
    const target = targetFor(options.phase.slice('matrix:'.length), secrets);
    result = await runMatrix(target, profile, secrets, {
      onCell: (cell) =>
        say(
          `  ${cell.exporter} · ${cell.faultLabel}: sent ${cell.sent}, received ${cell.received}, ` +
            `dropped ${JSON.stringify(cell.dropped)}, ${(cell.durationMs / 1000).toFixed(1)} s`,
        ),
    });
  } else if (options.phase === 'load') {
    const durationMs = options.soakMinutes * 60_000;
    result = await runLoad(
      {
        durationMs,
        agents: 200,
        minSpans: 20,
        maxSpans: 200,
        minPauseMs: 50,
        maxPauseMs: 150,
        warmupMs: Math.min(120_000, durationMs / 4),
        heapSampleEveryMs: Math.max(2_000, durationMs / 60),
        drainTimeoutMs: 60_000,
        onProgress: (message) => say(`  ${message}`),
      },
      secrets,
    );
  } else {
    throw new Error(`unknown phase ${options.phase}`);
  }
  if (options.resultFile === undefined) throw new Error('--result-file is required with --phase');
  writeFileSync(options.resultFile, JSON.stringify(result));
}

function resultFileOf(phase: string, directory: string): string {
  return join(directory, `${phase.replace(':', '-')}.json`);
}

/** Run `phase` in its own process, or (when --phases leaves it out) read its result of an earlier run. */
function spawnPhase(phase: string, options: CliOptions, directory: string): unknown {
  const resultFile = resultFileOf(phase, directory);
  if (options.phases !== undefined && !options.phases.includes(phase)) {
    if (!existsSync(resultFile)) throw new Error(`no earlier result for ${phase} in ${directory}`);
    say(`${phase}: result of an earlier run (${resultFile})`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as unknown;
  }
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--phase',
    phase,
    '--result-file',
    resultFile,
    '--timings',
    options.timings,
    '--soak-minutes',
    String(options.soakMinutes),
  ];
  say(`${phase}…`);
  const child = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  if (child.status !== 0) throw new Error(`phase ${phase} failed (exit ${child.status})`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as unknown;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.phase !== undefined) {
    await runPhase(options);
    return;
  }
  const directory = options.resultsDir ?? mkdtempSync(join(tmpdir(), 'aitracing-reliability-'));
  mkdirSync(directory, { recursive: true });
  say(`results in ${directory}`);
  const started = Date.now();
  const cells: CellResult[] = [];
  if (!options.skipMatrix) {
    for (const exporter of ['otel', 'langfuse', 'datadog']) {
      cells.push(...(spawnPhase(`matrix:${exporter}`, options, directory) as CellResult[]));
    }
  }
  const load = options.skipSoak ? undefined : (spawnPhase('load', options, directory) as LoadResult);
  const notes: string[] = [];
  if (options.soakMinutes < 10 && !options.skipSoak) {
    notes.push(
      `The soak ran ${options.soakMinutes} minutes (shortened with --soak-minutes; the full soak is 10).`,
    );
  }
  if (options.timings === 'fast') notes.push('Fault timings were the shortened CI ones (--timings fast).');
  const report = renderReport({
    date: new Date(),
    machine: `${cpus().length} cores, Node ${process.versions.node}`,
    profile: options.timings === 'real' ? REAL_PROFILE : FAST_PROFILE,
    cells,
    load,
    soakMinutes: options.soakMinutes,
    notes,
    appendix: readAppendix(),
  });
  writeFileSync(options.out, report);
  say(`wrote ${options.out} in ${Math.round((Date.now() - started) / 1000)} s`);
}

// The process-lifetime cases are measured by the packages' own tests: their hand-written figures are kept.
function readAppendix(): string | undefined {
  const file = join(repositoryRoot, 'docs', 'reliability-process-lifetime.md');
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `reliability: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
