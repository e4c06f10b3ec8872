import type { ExportedScore } from '@aitracing/core';
import { datadogTraceId, spanIdFromHex } from './internal/span-ids';
import { tagValue } from './internal/values';

/** LLM Observability evaluation metric types the exporter sends. */
export type LLMObsEvaluationMetricType = 'score' | 'boolean' | 'categorical';

/**
 * Tag on the root span of each trace (one without a parent, in the process
 * that started the trace): a trace-level score joins it, since an
 * evaluation must join exactly one span.
 */
export const ROOT_TRACE_TAG = 'aitracing.root_trace_id';

/**
 * One evaluation metric of LLM Observability's `eval-metric` intake (v2), as
 * dd-trace's `llmobs.submitEvaluation` builds it: joined to its span by
 * span and trace id, or, for a score on a whole trace, by the root span's
 * {@link ROOT_TRACE_TAG} tag.
 */
export interface LLMObsEvaluationMetric {
  readonly event_kind: 'evaluation';
  readonly join_on:
    | { readonly span: { readonly span_id: string; readonly trace_id: string } }
    | { readonly tag: { readonly key: string; readonly value: string } };
  readonly label: string;
  readonly metric_type: LLMObsEvaluationMetricType;
  readonly ml_app: string;
  readonly score_value?: number;
  readonly boolean_value?: boolean;
  readonly categorical_value?: string;
  /** Epoch milliseconds */
  readonly timestamp_ms: number;
  /** `key:value` strings */
  readonly tags: readonly string[];
  /** The score's comment */
  readonly reasoning?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

function metricTypeOf(score: ExportedScore): LLMObsEvaluationMetricType {
  if (score.dataType === 'boolean') return 'boolean';
  if (score.dataType === 'categorical') return 'categorical';
  if (score.dataType === 'numeric') return 'score';
  if (typeof score.value === 'boolean') return 'boolean';
  return typeof score.value === 'number' ? 'score' : 'categorical';
}

/**
 * Map a score to an LLM Observability evaluation metric: `label` = the
 * score's name; `score_value` (numeric), `boolean_value` or
 * `categorical_value`; `reasoning` = its comment; `timestamp_ms`; tags
 * `ml_app`, `score_source`, `user_id`, `session_id` and `aitracing.score_id`;
 * joined to the scored span (the same ids the exporter gives LLM
 * Observability spans: 128-bit hex trace id, decimal span id), or for a
 * trace-level score to the trace's root span by tag. Pure; never throws for
 * a score core exported.
 */
export function mapLLMObsEvaluation(score: ExportedScore, mlApp: string): LLMObsEvaluationMetric {
  const metricType = metricTypeOf(score);
  const traceId = datadogTraceId(score.traceId);
  const spanId = spanIdFromHex(score.spanId);
  const tags: Record<string, string> = { ml_app: mlApp, 'aitracing.score_id': score.id };
  const addTag = (key: string, value: unknown) => {
    const text = tagValue(value);
    if (text !== undefined && text !== '') tags[key] = text;
  };
  addTag('score_source', score.source);
  addTag('user_id', score.userId);
  addTag('session_id', score.sessionId);
  addTag('env', score.environment);
  const value = score.value;
  const typed =
    metricType === 'boolean'
      ? { boolean_value: value === true || value === 'true' || value === 1 }
      : metricType === 'score'
        ? { score_value: typeof value === 'number' ? value : Number(value) }
        : { categorical_value: String(value) };
  return {
    event_kind: 'evaluation',
    join_on:
      spanId === undefined
        ? { tag: { key: ROOT_TRACE_TAG, value: traceId } }
        : { span: { span_id: spanId.toString(10), trace_id: traceId } },
    label: score.name,
    metric_type: metricType,
    ml_app: mlApp,
    ...typed,
    timestamp_ms: Math.round(score.timestamp),
    tags: Object.entries(tags).map(([key, text]) => `${key}:${text}`),
    ...(score.comment === undefined ? {} : { reasoning: score.comment }),
    ...(score.metadata === undefined || Object.keys(score.metadata).length === 0
      ? {}
      : { metadata: score.metadata }),
  };
}
