// Public API of @aitracing/viewer. The CLI (`aitracing view`) is the main entry; this is
// for starting the viewer from code and tests.

export type { TraceSummary } from './internal/trace-summary';
export type { TracePage, TraceQuery, ViewerSpan } from './trace-index';
export { TraceIndex } from './trace-index';
export type { ViewerOptions, ViewerServer } from './viewer-server';
export { startViewer } from './viewer-server';
