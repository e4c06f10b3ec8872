import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { createPlaceholderSpan } from './internal/placeholder-span';
import { LLMOBS_SPAN_KINDS, mapLLMObsSpan } from './llmobs-mapping';

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

describe('LLMOBS_SPAN_KINDS', () => {
  it('maps every span type to a kind', () => {
    for (const type of Object.values(AISpanType)) expect(LLMOBS_SPAN_KINDS[type]).toBeDefined();
    expect(LLMOBS_SPAN_KINDS).toMatchObject({
      agent_run: 'agent',
      llm_generation: 'llm',
      tool_call: 'tool',
      mcp_tool_call: 'tool',
      workflow_run: 'workflow',
      workflow_step: 'task',
      generic: 'task',
    });
  });
});

describe('mapLLMObsSpan', () => {
  it('keeps name, kind and exact times', () => {
    const mapped = mapLLMObsSpan(span({ type: AISpanType.WORKFLOW_RUN, name: 'pipeline' }));
    expect(mapped.options).toEqual({ kind: 'workflow', name: 'pipeline', startTime: 1_700_000_000_000.25 });
    expect(mapped.endTime).toBe(1_700_000_000_100.5);
  });

  it('turns LLM inputs of any usual shape into messages', () => {
    const llm = (input: unknown, output?: unknown) =>
      mapLLMObsSpan(span({ type: AISpanType.LLM_GENERATION, input, output })).annotation;
    expect(llm('hi', 'hello').inputData).toEqual([{ role: 'user', content: 'hi' }]);
    expect(llm('hi', 'hello').outputData).toEqual([{ role: 'assistant', content: 'hello' }]);
    expect(
      llm([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        { role: 'tool', content: { result: 1 } },
      ]).inputData,
    ).toEqual([
      { role: 'user', content: 'ab' },
      { role: 'tool', content: '{"result":1}' },
    ]);
    expect(llm({ system: 'Be brief.', messages: [{ role: 'user', content: 'q' }] }).inputData).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'q' },
    ]);
    expect(llm({ prompt: 'p' }).inputData).toEqual([{ role: 'user', content: 'p' }]);
    expect(llm({ foo: 1 }).inputData).toEqual([{ role: 'user', content: '{"foo":1}' }]);
    expect(llm(undefined, { text: 't', usage: {} }).outputData).toEqual([
      { role: 'assistant', content: 't' },
    ]);
    expect(llm(undefined, { role: 'assistant', content: null }).outputData).toEqual([
      { role: 'assistant', content: '' },
    ]);
    expect(llm(undefined, 42).outputData).toEqual([{ role: 'assistant', content: '42' }]);
    expect(llm(undefined, undefined)).not.toHaveProperty('inputData');
  });

  it('passes other inputs and outputs as values', () => {
    const mapped = mapLLMObsSpan(span({ type: AISpanType.TOOL_CALL, input: { id: 1 }, output: 'ok' }));
    expect(mapped.annotation).toMatchObject({ inputData: { id: 1 }, outputData: 'ok' });
  });

  it('maps model, tokens, cost and parameters of LLM spans', () => {
    const mapped = mapLLMObsSpan(
      span({
        type: AISpanType.LLM_GENERATION,
        attributes: {
          model: 'gpt-4o',
          provider: 'openai',
          usage: {
            promptTokens: 10,
            completionTokens: 5,
            promptCacheHitTokens: 4,
            promptCacheMissTokens: 6,
            reasoningTokens: 2,
          },
          parameters: { temperature: 0, maxOutputTokens: 100, stopSequences: ['\n'], topP: 0.9 },
          finishReason: 'stop',
          cost: { input: 1, output: 2, total: 3 },
        } as never,
      }),
    );
    expect(mapped.options).toMatchObject({ modelName: 'gpt-4o', modelProvider: 'openai' });
    expect(mapped.annotation.metrics).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
      cache_read_input_tokens: 4,
      reasoning_output_tokens: 2,
      input_cost: 1,
      output_cost: 2,
      total_cost: 3,
    });
    expect(mapped.annotation.metadata).toEqual({
      temperature: 0,
      max_tokens: 100,
      stop: ['\n'],
      top_p: 0.9,
      finish_reason: 'stop',
      prompt_cache_miss_tokens: 6,
    });
  });

  it('maps cache writes, the response model and time to first token from completionStartTime', () => {
    const startTime = 1_700_000_000_000.25;
    const mapped = mapLLMObsSpan(
      span({
        type: AISpanType.LLM_GENERATION,
        startTime,
        attributes: {
          model: 'claude-sonnet-4',
          responseModel: 'claude-sonnet-4-20250514',
          usage: { promptTokens: 900, completionTokens: 10, promptCacheWriteTokens: 800 },
          completionStartTime: startTime + 120.5,
        } as never,
      }),
      [span({ type: AISpanType.LLM_CHUNK, startTime: startTime + 500, isEvent: true })],
    );
    expect(mapped.annotation.metrics).toMatchObject({ input_tokens: 900, cache_write_input_tokens: 800 });
    expect(mapped.annotation.metadata).toMatchObject({
      response_model: 'claude-sonnet-4-20250514',
      time_to_first_chunk_ms: 120.5,
      stream_chunks: 1,
    });
    expect(mapped.annotation.metadata).not.toHaveProperty('completion_start_time');
  });

  it('keeps a cost in another currency as metadata', () => {
    const cost = { total: 3, currency: 'EUR' };
    const mapped = mapLLMObsSpan(span({ type: AISpanType.LLM_GENERATION, attributes: { cost } as never }));
    expect(mapped.annotation.metrics).toBeUndefined();
    expect(mapped.annotation.metadata).toEqual({ cost });
  });

  it('reads session, user and tags from metadata and passes the rest on', () => {
    const mapped = mapLLMObsSpan(
      span({
        type: AISpanType.AGENT_RUN,
        attributes: { agentId: 'helper', maxSteps: 3 },
        metadata: { sessionId: 42, userId: 'u1', tags: ['beta', 'tier:gold', 7], plan: 'pro' },
      }),
      [],
      'my-app',
    );
    expect(mapped.options).toMatchObject({ sessionId: '42', mlApp: 'my-app' });
    expect(mapped.annotation.metadata).toEqual({ agent_id: 'helper', max_steps: 3, plan: 'pro' });
    expect(mapped.annotation.tags).toEqual({
      'aitracing.span_type': 'agent_run',
      'aitracing.trace_id': '0000000000000000000000000000abcd',
      agent_id: 'helper',
      user_id: 'u1',
      // A root that started its trace here: trace-level scores join it.
      'aitracing.root_trace_id': '0000000000000000000000000000abcd',
      beta: 'true',
      tier: 'gold',
    });
    const withObjectTags = mapLLMObsSpan(span({ metadata: { tags: { team: 'ai', n: 1, skip: {} } } }));
    expect(withObjectTags.annotation.tags).toMatchObject({ team: 'ai', n: '1' });
    expect(withObjectTags.annotation.tags).not.toHaveProperty('skip');
  });

  it('summarises LLM chunks and other events on their parent', () => {
    const parent = span({ type: AISpanType.LLM_GENERATION, startTime: 1000, endTime: 2000 });
    const chunk = (startTime: number) =>
      span({ type: AISpanType.LLM_CHUNK, startTime, endTime: startTime, isEvent: true });
    const mapped = mapLLMObsSpan(parent, [chunk(1250.5), chunk(1300), span({ isEvent: true })]);
    expect(mapped.annotation.metadata).toMatchObject({
      stream_chunks: 2,
      time_to_first_chunk_ms: 250.5,
      event_spans: 1,
    });
  });

  it('marks the placeholder of an incomplete trace', () => {
    const placeholder = createPlaceholderSpan('0000000000000000000000000000abcd', [span({})]);
    expect(mapLLMObsSpan(placeholder).annotation.tags).toMatchObject({ 'aitracing.incomplete': 'true' });
  });
});
