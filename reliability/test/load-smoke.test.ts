import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/app/heap-sampler';
import { runLoad } from '../src/load/run-load';
import { createSecrets } from '../src/security/secrets';

const MB = 1024 * 1024;

// The 10-minute soak is `pnpm reliability`; this is its CI smoke: same agents and routing, 20 s.
describe('load smoke: 200 agents, four exporters, one Observability with per-environment routing', () => {
  it('loses no span with healthy receivers, never disturbs the app, and gives its memory back', async () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const result = await runLoad(
      {
        durationMs: 20_000,
        agents: 200,
        minSpans: 20,
        maxSpans: 200,
        minPauseMs: 50,
        maxPauseMs: 150,
        warmupMs: 10_000,
        heapSampleEveryMs: 2_000,
        drainTimeoutMs: 60_000,
      },
      createSecrets(),
    );
    for (const exporter of result.exporters) {
      expect(exporter.sent, exporter.exporter).toBeGreaterThan(0);
      expect(exporter.received, `${exporter.exporter}: ${exporter.detail ?? ''}`).toBe(exporter.sent);
    }
    expect(result.appErrors).toEqual([]);
    expect(result.secretLeaks).toEqual([]);
    expect(result.logLines).toEqual([]);
    expect(result.latencyNs.p99).toBeGreaterThan(0);
    // Everything the run held is released once it has shut down (dd-trace, a process singleton, stays).
    collectGarbage();
    expect((process.memoryUsage().heapUsed - before) / MB).toBeLessThan(64);
  });
});
