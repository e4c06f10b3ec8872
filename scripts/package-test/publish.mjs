// Publishing end to end: a clone of this commit versions its pending changesets and runs the
// release's publish step (`changeset publish`) against a Verdaccio registry on loopback (random
// port, storage in a temp dir, npm's registry as uplink for third-party packages); then fresh
// projects install from it with each package README's `npm install` lines exactly as written.
// Any npm warning fails. Nothing is pushed, tagged or published outside the temp dir.
// Usage: node scripts/package-test/publish.mjs   (Verdaccio is cached in ~/.cache/aitracing/verdaccio)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTree, installPackages } from './npm-project.mjs';
import { readmeInstalls } from './readme-installs.mjs';
import { run } from './run-command.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const VERDACCIO_VERSION = '6.8.0';
const cache = join(homedir(), '.cache', 'aitracing', 'verdaccio');
const verdaccioBin = join(cache, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Without the `npm_*` / `pnpm_*` variables pnpm sets for scripts, which npm and pnpm would read as config. */
function cleanEnvironment(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

async function step(title, command, args, options) {
  const started = Date.now();
  const result = await run(command, args, { env: cleanEnvironment(), ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${title} failed (${command} ${args.join(' ')}):\n${output}`);
  }
  console.log(`✓ ${title} (${seconds}s)`);
  return result;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Verdaccio on loopback; resolves with its URL and a stop function. */
async function startRegistry(workDir) {
  if (!existsSync(verdaccioBin)) {
    await mkdir(cache, { recursive: true });
    await step('fetch Verdaccio from npm', 'npm', [
      'install',
      '--prefix',
      cache,
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--loglevel=error',
      `verdaccio@${VERDACCIO_VERSION}`,
    ]);
  }
  const dir = join(workDir, 'registry');
  await mkdir(join(dir, 'storage'), { recursive: true });
  await writeFile(
    join(dir, 'config.yaml'),
    [
      'storage: ./storage',
      'auth:',
      '  htpasswd:',
      '    file: ./htpasswd',
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      'packages:',
      "  '@aitracing/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${await freePort()}`;
  const child = spawn(
    process.execPath,
    [verdaccioBin, '--config', join(dir, 'config.yaml'), '--listen', url.replace('http://', '')],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = () => {
    child.kill('SIGTERM');
    return new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve()));
  };
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited:\n${output}`);
    const ping = await fetch(`${url}/-/ping`).catch(() => undefined);
    if (ping?.ok) break;
    if (waited > 60_000) {
      await stop();
      throw new Error(`Verdaccio did not answer within a minute:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const user = await fetch(`${url}/-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'release-password' }),
  });
  const { token } = await user.json();
  if (typeof token !== 'string') throw new Error(`Verdaccio gave no token:\n${output}`);
  return { url, token, stop };
}

/** `.npmrc` lines that point npm and pnpm at the local registry. */
const npmrc = ({ url, token }) => `registry=${url}/\n//${url.replace('http://', '')}/:_authToken=${token}\n`;

async function main() {
  const started = Date.now();
  const workDir = await mkdtemp(join(tmpdir(), 'aitracing-publish-test-'));
  let registry;
  let failed = 0;
  try {
    registry = await startRegistry(workDir);
    console.log(`✓ Verdaccio on ${registry.url}`);
    const clone = join(workDir, 'repo');
    await step('clone this commit', 'git', ['clone', '--quiet', '--no-hardlinks', root, clone]);
    await step('pnpm install', 'pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: clone });
    // The release flow of README.md § Publishing: version the pending changesets, build, publish.
    await step('changeset version', 'pnpm', ['exec', 'changeset', 'version'], { cwd: clone });
    await step('build', 'pnpm', ['build', '--output-logs=errors-only'], { cwd: clone });
    // As a user config: the npm that pnpm runs in each package folder reads no project .npmrc above it.
    const userconfig = join(workDir, 'npmrc');
    await writeFile(userconfig, npmrc(registry));
    await step(
      'changeset publish (the last step of `pnpm release`)',
      'pnpm',
      ['exec', 'changeset', 'publish'],
      {
        cwd: clone,
        // changesets reads the lower-case variable to choose the registry it passes on to each publish.
        env: cleanEnvironment({ npm_config_userconfig: userconfig, npm_config_registry: `${registry.url}/` }),
      },
    );

    for (const { readme, lines } of readmeInstalls(clone)) {
      const project = await mkdtemp(join(workDir, 'project-'));
      await writeFile(
        join(project, 'package.json'),
        '{ "name": "fresh-project", "version": "1.0.0", "private": true }\n',
      );
      await writeFile(join(project, '.npmrc'), npmrc(registry));
      const problems = [];
      for (const words of lines) {
        const install = await installPackages(project, words.slice(2), { strictPeerDeps: false });
        problems.push(...install.problems.map((problem) => `${words.join(' ')}: ${problem}`));
      }
      if (problems.length === 0) problems.push(...(await checkTree(project)));
      const title = `${readme}: ${lines.map((words) => words.join(' ')).join(' && ')}`;
      if (problems.length === 0) {
        console.log(`✓ ${title}`);
      } else {
        failed += 1;
        console.log(`✗ ${title}\n    ${problems.join('\n').replaceAll('\n', '\n    ')}`);
      }
    }
  } finally {
    await registry?.stop();
    if (failed === 0) await rm(workDir, { recursive: true, force: true });
    else console.log(`The failing projects are kept in ${workDir}`);
  }
  console.log(`Publishing test took ${((Date.now() - started) / 1000).toFixed(0)}s.`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`Publishing test could not run: ${error.stack ?? error}`);
  process.exitCode = 1;
});
