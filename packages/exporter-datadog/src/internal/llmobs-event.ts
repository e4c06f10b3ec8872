import type { ExportedAISpan } from '@aitracing/core';
import { apmErrorTags } from '../apm-mapping';
import type { LLMObsSpanMapping } from '../llmobs-mapping';
import type { DdLLMObsPrompt } from './dd-trace-api';

/** Input or output of an LLM Observability span on the wire. */
export interface LLMObsIO {
  value?: string;
  messages?: Array<{ role: string; content: string }>;
  /** LLM spans: the prompt they came from (`annotate({ prompt })`) */
  prompt?: DdLLMObsPrompt;
}

/**
 * One LLM Observability span event, as dd-trace's span processor writes it
 * (`packages/dd-trace/src/llmobs/span_processor.js`, `format`).
 */
export interface LLMObsSpanEvent {
  readonly trace_id: string;
  readonly span_id: string;
  /** The parent's span id, `"undefined"` for a root */
  readonly parent_id: string;
  readonly name: string;
  readonly tags: string[];
  /** Epoch nanoseconds */
  readonly start_ns: number;
  /** Nanoseconds */
  readonly duration: number;
  readonly status: 'ok' | 'error';
  readonly meta: Record<string, unknown>;
  readonly metrics: Record<string, number>;
  readonly session_id?: string;
  readonly _dd: Record<string, string>;
}

/** Where a span sits: its ids, its parent's, and the APM trace it belongs to (mode `both`). */
export interface LLMObsIds {
  /** 128-bit lowercase hex */
  readonly traceId: string;
  /** Unsigned 64-bit decimal */
  readonly spanId: string;
  readonly parentId: string | undefined;
  /** Set when an APM span with the same ids exists */
  readonly apmTraceId?: string;
}

/** Unified service tags and ML app stamped on every event. */
export interface LLMObsContext {
  readonly mlApp: string;
  readonly service: string | undefined;
  readonly env: string | undefined;
  readonly version: string | undefined;
  /** `DD_TAGS`-style global tags, applied first */
  readonly globalTags: Readonly<Record<string, string>>;
}

// dd-trace's defaults for an LLM span without a model.
const DEFAULT_MODEL = 'custom';

/**
 * Build the wire event of one span from its mapping — the same fields and
 * defaults as dd-trace's own LLM Observability span processor. Pure.
 */
export function toLLMObsEvent(
  span: ExportedAISpan,
  mapping: LLMObsSpanMapping,
  ids: LLMObsIds,
  context: LLMObsContext,
): LLMObsSpanEvent {
  const { options, annotation } = mapping;
  const kind = options.kind;
  const meta: Record<string, unknown> = { 'span.kind': kind };
  if (kind === 'llm' || kind === 'embedding') {
    meta.model_name = options.modelName ?? DEFAULT_MODEL;
    meta.model_provider = (options.modelProvider ?? DEFAULT_MODEL).toLowerCase();
  }
  const input = toIO(annotation.inputData, kind === 'llm');
  if (kind === 'llm' && annotation.prompt !== undefined) input.prompt = annotation.prompt;
  meta.input = input;
  meta.output = toIO(annotation.outputData, kind === 'llm');
  if (annotation.metadata !== undefined) meta.metadata = annotation.metadata;
  const errorTags = apmErrorTags(span);
  const failed = errorTags['error.type'] !== undefined;
  if (failed) {
    meta['error.message'] = errorTags['error.message'] ?? '';
    meta['error.type'] = errorTags['error.type'];
    if (errorTags['error.stack'] !== undefined) meta['error.stack'] = errorTags['error.stack'];
  }

  const tags: Record<string, string> = {
    ...context.globalTags,
    version: context.version ?? '',
    env: context.env ?? '',
    service: context.service ?? '',
    source: 'integration',
    ml_app: options.mlApp ?? context.mlApp,
    error: failed ? '1' : '0',
    language: 'javascript',
  };
  if (failed) tags.error_type = String(errorTags['error.type']);
  if (options.sessionId !== undefined) tags.session_id = options.sessionId;
  Object.assign(tags, annotation.tags);

  const dd: Record<string, string> = { span_id: ids.spanId, trace_id: ids.traceId };
  if (ids.apmTraceId !== undefined) dd.apm_trace_id = ids.apmTraceId;
  const event: LLMObsSpanEvent = {
    trace_id: ids.traceId,
    span_id: ids.spanId,
    parent_id: ids.parentId ?? 'undefined',
    name: options.name,
    tags: Object.entries(tags).map(([key, value]) => `${key}:${value}`),
    start_ns: Math.round(span.startTime * 1e6),
    duration: Math.max(0, Math.round((mapping.endTime - span.startTime) * 1e6)),
    status: failed ? 'error' : 'ok',
    meta,
    metrics: annotation.metrics ?? {},
    _dd: dd,
  };
  return options.sessionId === undefined ? event : { ...event, session_id: options.sessionId };
}

/** An LLM span's messages as `messages`; anything else as a `value` string (JSON for non-strings). */
function toIO(data: unknown, isLLM: boolean): LLMObsIO {
  if (data === undefined || data === null) return {};
  if (isLLM && Array.isArray(data)) {
    return {
      messages: data.map((message: { role?: unknown; content?: unknown }) => ({
        role: typeof message.role === 'string' ? message.role : '',
        content: typeof message.content === 'string' ? message.content : stringify(message.content),
      })),
    };
  }
  return { value: typeof data === 'string' ? data : stringify(data) };
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unserializable]';
  }
}
