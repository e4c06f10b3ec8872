// Sums the vitest JSON reports of the workspace packages into one closing line.
// Usage: node scripts/test-summary.mjs [--label <text>] [workspace folder...]
// (default: packages/*, examples, bench and reliability; `packages` alone: packages/* only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const labelAt = args.indexOf('--label');
const label = labelAt === -1 ? '' : ` (${args.splice(labelAt, 2)[1]})`;
const folders = args.length > 0 ? args : ['packages', 'examples', 'bench', 'reliability'];
const workspaces = folders.flatMap((folder) =>
  folder === 'packages'
    ? readdirSync(join(root, 'packages')).map((name) => join('packages', name))
    : [folder],
);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const workspace of workspaces) {
  const file = join(root, workspace, 'test-results.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (label !== '') console.log(`Test summary${label}:`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
