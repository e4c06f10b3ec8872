import { fileURLToPath } from 'node:url';
import { environmentWithout, freePort, requireBuilt, runNode } from '@aitracing/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatadogExporterStats } from '../src/index';
import { QUIET_DD_TRACE_ENV } from './dd-env';
import { FakeDatadogAgent } from './fake-datadog-agent';

interface ScriptRun {
  readonly code: number | null;
  readonly lines: readonly string[];
  readonly stderr: string;
  readonly stats: DatadogExporterStats;
  /** `process.getActiveResourcesInfo()` right after shutdown settled */
  readonly resources: readonly string[];
}

const SCRIPT = fileURLToPath(new URL('./fixtures/shutdown-against-agent.mjs', import.meta.url));

/** Run the fixture as a user runs a script: a separate Node process that must end on its own. */
async function runScript(agentUrl: string, mode: string, timeoutMs = 10_000): Promise<ScriptRun> {
  requireBuilt(
    new URL('../dist/index.js', import.meta.url),
    'pnpm exec turbo run build --filter=@aitracing/exporter-datadog...',
  );
  const { code, lines, stderr } = await runNode(SCRIPT, {
    args: [agentUrl, mode, String(timeoutMs)],
    env: environmentWithout(/^(DD_|AITRACING_)/, QUIET_DD_TRACE_ENV),
  });
  const field = (prefix: string) => {
    const line = lines.find((item) => item.startsWith(prefix));
    return line === undefined ? undefined : JSON.parse(line.slice(prefix.length));
  };
  return { code, lines, stderr, stats: field('stats '), resources: field('resources ') ?? [] };
}

let agent: FakeDatadogAgent;

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
});

afterAll(async () => {
  await agent.close();
});

describe('a script that awaits shutdown() and ends', () => {
  for (const mode of ['llmobs', 'apm']) {
    it(`counts every span as delivered by a healthy agent and ends on its own (${mode})`, async () => {
      agent.rejectPayloadsWith(undefined);
      const run = await runScript(agent.url, mode);

      expect(run.code).toBe(0);
      expect(run.lines.at(-1)).toBe('after-shutdown');
      expect(run.stats).toMatchObject({ spansReceived: 3, spansDelivered: 3, spansDropped: 0 });
      expect(run.resources).not.toContain('Timeout');
    });
  }

  for (const [mode, label] of [
    ['llmobs', 'LLM Observability spans'],
    ['apm', 'APM spans'],
  ] as const) {
    it(`runs the code after shutdown, counts the spans an agent answering 400 rejected, logs once (${mode})`, async () => {
      agent.rejectPayloadsWith(400);
      const run = await runScript(agent.url, mode);
      agent.rejectPayloadsWith(undefined);

      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.lines.at(-1)).toBe('after-shutdown');
      expect(run.stats).toMatchObject({ spansReceived: 3, spansDelivered: 0, spansDropped: 3 });
      expect(run.stats.spansDroppedByReason).toMatchObject({ agentRejected: 3, shutdownTimeout: 0 });
      const logs = run.lines.filter((line) => line.includes(label));
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain('HTTP 400');
      expect(run.resources).not.toContain('Timeout');
    });

    it(`keeps retrying an agent answering 500 until the shutdown timeout, then counts and ends (${mode})`, async () => {
      agent.rejectPayloadsWith(500);
      const run = await runScript(agent.url, mode, 1_500);
      agent.rejectPayloadsWith(undefined);

      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.lines.at(-1)).toBe('after-shutdown');
      expect(run.stats).toMatchObject({ spansReceived: 3, spansDelivered: 0, spansDropped: 3 });
      expect(run.stats.spansDroppedByReason).toMatchObject({ agentRejected: 0, shutdownTimeout: 3 });
      expect(run.stats.requestsRejected).toBeGreaterThanOrEqual(1);
      const atShutdown = run.lines.filter((line) => line.includes('at shutdown'));
      expect(atShutdown).toHaveLength(1);
      expect(atShutdown[0]).toContain('3 span(s) were not confirmed delivered');
      expect(atShutdown[0]).toContain(label);
      expect(atShutdown[0]).toContain('HTTP 500');
      expect(run.resources).not.toContain('Timeout');
    });

    it(`runs the code after shutdown and counts every span as dropped when no agent listens (${mode})`, async () => {
      const run = await runScript(`http://127.0.0.1:${await freePort()}`, mode, 1_500);

      expect(run.code).toBe(0);
      expect(run.lines.at(-1)).toBe('after-shutdown');
      expect(run.stats).toMatchObject({ spansReceived: 3, spansDelivered: 0, spansDropped: 3 });
      expect(run.stats.spansDroppedByReason.shutdownTimeout).toBe(3);
      const atShutdown = run.lines.filter((line) => line.includes('at shutdown'));
      expect(atShutdown).toHaveLength(1);
      expect(atShutdown[0]).toContain('3 span(s) were not confirmed delivered');
      expect(atShutdown[0]).toContain('ECONNREFUSED');
      expect(run.lines.indexOf(atShutdown[0] as string)).toBeLessThan(run.lines.indexOf('after-shutdown'));
      expect(run.resources).not.toContain('Timeout');
    });
  }

  it('delivers both views of every span when a script in mode both just ends', async () => {
    agent.rejectPayloadsWith(undefined);
    const apmBefore = agent.apmSpans.length;
    const llmobsBefore = agent.llmobsSpans.length;
    const run = await runScript(agent.url, 'both');

    expect(run.code).toBe(0);
    expect(run.lines.at(-1)).toBe('after-shutdown');
    expect(agent.apmSpans.length - apmBefore).toBe(3);
    expect(agent.llmobsSpans.length - llmobsBefore).toBe(3);
    expect(run.stats.apm).toMatchObject({ spansDelivered: 3, spansPending: 0 });
    expect(run.stats.llmobs).toMatchObject({ spansDelivered: 3, spansPending: 0 });
    expect(run.resources).not.toContain('Timeout');
  });
});
