import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '@aitracing/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface SmokeScenario {
  id: string;
  contenders: { name: string; role: string; available: boolean; median?: number }[];
  ratios: Record<string, Record<string, number>>;
  targets: { description: string; met: boolean | null }[];
  errors: string[];
}

interface SmokeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  scenarios: SmokeScenario[];
}

const benchRoot = fileURLToPath(new URL('..', import.meta.url));
const outputDir = mkdtempSync(join(tmpdir(), 'aitracing-bench-smoke-'));

// The suite runs as `pnpm bench` would, in its own process (it needs --expose-gc),
// with tiny iteration counts: this checks that everything runs, never how fast.
async function runSmoke(): Promise<SmokeRun> {
  const output = join(outputDir, 'smoke.json');
  const { code, stdout, stderr } = await runNode('src/run.ts', {
    nodeArgs: ['--expose-gc', '--import', 'tsx'],
    args: ['--smoke', `--out=${output}`],
    cwd: benchRoot,
  });
  let scenarios: SmokeScenario[] = [];
  try {
    const results = JSON.parse(readFileSync(output, 'utf8')) as { runs: { scenarios: SmokeScenario[] }[] };
    scenarios = results.runs[0]?.scenarios ?? [];
  } catch {
    // Reported by the tests below through the missing scenarios and the exit code.
  }
  return { code, stdout, stderr, scenarios };
}

describe('pnpm bench --smoke', () => {
  let run: SmokeRun;

  // A backstop against a hang, not a speed limit: on two shared, busy cores the smoke can
  // take minutes (about 12 s alone on an idle machine). Speed is `pnpm bench`'s job.
  beforeAll(async () => {
    run = await runSmoke();
  }, 900_000);

  afterAll(() => {
    rmSync(outputDir, { recursive: true, force: true });
  });

  it('exits 0: none of our contenders threw and every span count adds up', () => {
    expect(run.stderr, run.stderr).not.toMatch(/error\(s\)/);
    expect(run.code).toBe(0);
  });

  it('runs every scenario of the issue and prints its table', () => {
    expect(run.scenarios.map((scenario) => scenario.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '4b',
      '5a',
      '5b',
      '6',
      '8',
      '9',
      '10',
    ]);
    for (const title of [
      '1. Trace of',
      '2. The same trace',
      '3. Retained heap',
      '4. One span',
      '4b. One span',
      '5a.',
      '5b.',
      '6. Dead backend',
      '8. Instrumentation overhead',
      '9. Observability with two exporters',
      '10. traced() and context propagation',
    ]) {
      expect(run.stdout).toContain(title);
    }
  });

  it('writes a median for every contender that ran and our ratio to each anchor', () => {
    for (const scenario of run.scenarios) {
      expect(scenario.errors).toEqual([]);
      for (const contender of scenario.contenders.filter((entry) => entry.available)) {
        expect(contender.median, `${scenario.id} ${contender.name}`).toEqual(expect.any(Number));
      }
      const ours = scenario.contenders.filter((entry) => entry.role === 'ours' && entry.available);
      expect(Object.keys(scenario.ratios)).toEqual(ours.map((entry) => entry.name));
    }
  });

  it('runs our contenders and the OpenTelemetry anchors on this Node', () => {
    const first = run.scenarios.find((scenario) => scenario.id === '1')!;
    for (const name of ['aitracing, filter on', 'OpenTelemetry SDK 2.12, Simple processor']) {
      expect(first.contenders.find((entry) => entry.name === name)?.available, name).toBe(true);
    }
  });

  it('accounts for every span a dead backend could not take (drop counters exact)', () => {
    const deadBackend = run.scenarios.find((scenario) => scenario.id === '6')!;
    const accounting = deadBackend.targets.filter((target) => target.description.includes('drop counters'));
    expect(accounting.length).toBeGreaterThan(0);
    for (const target of accounting) expect(target.met, target.description).toBe(true);
  });
});
