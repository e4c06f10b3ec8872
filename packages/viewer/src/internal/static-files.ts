import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The page's own files, shipped in the package's `ui/` folder: nothing is loaded from elsewhere. */
const FILES: Record<string, { name: string; type: string }> = {
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { name: 'app.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** The file served at `path`, or undefined. Read once, then kept. */
export async function staticFile(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  const file = FILES[path];
  if (file === undefined) return undefined;
  let body = cache.get(file.name);
  if (body === undefined) {
    // dist/*.js → ../ui/
    body = await readFile(fileURLToPath(new URL(`../ui/${file.name}`, import.meta.url)));
    cache.set(file.name, body);
  }
  return { body, type: file.type };
}
