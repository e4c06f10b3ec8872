import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command';

/** This package's folder (the apps and node_modules/.bin live here). */
export const PACKAGE_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));

/** A runtime binary from this package's npm dependencies (`workerd`, `bun`, `deno`). */
export function binary(name: 'workerd' | 'bun' | 'deno'): string {
  return `${PACKAGE_DIRECTORY}node_modules/.bin/${name}`;
}

/** Debian's Chromium, as `.ci/run` installs it. */
export { CHROMIUM_PATH as CHROMIUM } from '@aitracing/test-support';

/**
 * Why `command --version` cannot run here, or `undefined` when it can: the
 * tests skip with this message only when the binary truly cannot start.
 */
export async function cannotRun(command: string): Promise<string | undefined> {
  if (!existsSync(command)) return `${command} is not installed`;
  const result = await runCommand(command, ['--version']);
  return result.code === 0 ? undefined : `${command} --version failed: ${result.output.trim().slice(0, 300)}`;
}
