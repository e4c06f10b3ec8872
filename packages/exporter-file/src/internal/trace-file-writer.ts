import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newTraceFileName } from '../store/trace-file-name';
import { applyRetention } from './retention';

/** Limits of a {@link TraceFileWriter}. */
export interface TraceFileWriterOptions {
  readonly directory: string;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
}

// O_APPEND: every write lands at the end of the file, whoever else has it open.
const APPEND_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND;

/**
 * Appends batches of complete lines to this writer's own file in the
 * directory. Each writer has a file of its own (see `newTraceFileName`), so
 * two processes never interleave inside a file; the file is opened with
 * `O_APPEND` and each batch is handed to the kernel in one `write`. A file
 * that would grow past `maxFileBytes` is rotated; a file removed under us
 * (retention by another process, a user clearing the directory) is replaced.
 * One batch at a time: callers (the BatchQueue) never overlap calls.
 */
export class TraceFileWriter {
  readonly #options: TraceFileWriterOptions;
  #handle: FileHandle | undefined;
  #file: string | undefined;
  #size = 0;
  #directoryReady = false;

  constructor(options: TraceFileWriterOptions) {
    this.#options = options;
  }

  /** The file currently written to, if any. */
  get currentFile(): string | undefined {
    return this.#file;
  }

  /** Append `data` (complete lines) to the current file, rotating first when it would grow too big. */
  async append(data: Buffer): Promise<void> {
    await this.#ensureFile(data.length);
    const handle = this.#handle!;
    let written = 0;
    // A regular file takes the whole buffer in one write unless the disk is full; the loop covers that case.
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      if (bytesWritten === 0) throw new Error('no bytes written');
      written += bytesWritten;
    }
    this.#size += data.length;
  }

  /** Close the current file. */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    this.#file = undefined;
    await handle?.close();
  }

  async #ensureFile(incoming: number): Promise<void> {
    if (this.#handle !== undefined) {
      const removed = (await this.#handle.stat()).nlink === 0;
      const full = this.#size > 0 && this.#size + incoming > this.#options.maxFileBytes;
      if (!removed && !full) return;
      await this.close();
    }
    if (!this.#directoryReady) {
      await mkdir(this.#options.directory, { recursive: true });
      // Traces hold prompts and answers: keep them out of git by default.
      await writeFile(join(this.#options.directory, '.gitignore'), '*\n', { flag: 'wx' }).catch(
        () => undefined,
      );
      this.#directoryReady = true;
    }
    const file = newTraceFileName();
    this.#handle = await open(join(this.#options.directory, file), APPEND_FLAGS, 0o600);
    this.#file = file;
    this.#size = 0;
    await applyRetention(this.#options.directory, {
      maxTotalBytes: this.#options.maxTotalBytes,
      maxFiles: this.#options.maxFiles,
      keep: file,
    });
  }
}
