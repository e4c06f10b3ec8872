// Public API of @aitracing/exporter-console. Every name here is a promise we keep.

export { ConsoleExporter } from './console-exporter';
export type {
  ConsoleExporterFormat,
  ConsoleExporterOptions,
  ConsoleExporterStream,
} from './console-exporter-options';
export { CONSOLE_EXPORTER_ENV } from './console-exporter-options';
