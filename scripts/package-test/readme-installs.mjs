// The install lines of the packages' READMEs, as a user copies them: every `npm install`
// line of a sh/bash/shell block (global installs aside), in order, comments stripped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

/** `[{ readme, lines: [['npm', 'install', ...specs]] }]`: each README's install lines, run one after the other in one project. */
export function readmeInstalls(root) {
  const installs = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const readme = join('packages', dir, 'README.md');
    if (!existsSync(join(root, readme))) continue;
    const lines = [];
    let fence;
    for (const line of readFileSync(join(root, readme), 'utf8').split('\n')) {
      const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
      if (open !== null && fence === undefined) {
        fence = { marker: open[1], shell: SHELL.has(open[2].toLowerCase()) };
        continue;
      }
      if (fence !== undefined && line.trim().startsWith(fence.marker)) {
        fence = undefined;
        continue;
      }
      if (!fence?.shell) continue;
      const words = splitWords(line.replace(/(^|\s)#.*$/, ''));
      if (words[0] === 'npm' && ['install', 'i', 'add'].includes(words[1]) && !words.includes('-g')) {
        lines.push(words);
      }
    }
    if (lines.length > 0) installs.push({ readme, lines });
  }
  return installs;
}

/** Splits a shell line into words, honouring single and double quotes (enough for install lines). */
function splitWords(line) {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The package name of an npm spec: `@scope/name@range` → `@scope/name`, `name@range` → `name`. */
export function specName(spec) {
  const at = spec.indexOf('@', 1);
  return at === -1 ? spec : spec.slice(0, at);
}

/**
 * The specs of one install line with each `@aitracing/*` package replaced by its packed tarball,
 * plus the tarballs of the `@aitracing/*` packages those depend on (npm would fetch them from the
 * registry, where this commit's versions are not). Every other spec stays as written.
 */
export function withTarballs(specs, packed) {
  const result = [];
  const added = new Set();
  const addPackage = (name) => {
    if (added.has(name)) return;
    const entry = packed.get(name);
    if (entry === undefined) throw new Error(`${name} is named in a README but was not packed`);
    added.add(name);
    result.push(entry.tarball);
    for (const dependency of Object.keys(entry.manifest.dependencies ?? {})) {
      if (dependency.startsWith('@aitracing/')) addPackage(dependency);
    }
  };
  for (const spec of specs) {
    if (spec.startsWith('@aitracing/')) addPackage(specName(spec));
    else result.push(spec);
  }
  return result;
}
