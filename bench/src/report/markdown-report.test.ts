import { describe, expect, it } from 'vitest';
import { markdownReport, runToRunChanges } from './markdown-report';
import type { BenchResults } from './write-json';

function run(oursOnNode20: number, oursOnNode24: number): BenchResults {
  const scenario = (ours: number) => ({
    id: '4',
    title: 'One span with a nested input and output (10 + 10 bytes of JSON)',
    unit: 'ns/span',
    subject: 'ours',
    contenders: [
      { name: 'ours', available: true, median: ours, min: ours * 0.9, max: ours * 1.1 },
      { name: 'OTel', available: true, median: 100, min: 90, max: 110 },
      { name: 'Mastra', available: false, reason: 'needs Node 22' },
    ],
    ratios: { ours: { OTel: ours / 100 } },
    targets: [
      {
        description: 'ours ÷ OTel',
        actual: ours / 100,
        comparison: '<=',
        limit: 0.5,
        met: ours / 100 <= 0.5,
      },
    ],
  });
  const load = { oneMinute: 0, fiveMinutes: 0, fifteenMinutes: 0 };
  return {
    machine: {} as BenchResults['machine'],
    mode: 'full',
    loadAverage: { start: load, end: load },
    runs: [
      { node: 'v20.20.2', v8: '11', scenarios: [scenario(oursOnNode20)] },
      { node: 'v24.22.3', v8: '13', scenarios: [scenario(oursOnNode24)] },
    ],
  };
}

describe('the two-run report', () => {
  it('computes each ratio’s change from run A to run B, per Node version', () => {
    const changes = runToRunChanges(run(40, 60), run(44, 60));
    expect(changes.map(({ node, change }) => [node, Math.round(change * 100)])).toEqual([
      ['Node 20', 10],
      ['Node 24', 0],
    ]);
  });

  it('prints both Node versions side by side, the targets of both runs and flags a change beyond ±15 %', () => {
    const markdown = markdownReport(run(40, 60), run(50, 60));
    expect(markdown).toContain('| ours (ours) | 40.0 (36.0–44.0) | 60.0 (54.0–66.0) | 1.000× | 1.000× |');
    expect(markdown).toContain('| Mastra | n/a | n/a | — | — |');
    expect(markdown).toContain(
      '| 4 | ours ÷ OTel (<= 0.500) | 0.40 met | 0.60 **MISSED** | 0.50 met | 0.60 **MISSED** |',
    );
    expect(markdown).toContain('| Node 20 | 4 | ours ÷ OTel | 0.400 | 0.500 | **+25 %** |');
    expect(markdown).toContain('1 of 2 ratios within ±15 %.');
  });
});
