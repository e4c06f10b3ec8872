import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Run a command to completion; rejects with its output when it fails. */
export function runToEnd(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** `pnpm demo`'s script (examples/src/demo.ts), writing its trace files into `directory`. */
export function runDemo(directory: string): Promise<string> {
  return runToEnd(process.execPath, ['--import', 'tsx', 'src/demo.ts'], `${repositoryRoot}examples`, {
    ...process.env,
    AITRACING_FILE_DIR: directory,
    NO_COLOR: '1',
  });
}

/** The built CLI, `aitracing view --dir <directory>`, as a user starts it; resolves once it printed its URL. */
export function startCli(directory: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', 'view', '--dir', directory], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /aitracing viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve({ url: match[1]!, child });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`the viewer exited ${code}:\n${output}`)));
  });
}
