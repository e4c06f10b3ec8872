// Public API of @aitracing/exporter-langfuse.

export type { LangfuseMappingContext, LangfuseObservationType } from './langfuse-attributes';
export {
  GENERATION_METADATA_KEYS,
  mapLangfuse,
  observationTypeOf,
  TRACE_METADATA_KEYS,
} from './langfuse-attributes';
export type { LangfuseExporterStats, TraceScore } from './langfuse-exporter';
export { LangfuseExporter } from './langfuse-exporter';
export type { LangfuseExporterOptions } from './langfuse-exporter-options';
export type { LangfuseScoreBody, LangfuseScoreDataType } from './langfuse-score-mapping';
export { mapLangfuseScore } from './langfuse-score-mapping';
