import type { ApmWireSpan } from './apm-wire-span';
import { MsgpackWriter } from './msgpack-writer';

/** One span, encoded once when it is queued, with the trace it belongs to. */
export interface EncodedApmSpan {
  /** The span's `trace_id` (lower 64 bits), to group spans into trace chunks */
  readonly traceId: bigint;
  /** The span's MessagePack map */
  readonly bytes: Buffer;
}

/** A `/v0.4/traces` request body and its `X-Datadog-Trace-Count`. */
export interface ApmPayload {
  readonly body: Buffer;
  readonly traceCount: number;
}

// Bytes of the array headers around spans, at most: the outer list and one per trace chunk.
const ARRAY_HEADER_BYTES = 5;

/** Encode one span as the MessagePack map the agent reads (dd-trace's v0.4 field names and types). */
export function encodeApmSpan(span: ApmWireSpan): EncodedApmSpan {
  const writer = new MsgpackWriter();
  writer.mapHeader(12);
  writer.string('trace_id');
  writer.uint64(span.trace_id);
  writer.string('span_id');
  writer.uint64(span.span_id);
  writer.string('parent_id');
  writer.uint64(span.parent_id);
  writer.string('name');
  writer.string(span.name);
  writer.string('resource');
  writer.string(span.resource);
  writer.string('service');
  writer.string(span.service);
  writer.string('type');
  writer.string(span.type);
  writer.string('error');
  writer.number(span.error);
  writer.string('start');
  writer.int64(span.start);
  writer.string('duration');
  writer.int64(span.duration);
  const meta = Object.entries(span.meta);
  writer.string('meta');
  writer.mapHeader(meta.length);
  for (const [key, value] of meta) {
    writer.string(key);
    writer.string(value);
  }
  const metrics = Object.entries(span.metrics);
  writer.string('metrics');
  writer.mapHeader(metrics.length);
  for (const [key, value] of metrics) {
    writer.string(key);
    writer.number(value);
  }
  return { traceId: span.trace_id, bytes: writer.toBuffer() };
}

/** Upper bound of the bytes `spans` take in a payload (each may open a trace chunk of its own). */
export function apmPayloadBytes(span: EncodedApmSpan): number {
  return span.bytes.length + ARRAY_HEADER_BYTES;
}

/**
 * The body of `PUT /v0.4/traces`: a list of traces, each the list of its
 * spans, grouped by trace id in order of first appearance (a trace split
 * across requests arrives as several chunks, which the agent joins).
 */
export function encodeApmPayload(spans: readonly EncodedApmSpan[]): ApmPayload {
  const traces = new Map<bigint, Buffer[]>();
  for (const span of spans) {
    const chunk = traces.get(span.traceId);
    if (chunk === undefined) traces.set(span.traceId, [span.bytes]);
    else chunk.push(span.bytes);
  }
  const writer = new MsgpackWriter();
  writer.arrayHeader(traces.size);
  for (const chunk of traces.values()) {
    writer.arrayHeader(chunk.length);
    for (const bytes of chunk) writer.raw(bytes);
  }
  return { body: writer.toBuffer(), traceCount: traces.size };
}
