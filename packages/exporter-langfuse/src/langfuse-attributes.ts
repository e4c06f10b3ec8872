import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import type { OtlpAttributes } from '@aitracing/exporter-otel';

// Attribute names are the ones Langfuse's server reads (LangfuseOtelSpanAttributes in
// langfuse/langfuse packages/shared/src/server/otel/attributes.ts, used by OtelIngestionProcessor);
// langfuse-wire.test.ts asserts each one on the wire.

/** Langfuse observation types this exporter produces. */
export type LangfuseObservationType =
  | 'generation'
  | 'embedding'
  | 'agent'
  | 'tool'
  | 'chain'
  | 'span'
  | 'event';

/**
 * Root-span metadata keys that become trace-level fields in Langfuse; every
 * other root metadata key becomes `langfuse.trace.metadata.<key>`.
 */
export const TRACE_METADATA_KEYS = {
  /** `user.id` of the trace */
  userId: 'userId',
  /** `session.id` of the trace */
  sessionId: 'sessionId',
  /** `langfuse.trace.tags` (an array of strings) */
  tags: 'tags',
} as const;

/**
 * Generation metadata keys that link the generation to a Langfuse prompt;
 * they are not repeated as observation metadata.
 */
export const GENERATION_METADATA_KEYS = {
  /** `langfuse.observation.prompt.name`: name of the Langfuse prompt used */
  promptName: 'promptName',
  /** `langfuse.observation.prompt.version`: its version (an integer) */
  promptVersion: 'promptVersion',
} as const;

/** Per-trace settings added to every observation. */
export interface LangfuseMappingContext {
  readonly environment: string | undefined;
  readonly release: string | undefined;
  /** Start of the first streamed chunk of this generation, epoch ms */
  readonly completionStartTime: number | undefined;
}

type Fields = Record<string, unknown>;

function json(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[Unserializable]';
  }
}

function scalar(value: unknown): string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : json(value);
}

/** The Langfuse observation type of an AI span. */
export function observationTypeOf(span: ExportedAISpan): LangfuseObservationType {
  if (span.isEvent) return 'event';
  switch (span.type) {
    case AISpanType.LLM_GENERATION:
      return (span.attributes as Fields | undefined)?.operation === 'embeddings' ? 'embedding' : 'generation';
    case AISpanType.AGENT_RUN:
      return 'agent';
    case AISpanType.TOOL_CALL:
    case AISpanType.MCP_TOOL_CALL:
      return 'tool';
    case AISpanType.WORKFLOW_RUN:
      return 'chain';
    default:
      return 'span';
  }
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Usage details in Langfuse's disjoint keys: Langfuse prices each key and
 * sums every `input*` key into input usage (every `output*` into output), so
 * cached and cache-written tokens leave `input` and reasoning tokens leave
 * `output` (as the server does itself for the AI SDK). Key names are those
 * Langfuse's default model prices use across OpenAI, Anthropic and Google
 * models (`input_cached_tokens`, `input_cache_creation`, `output_reasoning`).
 */
function usageDetails(usage: Fields): Record<string, number> | undefined {
  const details: Record<string, number> = {};
  const input = count(usage.promptTokens);
  const output = count(usage.completionTokens);
  const cacheRead = count(usage.promptCacheHitTokens);
  const cacheWrite = count(usage.promptCacheWriteTokens);
  const reasoning = count(usage.reasoningTokens);
  if (input !== undefined) details.input = Math.max(0, input - (cacheRead ?? 0) - (cacheWrite ?? 0));
  if (output !== undefined) details.output = Math.max(0, output - (reasoning ?? 0));
  const total = count(usage.totalTokens);
  if (total !== undefined) details.total = total;
  if (cacheRead !== undefined) details.input_cached_tokens = cacheRead;
  if (cacheWrite !== undefined) details.input_cache_creation = cacheWrite;
  if (reasoning !== undefined) details.output_reasoning = reasoning;
  return Object.keys(details).length > 0 ? details : undefined;
}

function costDetails(cost: Fields): Record<string, number> | undefined {
  const details: Record<string, number> = {};
  for (const key of ['input', 'output', 'total'] as const) {
    const value = cost[key];
    if (typeof value === 'number' && Number.isFinite(value)) details[key] = value;
  }
  return Object.keys(details).length > 0 ? details : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The prompt a generation came from: `attributes.prompt`, else metadata `promptName` / `promptVersion`. */
function promptOf(fields: Fields, metadata: Fields): { name?: string; version?: number } {
  const prompt = (fields.prompt ?? {}) as Fields;
  const name = text(prompt.name) ?? text(metadata[GENERATION_METADATA_KEYS.promptName]);
  // Langfuse links a prompt version by its integer number; `attributes.prompt.version` may be one as text.
  const fromPrompt = prompt.version;
  const version =
    typeof fromPrompt === 'string' && /^\d+$/.test(fromPrompt)
      ? Number(fromPrompt)
      : (fromPrompt ?? metadata[GENERATION_METADATA_KEYS.promptVersion]);
  return {
    ...(name === undefined ? {} : { name }),
    ...(typeof version === 'number' && Number.isInteger(version) ? { version } : {}),
  };
}

/**
 * Trace fields every span carries (as Langfuse's own `propagateAttributes`
 * does), so a trace gets them even when its root ran in another service:
 * user, session and tags from the span's fields (scoped with
 * `propagateAttributes` or set on the span), else from root metadata
 * `userId` / `sessionId` / `tags` as before.
 */
function traceContextAttributes(span: ExportedAISpan, metadata: Fields, attributes: OtlpAttributes): void {
  const userId =
    text(span.userId) ?? (span.isRootSpan ? text(metadata[TRACE_METADATA_KEYS.userId]) : undefined);
  const sessionId =
    text(span.sessionId) ?? (span.isRootSpan ? text(metadata[TRACE_METADATA_KEYS.sessionId]) : undefined);
  const metadataTags = span.isRootSpan ? metadata[TRACE_METADATA_KEYS.tags] : undefined;
  const tags = span.tags ?? (Array.isArray(metadataTags) ? metadataTags.map(String) : undefined);
  if (userId !== undefined) attributes['user.id'] = userId;
  if (sessionId !== undefined) attributes['session.id'] = sessionId;
  if (tags !== undefined && tags.length > 0) attributes['langfuse.trace.tags'] = [...tags];
}

/**
 * The `langfuse.*` attributes Langfuse reads from OTLP spans: observation
 * type, input/output, level and status message, metadata, environment and
 * release (the span's own, else the exporter's) on every span, and the
 * trace's user, session and tags on every span that has them; on
 * generations also model (as requested), parameters, usage and cost
 * details, completion start time and the prompt (`attributes.prompt`, else
 * metadata `promptName`, `promptVersion`); on the root span also the trace
 * name, input/output and trace metadata.
 */
export function mapLangfuse(span: ExportedAISpan, context: LangfuseMappingContext): OtlpAttributes {
  const attributes: OtlpAttributes = { 'langfuse.observation.type': observationTypeOf(span) };
  const generation = span.type === AISpanType.LLM_GENERATION;
  const fields = (span.attributes ?? {}) as Fields;
  const metadata = (span.metadata ?? {}) as Fields;
  const environment = text(span.environment) ?? context.environment;
  const release = text(span.release) ?? context.release;
  if (environment !== undefined) attributes['langfuse.environment'] = environment;
  if (release !== undefined) attributes['langfuse.release'] = release;
  if (span.input !== undefined) attributes['langfuse.observation.input'] = json(span.input);
  if (span.output !== undefined) attributes['langfuse.observation.output'] = json(span.output);
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined || value === null) continue;
    if (
      generation &&
      (key === GENERATION_METADATA_KEYS.promptName || key === GENERATION_METADATA_KEYS.promptVersion)
    )
      continue;
    attributes[`langfuse.observation.metadata.${key}`] = scalar(value);
  }
  if (span.errorInfo !== undefined) {
    attributes['langfuse.observation.level'] = 'ERROR';
    attributes['langfuse.observation.status_message'] = span.errorInfo.message;
  }

  if (generation) {
    // The requested model, as the app names it (Langfuse's prices match it; `gen_ai.response.model`
    // still carries the served one).
    if (typeof fields.model === 'string') attributes['langfuse.observation.model.name'] = fields.model;
    const prompt = promptOf(fields, metadata);
    if (prompt.name !== undefined) attributes['langfuse.observation.prompt.name'] = prompt.name;
    if (prompt.version !== undefined) attributes['langfuse.observation.prompt.version'] = prompt.version;
    if (fields.parameters !== undefined)
      attributes['langfuse.observation.model.parameters'] = json(fields.parameters);
    const usage = usageDetails((fields.usage ?? {}) as Fields);
    if (usage !== undefined) attributes['langfuse.observation.usage_details'] = json(usage);
    const cost = costDetails((fields.cost ?? {}) as Fields);
    if (cost !== undefined) attributes['langfuse.observation.cost_details'] = json(cost);
    // The instrumentation's own instant wins; the first chunk event is the fallback.
    const completionStartTime =
      typeof fields.completionStartTime === 'number' && Number.isFinite(fields.completionStartTime)
        ? fields.completionStartTime
        : context.completionStartTime;
    if (completionStartTime !== undefined) {
      attributes['langfuse.observation.completion_start_time'] = new Date(completionStartTime).toISOString();
    }
  }

  traceContextAttributes(span, metadata, attributes);
  if (span.isRootSpan) {
    attributes['langfuse.trace.name'] = span.name;
    if (span.input !== undefined) attributes['langfuse.trace.input'] = json(span.input);
    if (span.output !== undefined) attributes['langfuse.trace.output'] = json(span.output);
    for (const [key, value] of Object.entries(metadata)) {
      if (
        key === TRACE_METADATA_KEYS.userId ||
        key === TRACE_METADATA_KEYS.sessionId ||
        key === TRACE_METADATA_KEYS.tags
      ) {
        continue;
      }
      if (value !== undefined && value !== null) attributes[`langfuse.trace.metadata.${key}`] = scalar(value);
    }
  }
  return attributes;
}
