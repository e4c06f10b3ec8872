import type { ExportedScore } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { mapLLMObsEvaluation, ROOT_TRACE_TAG } from './llmobs-evaluation-mapping';

const base: ExportedScore = {
  id: 'f'.repeat(32),
  traceId: '0123456789abcdef0123456789abcdef',
  name: 'quality',
  value: 0.5,
  dataType: 'numeric',
  timestamp: 1_700_000_000_000.4,
};

describe('mapLLMObsEvaluation', () => {
  it('joins a span score by the ids LLM Observability spans carry (hex trace id, decimal span id)', () => {
    expect(mapLLMObsEvaluation({ ...base, spanId: '00000000000000ff', comment: 'ok' }, 'bot')).toEqual({
      event_kind: 'evaluation',
      join_on: { span: { span_id: '255', trace_id: '0123456789abcdef0123456789abcdef' } },
      label: 'quality',
      metric_type: 'score',
      ml_app: 'bot',
      score_value: 0.5,
      timestamp_ms: 1_700_000_000_000,
      tags: ['ml_app:bot', `aitracing.score_id:${'f'.repeat(32)}`],
      reasoning: 'ok',
    });
  });

  it('joins a trace score to the root span by tag, and types booleans and categories', () => {
    const boolean = mapLLMObsEvaluation({ ...base, value: true, dataType: 'boolean' }, 'bot');
    expect(boolean).toMatchObject({
      join_on: { tag: { key: ROOT_TRACE_TAG, value: base.traceId } },
      metric_type: 'boolean',
      boolean_value: true,
    });
    expect(boolean).not.toHaveProperty('score_value');
    const category = mapLLMObsEvaluation(
      {
        ...base,
        value: 'good',
        dataType: 'categorical',
        source: 'user-feedback',
        userId: 'u1',
        sessionId: 's1',
      },
      'bot',
    );
    expect(category).toMatchObject({ metric_type: 'categorical', categorical_value: 'good' });
    expect(category.tags).toEqual(
      expect.arrayContaining(['score_source:user-feedback', 'user_id:u1', 'session_id:s1']),
    );
  });
});
