import { describe, expect, it } from 'vitest';
import { runNode } from './run-node';

const count = (lines: readonly string[], line: string) => lines.filter((item) => item === line).length;

describe('await shutdown() with an exporter that is still busy', () => {
  for (const script of ['slow-shutdown.mjs', 'slow-shutdown.cjs']) {
    it(`settles, runs the code after it and exits 0 (${script})`, async () => {
      const run = await runNode(script);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.lines.at(-1)).toBe('after-shutdown');
    });

    it(`counts and logs the events it had to drop (started and ended), once, before settling (${script})`, async () => {
      const run = await runNode(script);

      const dropped = run.lines.filter((line) => line.includes('dropped'));
      expect(dropped).toHaveLength(1);
      expect(dropped[0]).toContain('2 event(s) still being exported were dropped');
      expect(dropped[0]).toContain('shutdown-timeout');
      expect(dropped[0]).toContain('"slow": 2');
      expect(run.lines.indexOf(dropped[0] as string)).toBeLessThan(run.lines.indexOf('after-shutdown'));
    });
  }
});

describe('a script that simply ends', () => {
  it('delivers its spans through one flush per instance when the event loop empties (ESM, Observability)', async () => {
    const run = await runNode('just-ends.mjs');

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.lines).toContain('delivered first: tool,run');
    expect(run.lines).toContain('delivered second: other');
    expect(count(run.lines, 'flush first')).toBe(1);
    expect(count(run.lines, 'flush second')).toBe(1);
  });

  it('delivers its spans through one flush when the event loop empties (CommonJS, DefaultAITracing)', async () => {
    const run = await runNode('just-ends.cjs');

    expect(run.code).toBe(0);
    expect(run.lines).toEqual(['flush only', 'delivered only: tool,run']);
  });

  for (const script of ['just-ends.mjs', 'just-ends.cjs']) {
    it(`does not flush at exit with AITRACING_FLUSH_ON_EXIT=false (${script})`, async () => {
      const run = await runNode(script, { env: { AITRACING_FLUSH_ON_EXIT: 'false' } });

      expect(run.code).toBe(0);
      expect(run.lines.filter((line) => line.startsWith('flush') || line.startsWith('delivered'))).toEqual(
        [],
      );
    });

    it(`does not flush at exit with flushOnExit: false in code (${script})`, async () => {
      const run = await runNode(script, { args: ['--option-off'], env: { AITRACING_FLUSH_ON_EXIT: 'true' } });

      expect(run.code).toBe(0);
      expect(run.lines.filter((line) => line.startsWith('flush') || line.startsWith('delivered'))).toEqual(
        [],
      );
    });
  }

  it('warns once about an invalid AITRACING_FLUSH_ON_EXIT and keeps flushing at exit', async () => {
    const run = await runNode('just-ends.mjs', { env: { AITRACING_FLUSH_ON_EXIT: 'sometimes' } });

    expect(run.code).toBe(0);
    const warnings = run.lines.filter((line) => line.includes('AITRACING_FLUSH_ON_EXIT'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^log warn: .*'true', 'false', '1' or '0'/);
    expect(run.lines).toContain('delivered first: tool,run');
    expect(run.lines).toContain('delivered second: other');
  });
});
