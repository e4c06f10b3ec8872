import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TraceDirectoryReader } from '../src/store/trace-directory-reader';
import { runWriter } from './run-writer';

// Two separate Node processes (the built dist, as a user runs it) write into one directory at once.
let directory: string;

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('two processes writing into one trace directory', () => {
  it('lose nothing and corrupt nothing, across rotations, and deliver without flush or shutdown', async () => {
    directory = await mkdtemp(join(tmpdir(), 'aitracing-file-concurrent-'));
    const common = {
      DIR: directory,
      TRACES: '400',
      SPANS: '5',
      PAYLOAD: '2000',
      MAX_FILE_BYTES: '50000',
      MAX_BATCH_SIZE: '20',
    };
    const [first, second] = await Promise.all([
      runWriter({ ...common, WRITER: 'a' }),
      runWriter({ ...common, WRITER: 'b' }),
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(second).toMatchObject({ code: 0, stderr: '' });

    const { records, skippedLines } = await new TraceDirectoryReader(directory).read();
    expect(skippedLines).toBe(0);
    const spanIds = new Set(records.map(({ record }) => record.span.id));
    expect(spanIds.size).toBe(2 * 400 * 5);
    expect(records).toHaveLength(2 * 400 * 5);
    for (const writer of ['a', 'b']) {
      const roots = records.filter(
        ({ record }) => record.span.isRootSpan && record.service === `writer-${writer}`,
      );
      expect(roots).toHaveLength(400);
    }
    // Both writers rotated: about 1 MB each in files of at most 50 kB.
    const files = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(20);
    // Every file is whole lines of JSON.
    for (const file of files) {
      const text = await readFile(join(directory, file), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
