import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AISpanType, AITracingConfigError, type AITracingLogger, Observability } from '@aitracing/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileExporter } from './file-exporter';
import type { FileExporterOptions } from './file-exporter-options';
import { TraceDirectoryReader } from './store/trace-directory-reader';

let directory: string;
const lines: string[] = [];
const logger: AITracingLogger = {
  debug: () => {},
  info: () => {},
  warn: (message) => lines.push(`warn ${message}`),
  error: (message) => lines.push(`error ${message}`),
};

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aitracing-file-'));
  lines.length = 0;
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function setup(options: FileExporterOptions = {}) {
  const exporter = new FileExporter({ directory, ...options });
  const observability = new Observability({
    configs: { app: { serviceName: 'support-app', exporters: [exporter], logger } },
  });
  const trace = (name: string, payload = '') => {
    const root = observability.startSpan({
      type: AISpanType.AGENT_RUN,
      name,
      attributes: { agentId: name },
      metadata: { userId: 'user-42', apiKey: 'sk-secret-never-written' },
      input: payload,
    });
    root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup' }).end();
    root.end();
  };
  return { exporter, observability, trace };
}

const traceFiles = async () => (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();

describe('FileExporter', () => {
  it('writes each ended span as one JSON line with its service, redacted like every exporter', async () => {
    const { observability, trace } = setup();
    trace('support-agent');
    await observability.shutdown();

    const { records, skippedLines } = await new TraceDirectoryReader(directory).read();
    expect(skippedLines).toBe(0);
    expect(records.map(({ record }) => [record.service, record.span.name])).toEqual([
      ['support-app', 'lookup'],
      ['support-app', 'support-agent'],
    ]);
    const root = records[1]!.record.span;
    expect(root.isRootSpan).toBe(true);
    expect(root.metadata?.userId).toBe('user-42');
    const [file] = await traceFiles();
    const text = await readFile(join(directory, file!), 'utf8');
    expect(text).not.toContain('sk-secret-never-written');
    // Traces hold prompts: the directory keeps itself out of git.
    expect(await readFile(join(directory, '.gitignore'), 'utf8')).toBe('*\n');
    expect(lines).toEqual([]);
  });

  it('rotates to a new file before one would pass maxFileBytes, keeping every span', async () => {
    const { observability, trace } = setup({ maxFileBytes: 4_000, scheduledDelayMs: 0 });
    for (let i = 0; i < 20; i++) {
      trace(`run-${i}`, 'x'.repeat(1_000));
      await observability.flush();
    }
    await observability.shutdown();
    const files = await traceFiles();
    expect(files.length).toBeGreaterThan(4);
    const { records } = await new TraceDirectoryReader(directory).read();
    expect(records).toHaveLength(40);
    for (const file of files) {
      const text = await readFile(join(directory, file), 'utf8');
      // A file passes the limit only by a single batch written into an empty file.
      if (text.split('\n').length > 3) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4_000);
    }
  });

  it('keeps at most maxFiles files and maxTotalBytes, deleting the oldest first', async () => {
    const { observability, trace } = setup({ maxFileBytes: 3_000, maxFiles: 3, scheduledDelayMs: 0 });
    for (let i = 0; i < 12; i++) {
      trace(`run-${i}`, 'x'.repeat(1_000));
      await observability.flush();
    }
    await observability.shutdown();
    expect(await traceFiles()).toHaveLength(3);
    const names = (await new TraceDirectoryReader(directory).read()).records
      .filter(({ record }) => record.span.isRootSpan)
      .map(({ record }) => record.span.name);
    expect(names.at(-1)).toBe('run-11');
    expect(names).not.toContain('run-0');

    const bySize = setup({ maxFileBytes: 3_000, maxTotalBytes: 7_000, scheduledDelayMs: 0 });
    for (let i = 0; i < 12; i++) {
      bySize.trace(`sized-${i}`, 'x'.repeat(1_000));
      await bySize.observability.flush();
    }
    await bySize.observability.shutdown();
    let total = 0;
    for (const file of await traceFiles()) total += Buffer.byteLength(await readFile(join(directory, file)));
    // The limit holds at each rotation; the current file may have grown by up to one file since.
    expect(total).toBeLessThanOrEqual(7_000 + 3_000);
  });

  it('starts a new file when its file is deleted under it', async () => {
    const { observability, trace } = setup({ scheduledDelayMs: 0 });
    trace('before');
    await observability.flush();
    for (const file of await traceFiles()) await rm(join(directory, file));
    trace('after');
    await observability.shutdown();
    const { records } = await new TraceDirectoryReader(directory).read();
    expect(records.map(({ record }) => record.span.name)).toEqual(['lookup', 'after']);
  });

  it('counts and logs once when the directory cannot be written, never throwing', async () => {
    const blocker = join(directory, 'not-a-directory');
    await writeFile(blocker, '');
    const { exporter, observability, trace } = setup({ directory: join(blocker, 'traces') });
    trace('one');
    trace('two');
    await observability.shutdown();
    expect(exporter.getStats().dropped.rejected).toBe(4);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error file exporter: could not write \d+ spans to .*not-a-directory/);
  });

  it('holds at most maxQueueSize spans, counting and logging the overflow once', async () => {
    const { exporter, observability, trace } = setup({ maxQueueSize: 3, scheduledDelayMs: 60_000 });
    trace('one');
    trace('two');
    trace('three');
    await observability.shutdown();
    const stats = exporter.getStats();
    expect(stats.dropped.queueFull).toBe(3);
    expect(stats.exported).toBe(3);
    expect(lines).toEqual([
      'error file exporter: queue is full (3 spans); new spans are dropped and counted',
    ]);
    const { records } = await new TraceDirectoryReader(directory).read();
    expect(records).toHaveLength(3);
  });

  it('throws a clear config error for an invalid option', () => {
    expect(() => new FileExporter({ maxFileBytes: 0 })).toThrow(AITracingConfigError);
    expect(() => new FileExporter({ maxFiles: 1.5 })).toThrow(/maxFiles must be an integer/);
    expect(() => new FileExporter({ directory: ' ' })).toThrow(/directory must be a non-empty path/);
  });
});

describe('TraceDirectoryReader', () => {
  it('skips a line cut short by a crash without failing, and reads on when the file grows', async () => {
    const { observability, trace } = setup();
    trace('whole');
    await observability.shutdown();
    const [file] = await traceFiles();
    const path = join(directory, file!);
    const whole = await readFile(path, 'utf8');
    // A crash mid-write: half a line, no newline.
    await appendFile(path, whole.slice(0, 40));
    const reader = new TraceDirectoryReader(directory);
    const first = await reader.read();
    expect(first.records).toHaveLength(2);
    expect(first.skippedLines).toBe(0);
    // If anything is appended after it, the broken line is skipped and counted, the rest read.
    await appendFile(path, `\n${whole}`);
    const second = await reader.read();
    expect(second.reset).toBe(false);
    expect(second.skippedLines).toBe(1);
    expect(second.records.map(({ record }) => record.span.name)).toEqual(['lookup', 'whole']);
  });

  it('returns nothing for a directory that does not exist yet', async () => {
    const changes = await new TraceDirectoryReader(join(directory, 'missing')).read();
    expect(changes).toEqual({ reset: false, records: [], skippedLines: 0 });
  });
});
