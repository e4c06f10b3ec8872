// `pnpm bench:compare <run A.json> <run B.json>`: two consecutive runs as Markdown (the
// README's Results tables) on stdout; exits 1 when a ratio moved more than ±15 % between them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { markdownReport, RUN_TO_RUN_TOLERANCE, runToRunChanges } from './report/markdown-report';
import type { BenchResults } from './report/write-json';

const [first, second] = process.argv.slice(2);
if (first === undefined || second === undefined) {
  console.error('usage: pnpm bench:compare <run A.json> <run B.json>');
  process.exit(2);
}
// pnpm runs the script in bench/: paths are taken relative to where the user typed the command.
const read = (path: string): BenchResults =>
  JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), 'utf8')) as BenchResults;
const a = read(first);
const b = read(second);
console.log(markdownReport(a, b));
const outside = runToRunChanges(a, b).filter((change) => Math.abs(change.change) > RUN_TO_RUN_TOLERANCE);
if (outside.length > 0) {
  console.error(
    `${outside.length} ratio(s) moved more than ±${RUN_TO_RUN_TOLERANCE * 100} % between the runs`,
  );
  process.exitCode = 1;
}
