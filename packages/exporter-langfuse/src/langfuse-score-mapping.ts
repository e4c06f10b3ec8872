import type { ExportedScore } from '@aitracing/core';

/** Langfuse score data types (`ScoreDataType` of its public API). */
export type LangfuseScoreDataType = 'NUMERIC' | 'BOOLEAN' | 'CATEGORICAL';

/**
 * The body of `POST /api/public/scores` (Langfuse's `CreateScoreRequest`)
 * for one aitracing score. Langfuse upserts on `id`, so a score sent twice
 * (a retry after a lost answer) is stored once.
 */
export interface LangfuseScoreBody {
  /** The score's own id: Langfuse's idempotency key */
  readonly id: string;
  readonly traceId: string;
  /** Set when the score is for one span (observation) of the trace */
  readonly observationId?: string;
  readonly name: string;
  /** Numbers for numeric scores, `1`/`0` for booleans, text for categorical scores (as Langfuse requires) */
  readonly value: number | string;
  readonly dataType: LangfuseScoreDataType;
  readonly comment?: string;
  /** The score's metadata, plus `source` (Langfuse's own `source` field only takes `API`/`ANNOTATION`) */
  readonly metadata?: Record<string, unknown>;
  readonly environment?: string;
}

const DATA_TYPES: Readonly<Record<string, LangfuseScoreDataType>> = {
  numeric: 'NUMERIC',
  boolean: 'BOOLEAN',
  categorical: 'CATEGORICAL',
};

function dataTypeOf(score: ExportedScore): LangfuseScoreDataType {
  const declared = DATA_TYPES[String(score.dataType)];
  if (declared !== undefined) return declared;
  if (typeof score.value === 'boolean') return 'BOOLEAN';
  return typeof score.value === 'number' ? 'NUMERIC' : 'CATEGORICAL';
}

function scoreValue(value: ExportedScore['value'], dataType: LangfuseScoreDataType): number | string {
  if (dataType === 'CATEGORICAL') return String(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (dataType === 'BOOLEAN') return value === 'true' || value === 1 ? 1 : 0;
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Map a score to Langfuse's score API: same trace id, the span id as
 * `observationId`, `dataType` `NUMERIC`/`BOOLEAN`/`CATEGORICAL`, the comment,
 * the score's environment (else `environment`, the exporter's), and
 * `metadata` with the score's `source` added (Langfuse's `source` field
 * accepts only `API` and `ANNOTATION`, so it is left to Langfuse: `API`).
 * Pure; never throws for a score core exported.
 */
export function mapLangfuseScore(score: ExportedScore, environment: string | undefined): LangfuseScoreBody {
  const dataType = dataTypeOf(score);
  const metadata: Record<string, unknown> = { ...score.metadata };
  if (score.source !== undefined) metadata.source = score.source;
  const scoreEnvironment = score.environment ?? environment;
  return {
    id: score.id,
    traceId: score.traceId,
    ...(score.spanId === undefined ? {} : { observationId: score.spanId }),
    name: score.name,
    value: scoreValue(score.value, dataType),
    dataType,
    ...(score.comment === undefined ? {} : { comment: score.comment }),
    ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
    ...(scoreEnvironment === undefined ? {} : { environment: scoreEnvironment }),
  };
}
