// npm in a throwaway project: install as a user would, and judge what npm said.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run-command.mjs';

// npm on this machine prints this for every command (a user config key npm 11
// no longer knows); it says nothing about our packages.
const ENVIRONMENT_NOISE =
  'npm warn Unknown user config "nodedir". This will stop working in the next major version of npm. See `npm help npmrc` for supported config options.';

/** npm's environment: without the `npm_*` variables pnpm sets for scripts, which npm would read as config. */
function npmEnvironment() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_)/i.test(key)) env[key] = value;
  }
  return env;
}

/**
 * `npm install <specs>` in `project`. Any npm warning fails the install
 * (peer conflicts, ERESOLVE overrides, unsupported engines) except notes about
 * third-party packages: deprecations and install scripts awaiting approval.
 * `strictPeerDeps: false` installs as a user's plain `npm install` would, where a
 * peer conflict is only a warning (which still fails here).
 */
export async function installPackages(project, specs, { strictPeerDeps = true } = {}) {
  const flags = [
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    ...(strictPeerDeps ? ['--strict-peer-deps'] : []),
  ];
  const result = await run('npm', ['install', ...flags, ...specs], {
    cwd: project,
    env: npmEnvironment(),
    timeoutMs: 240_000,
  });
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== ENVIRONMENT_NOISE);
  const warnings = lines.filter((line) => /^npm (warn|error)/i.test(line));
  const notes = warnings.filter((line) => /^npm warn (deprecated|install-scripts)(\s|$)/i.test(line));
  const problems = warnings.filter((line) => !notes.includes(line));
  if (result.code !== 0 && problems.length === 0) problems.push(lines.slice(-12).join('\n'));
  return { problems, notes };
}

/** `npm ls --all`: what npm itself finds wrong in the installed tree (an invalid or missing peer). */
export async function checkTree(project) {
  const result = await run('npm', ['ls', '--all'], { cwd: project, env: npmEnvironment() });
  if (result.code === 0) return [];
  const lines = `${result.stdout}\n${result.stderr}`.split('\n');
  const wrong = lines.filter((line) => /invalid|missing|UNMET|ELSPROBLEMS|^npm (error|warn)/i.test(line));
  return [
    `npm ls --all exited with ${result.code}:\n${(wrong.length > 0 ? wrong : lines.slice(-12)).join('\n')}`,
  ];
}

/** Every file the installed packages' `exports`, `main`, `module` and `types` name exists. */
export async function checkInstall(project, names) {
  const problems = [];
  for (const name of names) {
    const packageDir = join(project, 'node_modules', name);
    const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    const targets = [manifest.main, manifest.module, manifest.types, ...exportTargets(manifest.exports)];
    for (const target of targets) {
      if (typeof target === 'string' && !existsSync(join(packageDir, target))) {
        problems.push(`${name}: ${target} is named in package.json but not in the package`);
      }
    }
  }
  return problems;
}

function exportTargets(entry) {
  if (typeof entry === 'string') return [entry];
  if (entry === null || typeof entry !== 'object') return [];
  return Object.values(entry).flatMap(exportTargets);
}

/** The lowest version a range such as `>=1.3.0 <1.10.0`, `^1.9.0`, `~5.1` or `^4.87.0 || ^5.0.0` admits. */
export function lowerBound(range) {
  if (range.includes('||')) return range.split('||').map(lowerBound).sort(compareVersions)[0];
  const match = /^\s*(?:>=|\^|~)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(\s|$)/.exec(range);
  if (match === null) throw new Error(`cannot tell the lowest version of "${range}"`);
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

/** Orders `x.y.z` versions. */
export function compareVersions(a, b) {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}
