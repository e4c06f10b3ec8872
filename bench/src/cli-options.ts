import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_MODE, type RunMode, SMOKE_MODE } from './run-mode';

/** What the command line asked for. */
export interface CliOptions {
  readonly mode: RunMode;
  /** Scenario numbers to run (all when `--only` is absent). */
  readonly only: ReadonlySet<number> | undefined;
  /** Where the JSON results go. */
  readonly outputPath: string;
}

const USAGE = 'usage: run.ts [--smoke] [--only=1,3,5,7] [--out=path/to/results.json]';

/**
 * Parses `--smoke` (tiny iteration counts, results to a temp file),
 * `--only=N,M` (positive scenario numbers; run.ts rejects unknown ones) and
 * `--out=PATH`. Throws with the usage line on anything else.
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let smoke = false;
  let only: Set<number> | undefined;
  let outputPath: string | undefined;
  for (const argument of argv) {
    if (argument === '--smoke') smoke = true;
    else if (argument.startsWith('--only=')) {
      only = new Set(argument.slice('--only='.length).split(',').map(Number));
      if ([...only].some((id) => !Number.isInteger(id) || id < 1)) throw new Error(USAGE);
    } else if (argument.startsWith('--out=')) outputPath = argument.slice('--out='.length);
    else throw new Error(`unknown argument "${argument}"\n${USAGE}`);
  }
  const defaultPath = smoke
    ? join(tmpdir(), `aitracing-bench-smoke-${process.pid}.json`)
    : fileURLToPath(new URL('../results/latest.json', import.meta.url));
  return { mode: smoke ? SMOKE_MODE : FULL_MODE, only, outputPath: outputPath ?? defaultPath };
}
