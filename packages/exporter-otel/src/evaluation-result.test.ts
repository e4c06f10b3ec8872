import type { ExportedScore } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { mapEvaluationResult, scoreSpanId } from './evaluation-result';

const base: ExportedScore = {
  id: `${'a'.repeat(16)}${'b'.repeat(16)}`,
  traceId: 'c'.repeat(32),
  name: 'relevance',
  value: 0.9,
  dataType: 'numeric',
  timestamp: 1_700_000_000_000,
};

describe('mapEvaluationResult', () => {
  it('follows the GenAI evaluation event for numbers, booleans and categories', () => {
    expect(mapEvaluationResult({ ...base, comment: 'good' }).eventAttributes).toEqual({
      'gen_ai.evaluation.name': 'relevance',
      'gen_ai.evaluation.score.value': 0.9,
      'gen_ai.evaluation.explanation': 'good',
    });
    expect(mapEvaluationResult({ ...base, value: false, dataType: 'boolean' }).eventAttributes).toMatchObject(
      {
        'gen_ai.evaluation.score.value': 0,
        'gen_ai.evaluation.score.label': 'false',
      },
    );
    expect(mapEvaluationResult({ ...base, value: 'pass', dataType: 'categorical' }).eventAttributes).toEqual({
      'gen_ai.evaluation.name': 'relevance',
      'gen_ai.evaluation.score.label': 'pass',
    });
  });

  it('names the carrier span and adds the score fields and metadata to it', () => {
    const mapping = mapEvaluationResult({
      ...base,
      source: 'evaluator',
      userId: 'u1',
      sessionId: 's1',
      metadata: { judge: 'gpt-4o' },
    });
    expect(mapping.name).toBe('evaluation relevance');
    expect(mapping.spanAttributes).toMatchObject({
      'aitracing.score.id': base.id,
      'aitracing.score.source': 'evaluator',
      'aitracing.score.data_type': 'numeric',
      'user.id': 'u1',
      'session.id': 's1',
      'aitracing.metadata.judge': 'gpt-4o',
    });
  });
});

describe('scoreSpanId', () => {
  it('derives the same 16-hex span id from the same score id, never all zeros', () => {
    expect(scoreSpanId(base.id)).toBe('b'.repeat(16));
    const custom = scoreSpanId('feedback-123');
    expect(custom).toMatch(/^[0-9a-f]{16}$/);
    expect(scoreSpanId('feedback-123')).toBe(custom);
    expect(scoreSpanId('feedback-124')).not.toBe(custom);
    expect(scoreSpanId(`${'1'.repeat(16)}${'0'.repeat(16)}`)).not.toBe('0'.repeat(16));
  });
});
