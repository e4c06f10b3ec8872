import { spawn } from 'node:child_process';
import { expect } from 'vitest';

/** What a script run in its own Node process did. */
export interface ScriptRun {
  /** Exit code (null when killed by a signal) */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON line the script printed after `await shutdown()`, if it got there */
  readonly afterShutdown:
    | { stats: { exported: number; dropped: Record<string, number> }; resources: string[] }
    | undefined;
  /** Milliseconds between that line and the process exiting */
  readonly exitAfterMarkerMs: number | undefined;
}

/**
 * Run `script` with `node` like a user would (no test runner around it) and
 * wait, however long it takes, for it to exit on its own.
 */
export function runScript(script: string, env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let markerAt: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (markerAt === undefined && stdout.includes('"after-shutdown"')) markerAt = performance.now();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.includes('"after-shutdown"'));
      resolve({
        code,
        stdout,
        stderr,
        afterShutdown: line === undefined ? undefined : JSON.parse(line),
        exitAfterMarkerMs: markerAt === undefined ? undefined : performance.now() - markerAt,
      });
    });
  });
}

/** What every failed-delivery run must show, whatever the module system and the fault. */
export function expectCountedAndGone(run: ScriptRun, spans: number): void {
  // The code after `await shutdown()` ran, and the process ended on its own with 0.
  expect(run.afterShutdown, `stderr: ${run.stderr}`).toBeDefined();
  expect(run.code).toBe(0);
  // Every span is accounted for, before shutdown settled.
  const stats = run.afterShutdown!.stats;
  expect(stats.exported + Object.values(stats.dropped).reduce((sum, count) => sum + count, 0)).toBe(spans);
  expect(stats.dropped.shutdown).toBe(spans);
  // The drop is logged once.
  expect(run.stderr.match(/spans were still queued at shutdown and are dropped/g)).toHaveLength(1);
  // Nothing of ours keeps the process alive after shutdown settled.
  expect(run.afterShutdown!.resources).not.toContain('Timeout');
  expect(run.afterShutdown!.resources).not.toContain('TCPSocketWrap');
}
