import type { IncomingHttpHeaders } from 'node:http';

/** One evaluation metric as posted to `/evp_proxy/v2/api/intake/llm-obs/v2/eval-metric`. */
export interface AgentEvaluation {
  readonly event_kind?: string;
  readonly join_on:
    | { readonly span: { readonly span_id: string; readonly trace_id: string } }
    | { readonly tag: { readonly key: string; readonly value: string } };
  readonly label: string;
  readonly metric_type: 'score' | 'boolean' | 'categorical' | 'json';
  readonly ml_app: string;
  readonly score_value?: number;
  readonly boolean_value?: boolean;
  readonly categorical_value?: string;
  readonly timestamp_ms: number;
  readonly tags: readonly string[];
  readonly reasoning?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

const METRIC_TYPES = new Set(['score', 'boolean', 'categorical', 'json']);
const VALUE_TYPES: Readonly<Record<string, string>> = {
  score: 'number',
  boolean: 'boolean',
  categorical: 'string',
  json: 'object',
};

/**
 * Check an evaluation payload the way the intake does (dd-trace's
 * `submitEvaluation` validation and the `eval-metric` v2 schema): header
 * `X-Datadog-EVP-Subdomain: api`, JSON `{ data: { type: 'evaluation_metric',
 * attributes: { metrics } } }`, each metric joined to one span (span and
 * trace id, or a tag), a label, a known metric type with its typed
 * `<type>_value`, an ML app, a timestamp in epoch ms and `key:value` tags.
 * Pushes what is wrong to `problems`; returns the metrics.
 */
export function checkEvaluationPayload(
  headers: IncomingHttpHeaders,
  body: Buffer,
  problems: string[],
): AgentEvaluation[] {
  if (headers['x-datadog-evp-subdomain'] !== 'api') problems.push('X-Datadog-EVP-Subdomain is not api');
  if (!String(headers['content-type']).startsWith('application/json')) problems.push('not JSON');
  const payload = JSON.parse(body.toString('utf8')) as {
    data?: { type?: unknown; attributes?: { metrics?: unknown } };
  };
  if (payload.data?.type !== 'evaluation_metric') problems.push('data.type is not evaluation_metric');
  const metrics = payload.data?.attributes?.metrics;
  if (!Array.isArray(metrics)) {
    problems.push('data.attributes.metrics is not a list');
    return [];
  }
  for (const metric of metrics as AgentEvaluation[]) {
    const where = `evaluation ${String(metric.label)}`;
    const join = metric.join_on as Record<string, Record<string, unknown> | undefined> | undefined;
    if (join?.span !== undefined) {
      if (typeof join.span.span_id !== 'string' || !/^\d+$/.test(join.span.span_id))
        problems.push(`${where}: join_on.span.span_id is not a decimal id`);
      if (typeof join.span.trace_id !== 'string' || !/^[0-9a-f]{32}$/.test(join.span.trace_id))
        problems.push(`${where}: join_on.span.trace_id is not 128-bit hex`);
    } else if (join?.tag !== undefined) {
      if (typeof join.tag.key !== 'string' || typeof join.tag.value !== 'string')
        problems.push(`${where}: join_on.tag is not { key, value }`);
    } else problems.push(`${where}: join_on has neither span nor tag`);
    if (typeof metric.label !== 'string' || metric.label === '') problems.push(`${where}: no label`);
    if (!METRIC_TYPES.has(metric.metric_type)) problems.push(`${where}: unknown metric_type`);
    const value = (metric as unknown as Record<string, unknown>)[`${metric.metric_type}_value`];
    if (typeof value !== VALUE_TYPES[metric.metric_type])
      problems.push(`${where}: no typed ${metric.metric_type}_value`);
    if (typeof metric.ml_app !== 'string' || metric.ml_app === '') problems.push(`${where}: no ml_app`);
    if (!Number.isSafeInteger(metric.timestamp_ms) || metric.timestamp_ms < 1e12)
      problems.push(`${where}: timestamp_ms is not epoch milliseconds`);
    if (
      !Array.isArray(metric.tags) ||
      metric.tags.some((tag) => typeof tag !== 'string' || !tag.includes(':'))
    )
      problems.push(`${where}: tags are not key:value strings`);
  }
  return metrics as AgentEvaluation[];
}
