import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeSelection } from './node-versions';
import { FULL_MODE, type RunMode, SMOKE_MODE } from './run-mode';

/** What the command line asked for. */
export interface CliOptions {
  readonly mode: RunMode;
  /** Scenario numbers to run (all when `--only` is absent). */
  readonly only: ReadonlySet<number> | undefined;
  /** Where the JSON results go. */
  readonly outputPath: string;
  /** Node versions to run on. @defaultValue `'both'` (`'current'` in smoke mode) */
  readonly nodes: NodeSelection;
}

const USAGE =
  'usage: run.ts [--smoke] [--only=1,3,5,7] [--node=current|24|both] [--out=path/to/results.json]';

/**
 * Parses `--smoke` (tiny iteration counts, results to a temp file, this
 * Node only), `--node=current|24|both`,
 * `--only=N,M` (positive scenario numbers; run.ts rejects unknown ones) and
 * `--out=PATH`. Throws with the usage line on anything else.
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let smoke = false;
  let only: Set<number> | undefined;
  let outputPath: string | undefined;
  let nodes: NodeSelection | undefined;
  for (const argument of argv) {
    if (argument === '--smoke') smoke = true;
    else if (argument.startsWith('--only=')) {
      only = new Set(argument.slice('--only='.length).split(',').map(Number));
      if ([...only].some((id) => !Number.isInteger(id) || id < 1)) throw new Error(USAGE);
    } else if (argument.startsWith('--out=')) outputPath = argument.slice('--out='.length);
    else if (argument.startsWith('--node=')) {
      const value = argument.slice('--node='.length);
      if (value !== 'current' && value !== '24' && value !== 'both') throw new Error(USAGE);
      nodes = value;
    } else throw new Error(`unknown argument "${argument}"\n${USAGE}`);
  }
  const defaultPath = smoke
    ? join(tmpdir(), `aitracing-bench-smoke-${process.pid}.json`)
    : fileURLToPath(new URL('../results/latest.json', import.meta.url));
  return {
    mode: smoke ? SMOKE_MODE : FULL_MODE,
    only,
    outputPath: outputPath ?? defaultPath,
    // The smoke test checks that everything runs, on the Node running it; figures need both.
    nodes: nodes ?? (smoke ? 'current' : 'both'),
  };
}
