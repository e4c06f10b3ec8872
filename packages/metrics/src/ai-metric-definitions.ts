/** Names of the metrics derived from finished spans. */
export type AIMetricName =
  | 'ai_llm_requests_total'
  | 'ai_llm_tokens_total'
  | 'ai_llm_duration_seconds'
  | 'ai_llm_time_to_first_token_seconds'
  | 'ai_llm_cost_usd_total'
  | 'ai_tool_calls_total'
  | 'ai_errors_total';

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
}

const LLM_LABELS = ['service', 'model', 'provider', 'status'] as const;

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
};
