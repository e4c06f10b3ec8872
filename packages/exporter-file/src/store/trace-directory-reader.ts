import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isTraceFileName } from './trace-file-name';
import { parseTraceRecord, type TraceRecord } from './trace-record';

/** Where one record lives: enough to read it again without scanning. */
export interface TraceRecordLocation {
  /** File name inside the directory */
  readonly file: string;
  /** Byte offset of the line */
  readonly offset: number;
  /** Byte length of the line, without its `\n` */
  readonly length: number;
}

/** A record with where it was read from. */
export interface LocatedTraceRecord {
  readonly record: TraceRecord;
  readonly location: TraceRecordLocation;
}

/** What one {@link TraceDirectoryReader.read} found. */
export interface TraceDirectoryChanges {
  /**
   * True when a file was removed (retention) or shrank since the last read:
   * `records` then holds every record of the directory again, and earlier
   * results are stale.
   */
  readonly reset: boolean;
  /** Records of complete lines not returned before */
  readonly records: LocatedTraceRecord[];
  /** Complete lines that are not valid records (cut short by a crash, or foreign), skipped */
  readonly skippedLines: number;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

interface FileState {
  /** Bytes consumed: up to and including the last complete line */
  offset: number;
  size: number;
}

/**
 * Reads the trace files of a directory incrementally: each `read()` returns
 * only the complete lines written since the previous one. A line without its
 * closing `\n` (a write cut short by a crash, or one still being written) is
 * not read; an invalid complete line is skipped and counted. Never throws for
 * a missing directory (it has no records yet).
 */
export class TraceDirectoryReader {
  /** The directory read. */
  readonly directory: string;
  readonly #files = new Map<string, FileState>();

  constructor(directory: string) {
    this.directory = directory;
  }

  /** Read what is new since the last call. */
  async read(): Promise<TraceDirectoryChanges> {
    const names = await this.#listFiles();
    let reset = false;
    for (const [name, state] of this.#files) {
      if (!names.includes(name)) reset = true;
      else if (state.size > 0 && (await sizeOf(join(this.directory, name))) < state.offset) reset = true;
    }
    if (reset) this.#files.clear();
    const records: LocatedTraceRecord[] = [];
    let skippedLines = 0;
    for (const name of names) {
      skippedLines += await this.#readFile(name, records);
    }
    return { reset, records, skippedLines };
  }

  async #listFiles(): Promise<string[]> {
    try {
      return (await readdir(this.directory)).filter(isTraceFileName).sort();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      throw error;
    }
  }

  async #readFile(name: string, records: LocatedTraceRecord[]): Promise<number> {
    let state = this.#files.get(name);
    if (state === undefined) {
      state = { offset: 0, size: 0 };
      this.#files.set(name, state);
    }
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(join(this.directory, name), 'r');
    } catch {
      return 0; // removed since the listing: the next read resets
    }
    let skipped = 0;
    try {
      const { size } = await handle.stat();
      state.size = size;
      let carry = Buffer.alloc(0);
      let position = state.offset;
      while (position < size) {
        const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size - position));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) break;
        const data =
          carry.length === 0
            ? chunk.subarray(0, bytesRead)
            : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
        const dataStart = position - carry.length;
        position += bytesRead;
        let lineStart = 0;
        for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, lineStart)) {
          if (end > lineStart) {
            const record = parseTraceRecord(data.toString('utf8', lineStart, end));
            if (record === undefined) skipped++;
            else
              records.push({
                record,
                location: { file: name, offset: dataStart + lineStart, length: end - lineStart },
              });
          }
          lineStart = end + 1;
        }
        state.offset = dataStart + lineStart;
        carry = data.subarray(lineStart);
      }
    } finally {
      await handle.close();
    }
    return skipped;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

// Lines close together are read with one system call: a trace's spans are usually neighbours.
const MAX_GAP_BYTES = 64 * 1024;
const MAX_BLOCK_BYTES = 8 * 1024 * 1024;

interface ReadBlock {
  readonly start: number;
  end: number;
  readonly locations: TraceRecordLocation[];
}

function readBlocks(locations: TraceRecordLocation[]): ReadBlock[] {
  const sorted = [...locations].sort((a, b) => a.offset - b.offset);
  const blocks: ReadBlock[] = [];
  let block: ReadBlock | undefined;
  for (const location of sorted) {
    const end = location.offset + location.length;
    if (
      block !== undefined &&
      location.offset - block.end <= MAX_GAP_BYTES &&
      end - block.start <= MAX_BLOCK_BYTES
    ) {
      block.end = Math.max(block.end, end);
      block.locations.push(location);
    } else {
      block = { start: location.offset, end, locations: [location] };
      blocks.push(block);
    }
  }
  return blocks;
}

/**
 * Read the records at `locations` (from {@link TraceDirectoryReader}) again,
 * e.g. the spans of one trace. Records whose file is gone or changed are left
 * out. Never throws.
 */
export async function readTraceRecords(
  directory: string,
  locations: readonly TraceRecordLocation[],
): Promise<TraceRecord[]> {
  const byFile = new Map<string, TraceRecordLocation[]>();
  for (const location of locations) {
    const list = byFile.get(location.file);
    if (list === undefined) byFile.set(location.file, [location]);
    else list.push(location);
  }
  const records: TraceRecord[] = [];
  for (const [file, list] of byFile) {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(join(directory, file), 'r');
      for (const block of readBlocks(list)) {
        const buffer = Buffer.allocUnsafe(block.end - block.start);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, block.start);
        for (const { offset, length } of block.locations) {
          if (offset - block.start + length > bytesRead) continue;
          const record = parseTraceRecord(
            buffer.toString('utf8', offset - block.start, offset - block.start + length),
          );
          if (record !== undefined) records.push(record);
        }
      }
    } catch {
      // The file was removed by retention meanwhile: its records are gone.
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
  return records;
}
