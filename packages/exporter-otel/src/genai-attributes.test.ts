import { AISpanType, DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { describe, expect, it } from 'vitest';
import { mapGenAi } from './genai-attributes';

async function exportedGeneration(attributes: Record<string, unknown>): Promise<ExportedAISpan> {
  const memory = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'genai', exporters: [memory] });
  const span = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm', attributes });
  span.end();
  await tracing.shutdown();
  const [exported] = memory.getFinishedSpans();
  if (exported === undefined) throw new Error('no span exported');
  return exported;
}

describe('GenAI mapping of instrumentation fields', () => {
  it('maps the response model, cache writes and time to first token', async () => {
    const span = await exportedGeneration({
      model: 'claude-sonnet-4',
      responseModel: 'claude-sonnet-4-20250514',
      provider: 'anthropic',
      usage: {
        promptTokens: 1_000,
        completionTokens: 50,
        promptCacheHitTokens: 200,
        promptCacheWriteTokens: 700,
      },
      streaming: true,
    });
    const withStart = {
      ...span,
      attributes: { ...span.attributes, completionStartTime: span.startTime + 250 },
    };
    const { name, attributes } = mapGenAi(withStart as ExportedAISpan, { captureContent: true });
    expect(name).toBe('chat claude-sonnet-4');
    expect(attributes).toMatchObject({
      'gen_ai.request.model': 'claude-sonnet-4',
      'gen_ai.response.model': 'claude-sonnet-4-20250514',
      'gen_ai.usage.input_tokens': 1_000,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.usage.cache_creation.input_tokens': 700,
      'aitracing.time_to_first_token_ms': 250,
      'aitracing.completion_start_time': new Date(span.startTime + 250).toISOString(),
    });
    expect(attributes).not.toHaveProperty('aitracing.completionStartTime');
  });

  it('names embeddings calls by their operation', async () => {
    const span = await exportedGeneration({
      model: 'text-embedding-3-small',
      provider: 'openai',
      operation: 'embeddings',
      usage: { promptTokens: 8 },
    });
    const { name, attributes } = mapGenAi(span, { captureContent: true });
    expect(name).toBe('embeddings text-embedding-3-small');
    expect(attributes['gen_ai.operation.name']).toBe('embeddings');
    expect(attributes).not.toHaveProperty('aitracing.operation');
  });
});
