import { describe, expect, it } from 'vitest';
import { mergeUsage, toLLMUsage } from './usage-mapping';

describe('toLLMUsage', () => {
  it('counts cache reads and writes in promptTokens and reports them on their own', () => {
    expect(
      toLLMUsage({
        input_tokens: 10,
        cache_read_input_tokens: 200,
        cache_creation_input_tokens: 50,
        output_tokens: 7,
      }),
    ).toEqual({
      promptTokens: 260,
      completionTokens: 7,
      totalTokens: 267,
      promptCacheHitTokens: 200,
      promptCacheWriteTokens: 50,
    });
  });

  it('leaves out the cache counts the API did not report, and reports nothing when it reported nothing', () => {
    expect(toLLMUsage({ input_tokens: 3, output_tokens: 4 })).toEqual({
      promptTokens: 3,
      completionTokens: 4,
      totalTokens: 7,
    });
    expect(
      toLLMUsage({ input_tokens: 3, cache_read_input_tokens: null, output_tokens: 4 }),
    ).not.toHaveProperty('promptCacheHitTokens');
    expect(toLLMUsage(undefined)).toBeUndefined();
    expect(toLLMUsage({})).toBeUndefined();
  });

  it('ignores values that are not token counts', () => {
    expect(toLLMUsage({ input_tokens: -1, output_tokens: Number.NaN } as never)).toBeUndefined();
    expect(toLLMUsage({ input_tokens: '5', output_tokens: 2 } as never)).toEqual({
      completionTokens: 2,
      totalTokens: 2,
    });
  });
});

describe('mergeUsage', () => {
  it('keeps the input side from message_start and takes the cumulative output from message_delta', () => {
    const start = mergeUsage(undefined, { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 });
    const end = mergeUsage(start, { output_tokens: 42 });
    expect(end).toEqual({ input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 42 });
    expect(start?.output_tokens).toBe(1);
  });
});
