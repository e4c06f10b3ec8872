import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Throw a clear error when `distFile` (a URL or path of a package's built
 * entry) does not exist: tests that run the built package in a child process
 * say how to build it instead of failing on a missing module.
 */
export function requireBuilt(distFile: URL | string, buildCommand: string): void {
  const path = typeof distFile === 'string' ? distFile : fileURLToPath(distFile);
  if (!existsSync(path)) throw new Error(`${path} is missing: build first with \`${buildCommand}\``);
}
