import { spawn } from 'node:child_process';

/** Runs a command; resolves with its exit code and output, never rejects. Killed after `timeoutMs`. */
export function run(command, args, { cwd, env = process.env, timeoutMs = 300_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const killed = signal === 'SIGKILL' ? `\n(killed after ${timeoutMs / 1000}s)` : '';
      resolve({ code: code ?? -1, stdout, stderr: `${stderr}${killed}` });
    });
  });
}
