import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What a child Node process did. */
export interface NodeRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into lines */
  readonly lines: readonly string[];
}

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/**
 * Run `fixtures/<script>` in a separate Node process, the way a user runs a
 * script, and resolve when it exits on its own. AITRACING_* variables of the
 * test process are not passed on; `env` adds some.
 */
export function runNode(
  script: string,
  options: { args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<NodeRun> {
  if (!existsSync(DIST)) {
    throw new Error(
      'packages/core/dist is missing: run `pnpm exec turbo run build --filter=@aitracing/core`',
    );
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('AITRACING_')) env[name] = value;
  }
  Object.assign(env, options.env);
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  const child = spawn(process.execPath, [path, ...(options.args ?? [])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr, lines: stdout.split('\n').filter((line) => line !== '') });
    });
  });
}
