import { randomBytes } from 'node:crypto';

const TRACE_FILE = /^traces-\d{8}T\d{9}Z-\d{6,}-\d+-[0-9a-f]{8}\.jsonl$/;
// Orders the files one process creates within the same millisecond.
let sequence = 0;

/**
 * A new file name for one writer: `traces-<UTC time>-<sequence>-<pid>-<random>.jsonl`.
 * Names sort by creation time (within a process, to the file), and no two writers (processes, or exporters
 * in one process) ever share a file.
 */
export function newTraceFileName(now: Date = new Date(), pid: number = process.pid): string {
  const time = now.toISOString().replace(/[-:.]/g, '').replace('Z', '');
  sequence++;
  return `traces-${time}Z-${String(sequence).padStart(6, '0')}-${pid}-${randomBytes(4).toString('hex')}.jsonl`;
}

/** True for the names {@link newTraceFileName} makes; other files in the directory are left alone. */
export function isTraceFileName(name: string): boolean {
  return TRACE_FILE.test(name);
}
