import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The page's own files, shipped in the package's `ui/` folder: nothing is loaded from elsewhere. */
const FILES: Record<string, { name: string; type: string }> = {
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { name: 'app.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();
let folder: string | undefined;

// The bundle runs from dist/ (../ui); the sources run from src/internal/ in tests (../../ui).
function uiFolder(): string {
  folder ??=
    ['../ui/', '../../ui/']
      .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
      .find((candidate) => existsSync(`${candidate}index.html`)) ??
    fileURLToPath(new URL('../ui/', import.meta.url));
  return folder;
}

/** The file served at `path`, or undefined. Read once, then kept. */
export async function staticFile(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  const file = FILES[path];
  if (file === undefined) return undefined;
  let body = cache.get(file.name);
  if (body === undefined) {
    body = await readFile(`${uiFolder()}${file.name}`);
    cache.set(file.name, body);
  }
  return { body, type: file.type };
}
