// Packaging test: proves the packages the way a user meets them. Each package is
// packed with `pnpm pack`; the tarballs are installed with npm into fresh projects
// in the OS temp directory (nothing resolves from the workspace), and a small trace
// runs there from an ES module and from a CommonJS file. Each package README's
// `npm install` lines also run as written (our packages mapped to their tarballs).
// A missing file, a wrong `exports` entry, a dependency that only resolves inside the
// workspace, or an npm warning about peers fails it.
// Usage: node scripts/package-test/run.mjs [--node22-only]
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMBINATIONS, PACKAGES } from './combinations.mjs';
import { checkInstall, checkTree, compareVersions, installPackages, lowerBound } from './npm-project.mjs';
import { readmeInstalls, specName, withTarballs } from './readme-installs.mjs';
import { run } from './run-command.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const CONCURRENCY = 2;
const SCENARIO_TIMEOUT_MS = 60_000;

/** The environment a user's app would have: none of ours, npm's, or the backends' settings. */
function cleanEnvironment() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|OTEL_|LANGFUSE_|DD_|DATADOG_|AITRACING_|NODE_PATH$|NODE_OPTIONS$)/i.test(key)) continue;
    env[key] = value;
  }
  // dd-trace: no telemetry, remote configuration or profiling traffic besides the spans under test.
  env.DD_REMOTE_CONFIGURATION_ENABLED = 'false';
  env.DD_INSTRUMENTATION_TELEMETRY_ENABLED = 'false';
  env.DD_CRASHTRACKING_ENABLED = 'false';
  env.DD_TRACE_STARTUP_LOGS = 'false';
  return env;
}

const lastLines = (text, count = 12) => text.trim().split('\n').slice(-count).join('\n');

/** Which packages can be tested now, and why the others cannot. */
async function availablePackages() {
  const available = new Map();
  const unavailable = new Map();
  const required = Object.entries(PACKAGES).filter(([, { optional }]) => !optional);
  const build = await run(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      ...required.map(([name]) => `--filter=${name}`),
      '--output-logs=errors-only',
    ],
    { cwd: root },
  );
  if (build.code !== 0) throw new Error(`the build failed:\n${lastLines(build.stdout + build.stderr, 30)}`);
  for (const [name, { dir, optional }] of Object.entries(PACKAGES)) {
    const packageDir = join(root, 'packages', dir);
    if (!existsSync(join(packageDir, 'package.json'))) {
      if (!optional) throw new Error(`packages/${dir}/package.json is missing`);
      unavailable.set(name, `packages/${dir}/package.json does not exist yet`);
      continue;
    }
    if (optional) {
      const build = await run('pnpm', ['--filter', name, 'build'], { cwd: root });
      if (build.code !== 0) {
        unavailable.set(
          name,
          `\`pnpm --filter ${name} build\` failed:\n${lastLines(build.stdout + build.stderr)}`,
        );
        continue;
      }
    }
    available.set(name, packageDir);
  }
  return { available, unavailable };
}

/** `pnpm pack`s each package into `destination`; returns name → { tarball, manifest }. */
async function packPackages(available, destination) {
  const packed = new Map();
  await Promise.all(
    [...available].map(async ([name, packageDir]) => {
      const result = await run('pnpm', ['pack', '--pack-destination', destination], { cwd: packageDir });
      const tarball = result.stdout
        .trim()
        .split('\n')
        .find((line) => line.endsWith('.tgz'));
      if (result.code !== 0 || tarball === undefined) {
        throw new Error(`pnpm pack failed for ${name}:\n${lastLines(result.stdout + result.stderr)}`);
      }
      const manifest = await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: destination });
      if (manifest.stdout.includes('"workspace:')) {
        throw new Error(`the packed package.json of ${name} still has a workspace: range`);
      }
      packed.set(name, { tarball, manifest: JSON.parse(manifest.stdout) });
    }),
  );
  return packed;
}

/** One install per combination and per set of peer versions to prove. */
function expand(combination, packed) {
  const peers = Object.entries(combination.peers ?? {});
  const variants = Math.max(1, ...peers.map(([, versions]) => versions.length));
  return Array.from({ length: variants }, (_, index) => {
    const peerSpecs = peers.map(([peer, versions]) => {
      // Every package of the install that declares the peer constrains it: the ranges intersect.
      const ranges = combination.install
        .map((name) => packed.get(name).manifest.peerDependencies?.[peer])
        .filter((range) => range !== undefined);
      if (ranges.length === 0)
        throw new Error(`no package of "${combination.name}" declares the peer ${peer}`);
      // Ranges with alternatives (`^5 || ^6`) cannot be intersected by joining them.
      if (ranges.length > 1 && ranges.some((range) => range.includes('||')))
        throw new Error(`"${combination.name}": cannot intersect the ${peer} ranges ${ranges.join(', ')}`);
      const lowest = ranges.map(lowerBound).sort(compareVersions).at(-1);
      const wanted = versions[Math.min(index, versions.length - 1)];
      const spec = wanted === 'lowest' ? lowest : wanted === 'highest' ? ranges.join(' ') : wanted;
      return { peer, spec, label: wanted };
    });
    return { ...combination, peerSpecs };
  });
}

/** Installs one variant into a fresh project and runs its scenario as ESM and as CommonJS. */
async function testVariant(variant, packed, workDir, env) {
  const project = await mkdtemp(join(workDir, `${variant.scenario}-`));
  await writeFile(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'aitracing-package-test', version: '0.0.0', private: true }, null, 2)}\n`,
  );
  await cp(fixtures, project, { recursive: true });
  const started = Date.now();
  const install = await installPackages(project, [
    ...withTarballs(variant.install, packed),
    ...variant.peerSpecs.map(({ peer, spec }) => `${peer}@${spec}`),
    ...(variant.extras ?? []),
  ]);
  const installSeconds = ((Date.now() - started) / 1000).toFixed(1);
  const problems =
    install.problems.length > 0 ? install.problems : await checkInstall(project, variant.install);
  const installed = await Promise.all(
    [
      ...variant.peerSpecs.map(({ peer, label }) => ({ name: peer, label })),
      ...(variant.extras ?? []).map((spec) => ({ name: specName(spec), label: spec })),
    ].map(async ({ name, label }) => {
      const file = join(project, 'node_modules', name, 'package.json');
      const version = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')).version : 'missing';
      return `${name} ${version} (${label})`;
    }),
  );
  const title = [variant.name, ...installed].join(', ');
  if (problems.length > 0) {
    return { title, installSeconds, notes: install.notes, results: [{ format: 'install', problems }] };
  }
  const results = [];
  for (const [format, file] of [
    ['esm', 'trace.mjs'],
    ['cjs', 'trace.cjs'],
  ]) {
    const result = await run(process.execPath, [file, variant.scenario, ...variant.load], {
      cwd: project,
      env,
      timeoutMs: SCENARIO_TIMEOUT_MS,
    });
    const output = `${result.stdout}${result.stderr}`.trim();
    const ok = result.code === 0 && result.stderr.trim() === '';
    results.push({
      format,
      problems: ok ? [] : [output || `exit code ${result.code}`],
      observed: result.stdout.trim(),
    });
  }
  return { title, installSeconds, notes: install.notes, results };
}

/** Runs a README's install lines, as written, one after the other in a fresh project. */
async function testReadmeInstall({ readme, lines }, packed, workDir) {
  const project = await mkdtemp(join(workDir, 'readme-'));
  await writeFile(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'aitracing-readme-install', version: '0.0.0', private: true }, null, 2)}\n`,
  );
  const started = Date.now();
  const notes = [];
  const problems = [];
  for (const words of lines) {
    const install = await installPackages(project, withTarballs(words.slice(2), packed), {
      strictPeerDeps: false,
    });
    notes.push(...install.notes);
    problems.push(...install.problems.map((problem) => `${words.join(' ')}: ${problem}`));
    if (problems.length > 0) break;
  }
  if (problems.length === 0) problems.push(...(await checkTree(project)));
  const installSeconds = ((Date.now() - started) / 1000).toFixed(1);
  const title = `${readme}: ${lines.map((words) => words.join(' ')).join(' && ')}`;
  const observed = problems.length === 0 ? 'installed without a warning' : '';
  return { title, installSeconds, notes, results: [{ format: 'readme', problems, observed }] };
}

async function main() {
  const started = Date.now();
  const workDir = await mkdtemp(join(tmpdir(), 'aitracing-package-test-'));
  for (let dir = dirname(workDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      throw new Error(
        `${join(dir, 'node_modules')} exists: packages would resolve from it, the test proves nothing`,
      );
    }
    if (dir === parse(dir).root) break;
  }
  const { available, unavailable } = await availablePackages();
  const tarballs = join(workDir, 'tarballs');
  await mkdir(tarballs);
  const packed = await packPackages(available, tarballs);
  const env = cleanEnvironment();

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const queue = [];
  // `--node22-only`: the combinations that need Node 22 (CI runs them in its Node 24 step).
  const node22Only = process.argv.includes('--node22-only');
  for (const combination of COMBINATIONS) {
    if (node22Only && combination.needsNode22 !== true) continue;
    const missing = combination.install.find((name) => !available.has(name));
    if (missing !== undefined) {
      const variants = Math.max(
        1,
        ...Object.values(combination.peers ?? {}).map((versions) => versions.length),
      );
      skipped += variants * 2;
      console.log(`- ${combination.name}: skipped, ${unavailable.get(missing).replaceAll('\n', '\n    ')}`);
      continue;
    }
    queue.push(...expand(combination, packed));
  }
  for (const install of node22Only ? [] : readmeInstalls(root)) {
    const missing = install.lines
      .flat()
      .find((word) => word.startsWith('@aitracing/') && !packed.has(word.replace(/(.)@.*$/, '$1')));
    if (missing !== undefined) {
      skipped += 1;
      console.log(`- ${install.readme}: skipped, ${missing} cannot be packed yet`);
      continue;
    }
    queue.push({ readmeInstall: install });
  }

  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let variant = queue.shift(); variant !== undefined; variant = queue.shift()) {
      const outcome =
        variant.readmeInstall === undefined
          ? await testVariant(variant, packed, workDir, env)
          : await testReadmeInstall(variant.readmeInstall, packed, workDir);
      const ok = outcome.results.every((result) => result.problems.length === 0);
      const lines = [`${ok ? '✓' : '✗'} ${outcome.title} (npm install ${outcome.installSeconds}s)`];
      for (const note of outcome.notes) lines.push(`    note: ${note}`);
      for (const { format, problems, observed } of outcome.results) {
        if (problems.length === 0) {
          passed += 1;
          lines.push(`    ${observed}`);
        } else {
          failed += format === 'install' ? 2 : 1;
          lines.push(
            `    ${format} FAILED:`,
            ...problems.map((problem) => `      ${problem.replaceAll('\n', '\n      ')}`),
          );
        }
      }
      console.log(lines.join('\n'));
    }
  });
  await Promise.all(workers);

  if (failed === 0) await rm(workDir, { recursive: true, force: true });
  else console.log(`The failing projects are kept in ${workDir}`);
  console.log(`Packaging test took ${((Date.now() - started) / 1000).toFixed(0)}s.`);
  console.log(`Packages: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`Packages: packaging test could not run: ${error.stack ?? error}`);
  process.exitCode = 1;
});
