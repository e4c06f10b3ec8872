// Public API of @aitracing/exporter-file. Every name here is a promise we keep.
// The file format and its reader are in the `@aitracing/exporter-file/store` subpath.

export { FileExporter } from './file-exporter';
export type { FileExporterOptions } from './file-exporter-options';
export { FILE_EXPORTER_ENV } from './file-exporter-options';
