import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { decode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { mapApmSpan } from '../apm-mapping';
import { encodeApmPayload, encodeApmSpan } from './apm-payload';
import { type ApmContext, epochNanoseconds, toApmWireSpan } from './apm-wire-span';
import { spanIdFromHex } from './span-ids';

const CONTEXT: ApmContext = { service: 'svc', env: 'prod', version: '1.2.3', globalTags: { team: 'ai' } };
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

function span(overrides: Partial<ExportedAISpan> = {}): ExportedAISpan {
  return {
    id: '00f067aa0ba902b7',
    traceId: TRACE_ID,
    name: 'plan',
    type: AISpanType.LLM_GENERATION,
    startTime: 1_764_000_000_123.25,
    endTime: 1_764_000_000_623.5,
    isEvent: false,
    isRootSpan: true,
    attributes: { model: 'gpt-4o-mini', usage: { promptTokens: 10 } },
    ...overrides,
  } as ExportedAISpan;
}

const ids = { traceId: TRACE_ID, spanId: 0x00f067aa0ba902b7n, parentId: 0n };

describe('toApmWireSpan', () => {
  it('puts string tags in meta, numbers in metrics, the upper trace id bits in _dd.p.tid', () => {
    const source = span();
    const wire = toApmWireSpan(source, mapApmSpan(source), [], ids, CONTEXT);
    expect(wire).toMatchObject({
      trace_id: 0xa3ce929d0e0e4736n,
      span_id: 0x00f067aa0ba902b7n,
      parent_id: 0n,
      name: 'aitracing.llm_generation',
      resource: 'plan',
      service: 'svc',
      type: 'llm',
      error: 0,
    });
    expect(wire.meta).toMatchObject({
      env: 'prod',
      version: '1.2.3',
      team: 'ai',
      '_dd.p.tid': '4bf92f3577b34da6',
      'gen_ai.request.model': 'gpt-4o-mini',
      'span.kind': 'client',
    });
    expect(wire.metrics).toMatchObject({ 'gen_ai.usage.input_tokens': 10, _sampling_priority_v1: 1 });
    expect(wire.meta).not.toHaveProperty('resource.name');
  });

  it('keeps start and duration exact to the nanosecond (a float product would be ~256 ns off)', () => {
    // Epoch milliseconds as a double resolve ~0.24 µs today: the conversion must add no error of its own.
    expect(epochNanoseconds(1_764_000_000_123.25)).toBe(1_764_000_000_123_250_000n);
    expect(epochNanoseconds(1_764_000_000_000.000_5)).toBe(1_764_000_000_000_000_488n);
    const source = span();
    const wire = toApmWireSpan(source, mapApmSpan(source), [], ids, CONTEXT);
    expect(wire.start).toBe(1_764_000_000_123_250_000n);
    expect(wire.duration).toBe(500_250_000n);
  });

  it('marks a failed span as an error and cuts values to the agent limits', () => {
    const source = span({
      name: 'r'.repeat(6_000),
      errorInfo: { message: 'm'.repeat(30_000), name: 'TypeError' },
    } as Partial<ExportedAISpan>);
    const wire = toApmWireSpan(source, mapApmSpan(source), [], ids, CONTEXT);
    expect(wire.error).toBe(1);
    expect(wire.resource).toHaveLength(5_000);
    expect(wire.meta['error.message']?.length).toBeLessThanOrEqual(25_003);
  });

  it('reads span ids as unsigned 64-bit, refusing 0 and non-hex', () => {
    expect(spanIdFromHex('ffffffffffffffff')).toBe(2n ** 64n - 1n);
    expect(spanIdFromHex('0000000000000000')).toBeUndefined();
    expect(spanIdFromHex('not-hex')).toBeUndefined();
    expect(spanIdFromHex(undefined)).toBeUndefined();
  });
});

describe('encodeApmPayload', () => {
  it('groups spans into one chunk per trace and counts the traces', () => {
    const source = span();
    const encode = (traceId: string, spanId: bigint) =>
      encodeApmSpan(
        toApmWireSpan(source, mapApmSpan(source), [], { traceId, spanId, parentId: 0n }, CONTEXT),
      );
    const other = '0000000000000000000000000000abcd';
    const payload = encodeApmPayload([encode(TRACE_ID, 1n), encode(other, 2n), encode(TRACE_ID, 3n)]);
    expect(payload.traceCount).toBe(2);
    const traces = decode(payload.body, { useBigInt64: true }) as Array<Array<Record<string, unknown>>>;
    expect(traces.map((trace) => trace.map((item) => item.span_id))).toEqual([[1n, 3n], [2n]]);
    expect(traces[1]?.[0]?.trace_id).toBe(0xabcdn);
    // No upper bits: no _dd.p.tid.
    const meta = (traces[1]?.[0]?.meta ?? {}) as Record<string, string>;
    expect(meta).not.toHaveProperty('_dd.p.tid');
  });
});
