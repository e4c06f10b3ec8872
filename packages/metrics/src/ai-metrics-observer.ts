import { AISpanType, AITracingConfigError, type ExportedAISpan } from '@aitracing/core';
import type { AIMetricName, MetricLabels } from './ai-metric-definitions';
import { LabelLimiter } from './label-limiter';

/** Where observations go: an in-memory collector, OpenTelemetry instruments, ... */
export interface MetricRecorder {
  /** Add `value` to a counter. */
  add(name: AIMetricName, value: number, labels: MetricLabels): void;
  /** Record `value` in a histogram. */
  record(name: AIMetricName, value: number, labels: MetricLabels): void;
}

/** Options of {@link AIMetricsObserver}. */
export interface AIMetricsObserverOptions {
  /** The `service` label. */
  readonly serviceName: string;
  /** Distinct values kept per label; more become `other`. @defaultValue `100` */
  readonly maxLabelValues?: number;
  /** Opt-in labels: per-user and per-session token and cost metrics. @defaultValue none */
  readonly labels?: AIMetricsOptionalLabels;
}

/**
 * Opt-in metrics by end user and by session (the spans' `userId` /
 * `sessionId`, see `propagateAttributes`): `ai_user_llm_tokens_total`,
 * `ai_user_llm_cost_usd_total`, `ai_session_llm_tokens_total`,
 * `ai_session_llm_cost_usd_total`. The first `maxLabelValues` users (and
 * sessions) get their own series, later ones are counted as `other`, so
 * memory and backend cardinality stay bounded.
 */
export interface AIMetricsOptionalLabels {
  /** Tokens and cost per user. @defaultValue `false` */
  readonly user?: boolean;
  /** Tokens and cost per session. @defaultValue `false` */
  readonly session?: boolean;
}

const MAX_PENDING_FIRST_CHUNKS = 10_000;
const UNKNOWN = 'unknown';

type Fields = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : UNKNOWN;
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Throws `AITracingConfigError` unless `labels` is absent or `{ user?: boolean, session?: boolean }`. */
export function checkOptionalLabels(labels: unknown): void {
  if (labels === undefined) return;
  const valid =
    typeof labels === 'object' &&
    labels !== null &&
    Object.entries(labels).every(
      ([key, value]) =>
        (key === 'user' || key === 'session') && (value === undefined || typeof value === 'boolean'),
    );
  if (!valid)
    throw new AITracingConfigError('labels', 'must be an object like { user: true, session: true }');
}

/**
 * Turns finished spans into AI metric observations — requests, tokens by
 * type, duration, time to first token, cost, tool calls, errors — with label
 * cardinality capped. Shared by the Prometheus collector and the OpenTelemetry
 * metrics exporter, so both count exactly the same things.
 */
export class AIMetricsObserver {
  readonly #service: string;
  readonly #limiter: LabelLimiter;
  readonly #byUser: boolean;
  readonly #bySession: boolean;
  // First streamed chunk per generation: chunks end before their generation.
  readonly #firstChunkStart = new Map<string, number>();

  constructor(options: AIMetricsObserverOptions) {
    this.#service = options.serviceName;
    this.#limiter = new LabelLimiter(options.maxLabelValues ?? 100);
    checkOptionalLabels(options.labels);
    this.#byUser = options.labels?.user === true;
    this.#bySession = options.labels?.session === true;
  }

  /** Record what `span` contributes to the metrics. Never throws. */
  observe(span: ExportedAISpan, recorder: MetricRecorder): void {
    try {
      this.#observe(span, recorder);
    } catch {
      // A malformed span contributes nothing; metrics never break export.
    }
  }

  #label(name: string, value: string): string {
    return this.#limiter.limit(name, value);
  }

  #observe(span: ExportedAISpan, recorder: MetricRecorder): void {
    const status = span.errorInfo === undefined ? 'ok' : 'error';
    const service = this.#service;
    if (span.errorInfo !== undefined) {
      recorder.add('ai_errors_total', 1, { service, span_type: span.type });
    }
    switch (span.type) {
      case AISpanType.LLM_CHUNK:
        if (span.parentSpanId !== undefined) this.#rememberFirstChunk(span.parentSpanId, span.startTime);
        return;
      case AISpanType.TOOL_CALL:
      case AISpanType.MCP_TOOL_CALL: {
        const fields = (span.attributes ?? {}) as Fields;
        const tool = this.#label(
          'tool',
          typeof fields.toolId === 'string' && fields.toolId !== '' ? fields.toolId : span.name,
        );
        recorder.add('ai_tool_calls_total', 1, { service, tool, span_type: span.type, status });
        return;
      }
      case AISpanType.LLM_GENERATION:
        this.#observeGeneration(span, status, recorder);
        return;
      default:
        return;
    }
  }

  #observeGeneration(span: ExportedAISpan, status: string, recorder: MetricRecorder): void {
    const fields = (span.attributes ?? {}) as Fields;
    const service = this.#service;
    const model = this.#label('model', text(fields.model));
    const provider = this.#label('provider', text(fields.provider));
    recorder.add('ai_llm_requests_total', 1, { service, model, provider, status });
    if (span.endTime !== undefined) {
      recorder.record('ai_llm_duration_seconds', Math.max(0, span.endTime - span.startTime) / 1000, {
        service,
        model,
        provider,
        status,
      });
    }
    const usage = (fields.usage ?? {}) as Fields;
    const byType: ReadonlyArray<readonly [string, number]> = [
      ['input', tokens(usage.promptTokens)],
      ['output', tokens(usage.completionTokens)],
      ['cached', tokens(usage.promptCacheHitTokens)],
      ['cache_write', tokens(usage.promptCacheWriteTokens)],
      ['reasoning', tokens(usage.reasoningTokens)],
    ];
    for (const [type, count] of byType) {
      if (count > 0) recorder.add('ai_llm_tokens_total', count, { service, model, provider, type });
    }
    const cost = (fields.cost ?? {}) as Fields;
    const usd =
      typeof cost.total === 'number' && Number.isFinite(cost.total) && (cost.currency ?? 'USD') === 'USD'
        ? cost.total
        : undefined;
    if (usd !== undefined) recorder.add('ai_llm_cost_usd_total', usd, { service, model, provider });
    if (this.#byUser && typeof span.userId === 'string') {
      const user = this.#label('user', span.userId);
      for (const [type, count] of byType) {
        if (count > 0) recorder.add('ai_user_llm_tokens_total', count, { service, user, type });
      }
      if (usd !== undefined) recorder.add('ai_user_llm_cost_usd_total', usd, { service, user });
    }
    if (this.#bySession && typeof span.sessionId === 'string') {
      const session = this.#label('session', span.sessionId);
      for (const [type, count] of byType) {
        if (count > 0) recorder.add('ai_session_llm_tokens_total', count, { service, session, type });
      }
      if (usd !== undefined) recorder.add('ai_session_llm_cost_usd_total', usd, { service, session });
    }
    const chunkStart = this.#firstChunkStart.get(span.id);
    if (chunkStart !== undefined) this.#firstChunkStart.delete(span.id);
    // The instrumentation's instant of first content wins over the first chunk event.
    const firstChunk =
      typeof fields.completionStartTime === 'number' && Number.isFinite(fields.completionStartTime)
        ? fields.completionStartTime
        : chunkStart;
    if (firstChunk !== undefined) {
      recorder.record('ai_llm_time_to_first_token_seconds', Math.max(0, firstChunk - span.startTime) / 1000, {
        service,
        model,
        provider,
      });
    }
    this.#observeGenAi(span, fields, usage, firstChunk, recorder);
  }

  // The GenAI client metrics of the OpenTelemetry conventions, beside ours, under the same label cap.
  #observeGenAi(
    span: ExportedAISpan,
    fields: Fields,
    usage: Fields,
    firstChunk: number | undefined,
    recorder: MetricRecorder,
  ): void {
    const operation =
      typeof fields.operation === 'string' && fields.operation !== '' ? fields.operation : 'chat';
    const labels: Record<string, string> = { 'gen_ai.operation.name': this.#label('operation', operation) };
    if (typeof fields.provider === 'string' && fields.provider !== '')
      labels['gen_ai.provider.name'] = this.#label('provider', fields.provider);
    if (typeof fields.model === 'string' && fields.model !== '')
      labels['gen_ai.request.model'] = this.#label('model', fields.model);
    const responseModel = typeof fields.responseModel === 'string' ? fields.responseModel : fields.model;
    if (typeof responseModel === 'string' && responseModel !== '')
      labels['gen_ai.response.model'] = this.#label('model', responseModel);
    for (const [type, value] of [
      ['input', usage.promptTokens],
      ['output', usage.completionTokens],
    ] as const) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        recorder.record('gen_ai.client.token.usage', value, { ...labels, 'gen_ai.token.type': type });
      }
    }
    if (span.endTime !== undefined) {
      const duration = Math.max(0, span.endTime - span.startTime) / 1000;
      recorder.record(
        'gen_ai.client.operation.duration',
        duration,
        span.errorInfo === undefined
          ? labels
          : { ...labels, 'error.type': this.#label('error_type', text(span.errorInfo.name)) },
      );
    }
    // Recorded for streamed calls only, as the convention asks.
    if (firstChunk !== undefined) {
      recorder.record(
        'gen_ai.client.operation.time_to_first_chunk',
        Math.max(0, firstChunk - span.startTime) / 1000,
        labels,
      );
    }
  }

  #rememberFirstChunk(generationId: string, startTime: number): void {
    const known = this.#firstChunkStart.get(generationId);
    if (known !== undefined) {
      if (startTime < known) this.#firstChunkStart.set(generationId, startTime);
      return;
    }
    if (this.#firstChunkStart.size >= MAX_PENDING_FIRST_CHUNKS) {
      const oldest = this.#firstChunkStart.keys().next().value;
      if (oldest !== undefined) this.#firstChunkStart.delete(oldest);
    }
    this.#firstChunkStart.set(generationId, startTime);
  }
}
