// Public API of @aitracing/exporter-file/store: the file format and its reader, for
// viewers and scripts. Imports only Node built-ins at run time.

export type {
  LocatedTraceRecord,
  TraceDirectoryChanges,
  TraceRecordLocation,
} from './trace-directory-reader';
export { readTraceRecords, TraceDirectoryReader } from './trace-directory-reader';
export { isTraceFileName, newTraceFileName } from './trace-file-name';
export type { TraceRecord } from './trace-record';
export { formatTraceRecord, parseTraceRecord, TRACE_RECORD_VERSION } from './trace-record';
