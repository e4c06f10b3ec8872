import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { mapLLMObsSpan } from '../llmobs-mapping';
import { type LLMObsContext, toLLMObsEvent } from './llmobs-event';
import { datadogSpanId, datadogTraceId } from './span-ids';

const CONTEXT: LLMObsContext = {
  mlApp: 'bot',
  service: 'svc',
  env: 'prod',
  version: '1.0.0',
  globalTags: { team: 'ai' },
};

function span(overrides: Partial<ExportedAISpan>): ExportedAISpan {
  return {
    id: '00000000000000a1',
    traceId: '0000000000000000000000000000abcd',
    name: 'span',
    type: AISpanType.GENERIC,
    startTime: 1_700_000_000_000.25,
    endTime: 1_700_000_000_100.5,
    isEvent: false,
    isRootSpan: true,
    ...overrides,
  };
}

const ids = { traceId: '0000000000000000000000000000abcd', spanId: '161', parentId: undefined };

describe('toLLMObsEvent', () => {
  it('writes an LLM span as dd-trace does: ids, ns times, model, messages, metrics, tags', () => {
    const llm = span({
      type: AISpanType.LLM_GENERATION,
      name: 'answer',
      input: 'Hi',
      output: 'Hello',
      attributes: {
        model: 'gpt-4o-mini',
        provider: 'OpenAI',
        usage: { promptTokens: 3, completionTokens: 2 },
      },
      metadata: { sessionId: 's-1' },
    });
    const event = toLLMObsEvent(llm, mapLLMObsSpan(llm), ids, CONTEXT);
    expect(event).toMatchObject({
      trace_id: '0000000000000000000000000000abcd',
      span_id: '161',
      parent_id: 'undefined',
      name: 'answer',
      start_ns: 1_700_000_000_000_250_000,
      duration: 100_250_000,
      status: 'ok',
      session_id: 's-1',
      meta: {
        'span.kind': 'llm',
        model_name: 'gpt-4o-mini',
        model_provider: 'openai',
        input: { messages: [{ role: 'user', content: 'Hi' }] },
        output: { messages: [{ role: 'assistant', content: 'Hello' }] },
      },
      metrics: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
      _dd: { span_id: '161', trace_id: '0000000000000000000000000000abcd' },
    });
    expect(event.tags).toEqual(
      expect.arrayContaining([
        'team:ai',
        'ml_app:bot',
        'service:svc',
        'env:prod',
        'version:1.0.0',
        'error:0',
        'session_id:s-1',
        'aitracing.span_type:llm_generation',
      ]),
    );
  });

  it('gives other spans JSON values, and a failed span error status and fields', () => {
    const tool = span({
      type: AISpanType.TOOL_CALL,
      input: { orderId: 42 },
      errorInfo: { message: 'boom', name: 'TypeError' },
    });
    const event = toLLMObsEvent(tool, mapLLMObsSpan(tool), { ...ids, parentId: '7' }, CONTEXT);
    expect(event.parent_id).toBe('7');
    expect(event.status).toBe('error');
    expect(event.meta).toMatchObject({
      'span.kind': 'tool',
      input: { value: '{"orderId":42}' },
      output: {},
      'error.message': 'boom',
      'error.type': 'TypeError',
    });
    expect(event.tags).toEqual(expect.arrayContaining(['error:1', 'error_type:TypeError']));
  });

  it('tags an absent env or version empty, as dd-trace does', () => {
    const event = toLLMObsEvent(span({}), mapLLMObsSpan(span({})), ids, {
      ...CONTEXT,
      env: undefined,
      version: undefined,
    });
    expect(event.tags).toEqual(expect.arrayContaining(['env:', 'version:']));
  });
});

describe('ids', () => {
  it('keeps 128-bit hex trace ids (lowercase, padded), falls back to a random one otherwise', () => {
    expect(datadogTraceId('0000000000000000000000000000ABCD')).toBe('0000000000000000000000000000abcd');
    expect(datadogTraceId('abcd')).toBe('0000000000000000000000000000abcd');
    expect(datadogTraceId('not-an-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes hex span ids as unsigned decimal', () => {
    expect(datadogSpanId('ffffffffffffffff').toString(10)).toBe('18446744073709551615');
    expect(datadogSpanId('00000000000000a1').toString(10)).toBe('161');
    expect(datadogSpanId('zz').toString(10)).toMatch(/^[1-9]\d*$/);
  });
});
