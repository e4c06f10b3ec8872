import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isTraceFileName } from '../store/trace-file-name';

/** Retention limits over every trace file of a directory. */
export interface RetentionLimits {
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
  /** A file never deleted: the writer's current one */
  readonly keep: string;
}

/**
 * Delete the oldest trace files (by name: names start with their creation
 * time) until the directory holds at most `maxFiles` totalling at most
 * `maxTotalBytes`. Files of other writers count and may go too; a writer
 * whose file is deleted starts a new one. Returns the names deleted. Files
 * another process deletes at the same moment are skipped, not errors.
 */
export async function applyRetention(directory: string, limits: RetentionLimits): Promise<string[]> {
  const names = (await readdir(directory)).filter(isTraceFileName).sort();
  const files: Array<{ name: string; size: number }> = [];
  for (const name of names) {
    try {
      files.push({ name, size: (await stat(join(directory, name))).size });
    } catch {
      // deleted meanwhile
    }
  }
  let total = files.reduce((sum, file) => sum + file.size, 0);
  let count = files.length;
  const deleted: string[] = [];
  for (const file of files) {
    if (total <= limits.maxTotalBytes && count <= limits.maxFiles) break;
    if (file.name === limits.keep) continue;
    try {
      await unlink(join(directory, file.name));
      deleted.push(file.name);
    } catch {
      // another writer's retention got there first
    }
    total -= file.size;
    count--;
  }
  return deleted;
}
