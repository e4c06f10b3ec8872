// Sums the vitest JSON reports of the workspace packages into one closing line.
// Usage: node scripts/test-summary.mjs [--label <text>] [workspace folder...]
// (default: every workspace of pnpm-workspace.yaml, so a new one is counted without an edit here;
// `packages` alone: packages/* only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const labelAt = args.indexOf('--label');
const label = labelAt === -1 ? '' : ` (${args.splice(labelAt, 2)[1]})`;
/** The workspace folders pnpm-workspace.yaml lists (`dir/*` globs expanded one level). */
function workspaceFolders() {
  const manifest = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  // The `packages:` list ends at the next top-level key.
  const section = (manifest.split(/^packages:\s*$/m)[1] ?? '').split(/^\S/m)[0];
  return [...section.matchAll(/^\s+-\s+['"]?([^'"\s#]+)['"]?/gm)].map((match) => match[1]);
}
const folders = args.length > 0 ? args : workspaceFolders();
const workspaces = folders.flatMap((folder) => {
  const parent = folder.replace(/\/\*$/, '');
  return folder.endsWith('/*') || folder === 'packages'
    ? readdirSync(join(root, parent)).map((name) => join(parent, name))
    : [folder];
});
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
