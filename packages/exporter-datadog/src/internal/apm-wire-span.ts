import type { ExportedAISpan } from '@aitracing/core';
import type { ApmSpanEvent, ApmSpanMapping } from '../apm-mapping';

/** One APM span as the agent's `/v0.4/traces` endpoint takes it (before MessagePack encoding). */
export interface ApmWireSpan {
  /** Lower 64 bits of the trace id; the upper 64 are in `meta['_dd.p.tid']` */
  readonly trace_id: bigint;
  readonly span_id: bigint;
  /** 0 for a root */
  readonly parent_id: bigint;
  readonly name: string;
  readonly resource: string;
  readonly service: string;
  readonly type: string;
  readonly error: 0 | 1;
  /** Epoch nanoseconds */
  readonly start: bigint;
  /** Nanoseconds */
  readonly duration: bigint;
  readonly meta: Record<string, string>;
  readonly metrics: Record<string, number>;
}

/** Where an APM span sits. */
export interface ApmIds {
  /** 32 lowercase hex characters */
  readonly traceId: string;
  readonly spanId: bigint;
  /** 0n for a root */
  readonly parentId: bigint;
}

/** Unified service tags stamped on every APM span. */
export interface ApmContext {
  readonly service: string;
  readonly env: string | undefined;
  readonly version: string | undefined;
  /** `DD_TAGS`-style global tags, applied first */
  readonly globalTags: Readonly<Record<string, string>>;
}

// The agent's truncation limits (datadog-agent pkg/trace/traceutil/truncate.go, as dd-trace applies them):
// cut here so that what we count as delivered is what the agent keeps.
const MAX_RESOURCE_LENGTH = 5_000;
const MAX_NAME_LENGTH = 100;
const MAX_META_KEY_LENGTH = 200;
const MAX_META_VALUE_LENGTH = 25_000;
// Fields of the span map, not tags (dd-trace treats these tag names the same way).
const FIELD_TAGS = new Set(['resource.name', 'span.type', 'service', 'service.name']);
// dd-trace's AUTO_KEEP: the agent keeps the trace unless its own sampling says otherwise.
const AUTO_KEEP = 1;

/**
 * The wire form of one span from its APM mapping, ids and the app's unified
 * service tags: string tags go to `meta`, numbers to `metrics`; event spans
 * (LLM chunks) as dd-trace's `meta.events` JSON; `error` 1 when the span
 * failed; exact start and duration in nanoseconds; values cut to the agent's
 * limits. Pure.
 */
export function toApmWireSpan(
  span: ExportedAISpan,
  mapping: ApmSpanMapping,
  events: readonly ApmSpanEvent[],
  ids: ApmIds,
  context: ApmContext,
): ApmWireSpan {
  const meta: Record<string, string> = {};
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(context.globalTags)) putMeta(meta, key, value);
  if (context.env !== undefined) meta.env = context.env;
  if (context.version !== undefined) meta.version = context.version;
  meta.language = 'javascript';
  const upper = ids.traceId.slice(0, 16);
  if (/^[0-9a-f]{16}$/.test(upper) && upper !== '0000000000000000') meta['_dd.p.tid'] = upper;
  meta['_dd.p.dm'] = '-0';
  metrics._sampling_priority_v1 = AUTO_KEEP;
  const tags = mapping.tags;
  for (const [key, value] of Object.entries(tags)) {
    if (FIELD_TAGS.has(key)) continue;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) metrics[key.slice(0, MAX_META_KEY_LENGTH)] = value;
    } else putMeta(meta, key, value);
  }
  if (events.length > 0) meta.events = eventsJson(events);
  const service = stringTag(tags.service) ?? stringTag(tags['service.name']) ?? context.service;
  const end = span.endTime ?? span.startTime;
  const start = epochNanoseconds(span.startTime);
  const duration = epochNanoseconds(end) - start;
  return {
    trace_id: BigInt.asUintN(64, BigInt(`0x${ids.traceId}`)),
    span_id: ids.spanId,
    parent_id: ids.parentId,
    name: mapping.operationName.slice(0, MAX_NAME_LENGTH),
    resource: (stringTag(tags['resource.name']) ?? mapping.operationName).slice(0, MAX_RESOURCE_LENGTH),
    service: service.slice(0, MAX_NAME_LENGTH),
    type: (stringTag(tags['span.type']) ?? 'custom').slice(0, MAX_NAME_LENGTH),
    error: typeof tags['error.type'] === 'string' ? 1 : 0,
    start,
    duration: duration > 0n ? duration : 0n,
    meta,
    metrics,
  };
}

/**
 * Epoch milliseconds (sub-millisecond fraction allowed) as integer
 * nanoseconds, exact to the nanosecond: a float product would lose ~256 ns
 * at today's epoch.
 */
export function epochNanoseconds(epochMs: number): bigint {
  if (!Number.isFinite(epochMs) || epochMs < 0) return 0n;
  const whole = Math.floor(epochMs);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((epochMs - whole) * 1e6));
}

function putMeta(meta: Record<string, string>, key: string, value: string): void {
  meta[key.slice(0, MAX_META_KEY_LENGTH)] =
    value.length > MAX_META_VALUE_LENGTH ? `${value.slice(0, MAX_META_VALUE_LENGTH)}...` : value;
}

function stringTag(value: string | number | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** dd-trace's legacy span events: a JSON list of `{ name, time_unix_nano, attributes }` in `meta.events`. */
function eventsJson(events: readonly ApmSpanEvent[]): string {
  return JSON.stringify(
    events.map((event) => ({
      name: event.name,
      time_unix_nano: Number(epochNanoseconds(event.time)),
      attributes: event.attributes,
    })),
  );
}
