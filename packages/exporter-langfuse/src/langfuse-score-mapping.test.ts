import type { ExportedScore } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { mapLangfuseScore } from './langfuse-score-mapping';

const base: ExportedScore = {
  id: 'f'.repeat(32),
  traceId: 'a'.repeat(32),
  name: 'quality',
  value: 1,
  dataType: 'numeric',
  timestamp: 1_700_000_000_000,
};

describe('mapLangfuseScore', () => {
  it('maps each data type to the value Langfuse requires', () => {
    expect(mapLangfuseScore({ ...base, value: 0.5 }, undefined)).toEqual({
      id: 'f'.repeat(32),
      traceId: 'a'.repeat(32),
      name: 'quality',
      value: 0.5,
      dataType: 'NUMERIC',
    });
    expect(mapLangfuseScore({ ...base, value: false, dataType: 'boolean' }, undefined)).toMatchObject({
      value: 0,
      dataType: 'BOOLEAN',
    });
    expect(mapLangfuseScore({ ...base, value: 'good', dataType: 'categorical' }, undefined)).toMatchObject({
      value: 'good',
      dataType: 'CATEGORICAL',
    });
    // A number declared categorical is sent as text, as Langfuse requires for categories.
    expect(mapLangfuseScore({ ...base, value: 3, dataType: 'categorical' }, undefined).value).toBe('3');
  });

  it('scores the observation, keeps the source in metadata and prefers the score environment', () => {
    const body = mapLangfuseScore(
      {
        ...base,
        spanId: 'b'.repeat(16),
        comment: 'why',
        source: 'user-feedback',
        metadata: { judge: 'gpt-4o' },
        environment: 'prod',
      },
      'staging',
    );
    expect(body).toMatchObject({
      observationId: 'b'.repeat(16),
      comment: 'why',
      metadata: { judge: 'gpt-4o', source: 'user-feedback' },
      environment: 'prod',
    });
    expect(mapLangfuseScore(base, 'staging').environment).toBe('staging');
  });
});
