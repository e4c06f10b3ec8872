export type { InMemoryExporterOptions, SpanTreeNode, TraceTree } from './in-memory-exporter';
export { InMemoryExporter } from './in-memory-exporter';
export { RecordingLogger } from './recording-logger';
