import { spawn } from 'node:child_process';

/** What a child Node process did. */
export interface NodeRun {
  /** Exit code (null when ended by a signal) */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into its non-empty lines */
  readonly lines: readonly string[];
}

/** Options of {@link runNode}. */
export interface RunNodeOptions {
  /** Arguments after the script. */
  readonly args?: readonly string[];
  /** Node's own arguments, before the script (`--import tsx`, `--expose-gc`). */
  readonly nodeArgs?: readonly string[];
  /** The child's whole environment. @defaultValue `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * Kill the child with SIGKILL after this long: a backstop against a script
   * that never ends, far above what it needs, never a speed limit.
   * @defaultValue none: wait, however long it takes, for the child to end on its own
   */
  readonly killAfterMs?: number;
}

/**
 * Run `script` with this Node in a separate process, the way a user runs a
 * script (no test runner around it), and resolve with what it printed once
 * it has exited. Rejects only when the process cannot be started.
 */
export function runNode(script: string, options: RunNodeOptions = {}): Promise<NodeRun> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env ?? process.env,
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
  const timer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, lines: stdout.split('\n').filter((line) => line !== '') });
    });
  });
}

/**
 * This process's environment without the variables matching `leaveOut`
 * (settings of ours or a backend's that would change what the child does),
 * then `add` on top.
 */
export function environmentWithout(leaveOut: RegExp, add: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !leaveOut.test(name)) env[name] = value;
  }
  return Object.assign(env, add);
}
