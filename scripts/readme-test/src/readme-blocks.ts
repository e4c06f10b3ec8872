import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of a README that claims to run. */
export interface ReadmeBlock {
  /** The README, relative to the repository root. */
  readonly readme: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language tag: `ts`, `typescript`, `js`, `javascript`. */
  readonly language: string;
  readonly code: string;
  /** Why the block is not run, from `<!-- readme-test: skip -- reason -->` on the line before the fence. */
  readonly skip?: string;
}

const RUNNABLE = new Set(['ts', 'typescript', 'js', 'javascript', 'mts', 'mjs']);
const SKIP_MARKER = /^<!--\s*readme-test:\s*skip\b\s*(?:--\s*(.*?))?\s*-->$/;

/** The READMEs users read: the repository's and every published package's (`packages/<name>/README.md`). */
export function readmePaths(root: string): string[] {
  const packages = join(root, 'packages');
  return [
    join(root, 'README.md'),
    ...readdirSync(packages)
      .sort()
      .map((name) => join(packages, name, 'README.md'))
      .filter((path) => existsSync(path)),
  ];
}

/** The ts/js blocks of one README, in order. Other languages (sh, text) are not code that runs. */
export function extractBlocks(root: string, path: string): ReadmeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[index] ?? '');
    if (open === null) continue;
    const [, indent = '', fence = '```', language = ''] = open;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').trim().startsWith(fence); index++) {
      body.push((lines[index] ?? '').slice(indent.length));
    }
    if (!RUNNABLE.has(language.toLowerCase())) continue;
    const marker = SKIP_MARKER.exec((lines[start - 1] ?? '').trim());
    blocks.push({
      readme: relative(root, path),
      line: start + 1,
      language: language.toLowerCase(),
      code: `${body.join('\n')}\n`,
      ...(marker === null ? {} : { skip: marker[1] ?? '' }),
    });
  }
  return blocks;
}
