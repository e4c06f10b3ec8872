import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { APM_MAX_IO_LENGTH, apmErrorTags, mapApmEvent, mapApmSpan } from './apm-mapping';

function span(overrides: Partial<ExportedAISpan>): ExportedAISpan {
  return {
    id: '00000000000000a1',
    traceId: '0000000000000000000000000000abcd',
    name: 'span',
    type: AISpanType.GENERIC,
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_100,
    isEvent: false,
    isRootSpan: true,
    ...overrides,
  };
}

describe('mapApmSpan', () => {
  it('names the operation after the type and the resource after the span', () => {
    const mapped = mapApmSpan(
      span({ type: AISpanType.WORKFLOW_STEP, name: 'validate', parentSpanId: 'p' }),
      'svc',
    );
    expect(mapped.operationName).toBe('aitracing.workflow_step');
    expect(mapped.tags).toMatchObject({
      'resource.name': 'validate',
      'span.type': 'custom',
      'span.kind': 'internal',
      service: 'svc',
      'aitracing.span_type': 'workflow_step',
      'aitracing.span_id': '00000000000000a1',
      'aitracing.parent_span_id': 'p',
    });
    expect(mapApmSpan(span({})).tags).not.toHaveProperty('service');
  });

  it('maps LLM attributes to gen_ai tags and numbers to metrics', () => {
    const { tags } = mapApmSpan(
      span({
        type: AISpanType.LLM_GENERATION,
        attributes: {
          model: 'm',
          provider: 'p',
          streaming: true,
          usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
          parameters: { temperature: 0.5, maxOutputTokens: 9 },
          cost: { input: 0.1, output: 0.2, total: 0.3, currency: 'USD' },
        } as never,
      }),
    );
    expect(tags).toMatchObject({
      'span.type': 'llm',
      'span.kind': 'client',
      'gen_ai.request.model': 'm',
      'gen_ai.provider.name': 'p',
      'gen_ai.usage.input_tokens': 1,
      'gen_ai.usage.output_tokens': 2,
      'gen_ai.usage.total_tokens': 3,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.request.max_tokens': 9,
      'aitracing.attributes.streaming': 1,
      'aitracing.cost.total': 0.3,
      'aitracing.cost.currency': 'USD',
    });
    expect(tags).not.toHaveProperty('aitracing.attributes.model');
  });

  it('cuts long inputs and outputs', () => {
    const { tags } = mapApmSpan(span({ input: 'x'.repeat(5_000), output: { a: 1 } }));
    expect(String(tags['aitracing.input']).startsWith('x'.repeat(APM_MAX_IO_LENGTH))).toBe(true);
    expect(tags['aitracing.input']).toContain('[truncated 4000 chars]');
    expect(tags['aitracing.output']).toBe('{"a":1}');
  });

  it('sets error type, message and stack for a failed span', () => {
    const failed = span({
      errorInfo: { message: 'boom', name: 'RangeError', stack: 'RangeError: boom\n at x' },
    });
    expect(apmErrorTags(failed)).toEqual({
      'error.type': 'RangeError',
      'error.message': 'boom',
      'error.stack': 'RangeError: boom\n at x',
    });
    expect(apmErrorTags(span({ errorInfo: { message: 'm' } }))).toEqual({
      'error.type': 'Error',
      'error.message': 'm',
    });
    expect(apmErrorTags(span({}))).toEqual({});
    expect(mapApmSpan(failed).tags['error.message']).toBe('boom');
  });

  it('maps metadata, session and user', () => {
    const { tags } = mapApmSpan(
      span({ metadata: { sessionId: 's', userId: 'u', tags: ['a:b'], plan: 'pro', deep: {} } }),
    );
    expect(tags).toMatchObject({
      'session.id': 's',
      'usr.id': 'u',
      'aitracing.tags.a': 'b',
      'aitracing.metadata.plan': 'pro',
    });
    expect(tags).not.toHaveProperty('aitracing.metadata.deep');
  });
});

describe('mapApmEvent', () => {
  it('turns an event span into a span event with primitive attributes', () => {
    const event = span({
      type: AISpanType.LLM_CHUNK,
      name: 'chunk',
      isEvent: true,
      attributes: { chunkType: 'text-delta', sequenceNumber: 3 },
      output: 'y'.repeat(300),
    });
    const mapped = mapApmEvent(event);
    expect(mapped.name).toBe('chunk');
    expect(mapped.time).toBe(event.startTime);
    expect(mapped.attributes).toMatchObject({
      'aitracing.span_type': 'llm_chunk',
      chunk_type: 'text-delta',
      sequence_number: 3,
    });
    expect(String(mapped.attributes.output)).toContain('[truncated 44 chars]');
  });
});
