import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { mapLangfuse, observationTypeOf } from './langfuse-attributes';

const CONTEXT = { environment: undefined, release: undefined, completionStartTime: undefined };

function span(fields: Partial<ExportedAISpan> & Pick<ExportedAISpan, 'type'>): ExportedAISpan {
  return {
    id: 'b'.repeat(16),
    traceId: 'a'.repeat(32),
    parentSpanId: 'c'.repeat(16),
    name: 'span',
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_500,
    isEvent: false,
    isRootSpan: false,
    ...fields,
  } as ExportedAISpan;
}

function usageOf(usage: Record<string, unknown>): unknown {
  const attributes = mapLangfuse(
    span({ type: AISpanType.LLM_GENERATION, attributes: { usage } as never }),
    CONTEXT,
  );
  const details = attributes['langfuse.observation.usage_details'];
  return details === undefined ? undefined : JSON.parse(String(details));
}

describe('observationTypeOf', () => {
  it('types embeddings calls as embedding and every other generation as generation', () => {
    const embed = span({ type: AISpanType.LLM_GENERATION, attributes: { operation: 'embeddings' } as never });
    const chat = span({ type: AISpanType.LLM_GENERATION, attributes: { operation: 'chat' } as never });
    expect(observationTypeOf(embed)).toBe('embedding');
    expect(observationTypeOf(chat)).toBe('generation');
    expect(observationTypeOf(span({ type: AISpanType.LLM_GENERATION }))).toBe('generation');
  });

  it('types any event span as event, whatever its span type', () => {
    expect(observationTypeOf(span({ type: AISpanType.TOOL_CALL, isEvent: true }))).toBe('event');
  });
});

describe('mapLangfuse usage details', () => {
  it('splits cached, cache-written and reasoning tokens out of input and output, keeping the totals', () => {
    expect(
      usageOf({
        promptTokens: 1_000,
        completionTokens: 50,
        totalTokens: 1_050,
        promptCacheHitTokens: 200,
        promptCacheWriteTokens: 700,
        reasoningTokens: 20,
      }),
    ).toEqual({
      input: 100,
      input_cached_tokens: 200,
      input_cache_creation: 700,
      output: 30,
      output_reasoning: 20,
      total: 1_050,
    });
  });

  it('never sends a negative count, and ignores counts that are not finite non-negative numbers', () => {
    expect(usageOf({ promptTokens: 10, promptCacheHitTokens: 25, completionTokens: Number.NaN })).toEqual({
      input: 0,
      input_cached_tokens: 25,
    });
    expect(usageOf({ promptTokens: -5, completionTokens: '7' })).toBeUndefined();
  });
});

describe('mapLangfuse', () => {
  it('links a generation to its Langfuse prompt and keeps those keys out of the metadata', () => {
    const attributes = mapLangfuse(
      span({
        type: AISpanType.LLM_GENERATION,
        metadata: { promptName: 'triage', promptVersion: 4, team: 'support' },
      }),
      CONTEXT,
    );
    expect(attributes).toMatchObject({
      'langfuse.observation.prompt.name': 'triage',
      'langfuse.observation.prompt.version': 4,
      'langfuse.observation.metadata.team': 'support',
    });
    expect(attributes['langfuse.observation.metadata.promptName']).toBeUndefined();
  });

  it('treats prompt keys on other spans, or a non-integer version, as plain metadata or nothing', () => {
    const tool = mapLangfuse(span({ type: AISpanType.TOOL_CALL, metadata: { promptName: 'x' } }), CONTEXT);
    expect(tool['langfuse.observation.prompt.name']).toBeUndefined();
    expect(tool['langfuse.observation.metadata.promptName']).toBe('x');
    const generation = mapLangfuse(
      span({ type: AISpanType.LLM_GENERATION, metadata: { promptVersion: '4' } }),
      CONTEXT,
    );
    expect(generation['langfuse.observation.prompt.version']).toBeUndefined();
  });

  it('sets trace-level attributes on the root span only', () => {
    const metadata = { userId: 'u', sessionId: 's', tags: ['t'], plan: 'pro' };
    const child = mapLangfuse(span({ type: AISpanType.GENERIC, metadata }), CONTEXT);
    expect(Object.keys(child).some((key) => key.startsWith('langfuse.trace.') || key.endsWith('.id'))).toBe(
      false,
    );
    const root = mapLangfuse(span({ type: AISpanType.GENERIC, metadata, isRootSpan: true }), CONTEXT);
    expect(root).toMatchObject({
      'user.id': 'u',
      'session.id': 's',
      'langfuse.trace.tags': ['t'],
      'langfuse.trace.metadata.plan': 'pro',
    });
    expect(root['langfuse.trace.metadata.userId']).toBeUndefined();
  });

  it('serialises values JSON cannot represent without throwing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const attributes = mapLangfuse(
      span({ type: AISpanType.GENERIC, input: circular, output: 10n, metadata: { deep: circular } }),
      CONTEXT,
    );
    expect(attributes['langfuse.observation.input']).toBe('[Unserializable]');
    expect(attributes['langfuse.observation.output']).toBe('[Unserializable]');
    expect(attributes['langfuse.observation.metadata.deep']).toBe('[Unserializable]');
  });
});
