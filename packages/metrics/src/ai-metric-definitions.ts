/** Names of the metrics derived from finished spans. */
export type AIMetricName =
  | 'ai_llm_requests_total'
  | 'ai_llm_tokens_total'
  | 'ai_llm_duration_seconds'
  | 'ai_llm_time_to_first_token_seconds'
  | 'ai_llm_cost_usd_total'
  | 'ai_tool_calls_total'
  | 'ai_errors_total'
  | 'ai_user_llm_tokens_total'
  | 'ai_user_llm_cost_usd_total'
  | 'ai_session_llm_tokens_total'
  | 'ai_session_llm_cost_usd_total'
  | 'gen_ai.client.token.usage'
  | 'gen_ai.client.operation.duration'
  | 'gen_ai.client.operation.time_to_first_chunk';

/** Label values of one observation. */
export type MetricLabels = Readonly<Record<string, string>>;

/** How a metric is kind-typed, described and (for histograms) bucketed. */
export interface AIMetricDefinition {
  readonly type: 'counter' | 'histogram';
  readonly help: string;
  /** UCUM unit, for OpenTelemetry */
  readonly unit: string;
  readonly labels: readonly string[];
  /** Upper bounds of histogram buckets, ascending (`+Inf` is implied) */
  readonly buckets?: readonly number[];
  /**
   * Recorded only when asked for (`labels: { user: true }` / `{ session: true }`);
   * left out of the output while it has no series
   */
  readonly optIn?: boolean;
}

const LLM_LABELS = ['service', 'model', 'provider', 'status'] as const;
// Attributes of the GenAI client metrics (OpenTelemetry GenAI semantic conventions).
const GEN_AI_LABELS = [
  'gen_ai.operation.name',
  'gen_ai.provider.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
] as const;

/** Every metric, with its type, help text, unit, labels and buckets. */
export const AI_METRICS: Readonly<Record<AIMetricName, AIMetricDefinition>> = {
  ai_llm_requests_total: {
    type: 'counter',
    help: 'LLM generations, by model and outcome.',
    unit: '{request}',
    labels: LLM_LABELS,
  },
  ai_llm_tokens_total: {
    type: 'counter',
    help: 'Tokens of LLM generations, by type (input, output, cached, cache_write, reasoning).',
    unit: '{token}',
    labels: ['service', 'model', 'provider', 'type'],
  },
  ai_llm_duration_seconds: {
    type: 'histogram',
    help: 'Duration of LLM generations.',
    unit: 's',
    labels: LLM_LABELS,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  },
  ai_llm_time_to_first_token_seconds: {
    type: 'histogram',
    help: 'Time from the start of a streamed generation to its first chunk.',
    unit: 's',
    labels: ['service', 'model', 'provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  ai_llm_cost_usd_total: {
    type: 'counter',
    help: 'Estimated cost of LLM generations in USD.',
    unit: 'USD',
    labels: ['service', 'model', 'provider'],
  },
  ai_tool_calls_total: {
    type: 'counter',
    help: 'Tool and MCP tool calls, by tool and outcome.',
    unit: '{call}',
    labels: ['service', 'tool', 'span_type', 'status'],
  },
  ai_errors_total: {
    type: 'counter',
    help: 'Spans that ended with an error, by span type.',
    unit: '{error}',
    labels: ['service', 'span_type'],
  },
  ai_user_llm_tokens_total: {
    type: 'counter',
    help: 'Tokens of LLM generations per end user (span userId), by type; opt-in, users past the label cap count as other.',
    unit: '{token}',
    labels: ['service', 'user', 'type'],
    optIn: true,
  },
  ai_user_llm_cost_usd_total: {
    type: 'counter',
    help: 'Estimated cost of LLM generations in USD per end user (span userId); opt-in.',
    unit: 'USD',
    labels: ['service', 'user'],
    optIn: true,
  },
  ai_session_llm_tokens_total: {
    type: 'counter',
    help: 'Tokens of LLM generations per session (span sessionId), by type; opt-in, sessions past the label cap count as other.',
    unit: '{token}',
    labels: ['service', 'session', 'type'],
    optIn: true,
  },
  ai_session_llm_cost_usd_total: {
    type: 'counter',
    help: 'Estimated cost of LLM generations in USD per session (span sessionId); opt-in.',
    unit: 'USD',
    labels: ['service', 'session'],
    optIn: true,
  },
  'gen_ai.client.token.usage': {
    type: 'histogram',
    help: 'Number of input and output tokens used per GenAI operation (OpenTelemetry GenAI conventions).',
    unit: '{token}',
    labels: [...GEN_AI_LABELS, 'gen_ai.token.type'],
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  },
  'gen_ai.client.operation.duration': {
    type: 'histogram',
    help: 'Duration of GenAI operations (OpenTelemetry GenAI conventions); error.type on failures.',
    unit: 's',
    labels: [...GEN_AI_LABELS, 'error.type'],
    buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  },
  'gen_ai.client.operation.time_to_first_chunk': {
    type: 'histogram',
    help: 'Time from the request to the first chunk of a streamed GenAI response (OpenTelemetry GenAI conventions).',
    unit: 's',
    labels: GEN_AI_LABELS,
    buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  },
};

/**
 * The name of a metric in Prometheus: OpenTelemetry's dotted names with
 * underscores, and the unit suffix `_seconds` for durations, as
 * OpenTelemetry's Prometheus compatibility rules write them
 * (`gen_ai.client.operation.duration` → `gen_ai_client_operation_duration_seconds`).
 */
export function prometheusMetricName(name: AIMetricName): string {
  const base = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return AI_METRICS[name].unit === 's' && !base.endsWith('_seconds') ? `${base}_seconds` : base;
}
