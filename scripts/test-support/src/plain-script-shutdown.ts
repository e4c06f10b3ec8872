import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackEndpoints } from './loopback-endpoints';
import { type NodeRun, runNode } from './run-node';

/** The line a plain-script fixture prints after `await shutdown()` (see `shutdown-scenario.cjs`). */
interface AfterShutdown {
  readonly stats: { exported: number; dropped: Record<string, number> };
  readonly resources: string[];
}

function afterShutdownOf(run: NodeRun): AfterShutdown | undefined {
  const line = run.lines.find((candidate) => candidate.includes('"after-shutdown"'));
  return line === undefined ? undefined : (JSON.parse(line) as AfterShutdown);
}

/** What every failed-delivery run must show, whatever the module system and the fault. */
function expectCountedAndGone(run: NodeRun, spans: number): void {
  const afterShutdown = afterShutdownOf(run);
  // The code after `await shutdown()` ran, and the process ended on its own with 0.
  expect(afterShutdown, `stderr: ${run.stderr}`).toBeDefined();
  expect(run.code).toBe(0);
  // Every span is accounted for, before shutdown settled.
  const stats = afterShutdown!.stats;
  expect(stats.exported + Object.values(stats.dropped).reduce((sum, count) => sum + count, 0)).toBe(spans);
  expect(stats.dropped.shutdown).toBe(spans);
  // The drop is logged once.
  expect(run.stderr.match(/spans were still queued at shutdown and are dropped/g)).toHaveLength(1);
  // Nothing of ours keeps the process alive after shutdown settled.
  expect(afterShutdown!.resources).not.toContain('Timeout');
  expect(afterShutdown!.resources).not.toContain('TCPSocketWrap');
}

/**
 * The process-lifetime cases of an exporter built on the kit's queue: its
 * `shutdown-script.mjs` and `.cjs` in `fixtures` (a URL of the folder, with a
 * trailing slash) run in a separate Node process against the built dist,
 * exactly as a user's script runs, with an endpoint that answers 500 and one
 * that refuses connections. Call at the top level of a test file.
 */
export function describePlainScriptShutdown(exporterName: string, fixtures: URL): void {
  const endpoints = new LoopbackEndpoints();
  afterEach(() => endpoints.stop());

  describe.each(['mjs', 'cjs'])(`a plain %s script with ${exporterName}`, (extension) => {
    const script = fileURLToPath(new URL(`shutdown-script.${extension}`, fixtures));
    const run = (endpoint: string) =>
      runNode(script, { env: { ...process.env, ENDPOINT: endpoint, SHUTDOWN_MS: '2500' } });

    it('runs the code after `await shutdown()` when the receiver answers 500, counts and logs the drop, exits 0', async () => {
      expectCountedAndGone(await run(await endpoints.failing()), 3);
    });

    it('does the same when the connection is refused', async () => {
      expectCountedAndGone(await run(await endpoints.refusing()), 3);
    });
  });
}
