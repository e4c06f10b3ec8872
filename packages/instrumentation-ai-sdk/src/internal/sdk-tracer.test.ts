import { AISpanType } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { memoryTracing } from '../../test/support';
import { instrumentAISDK } from '../instrument-ai-sdk';

describe('the tracer given to the AI SDK v5/v6', () => {
  it('returns the callback result itself and ends the call span when it settles', async () => {
    const { tracing, spans } = memoryTracing();
    const { tracer } = instrumentAISDK({ tracing });
    const answer = Promise.resolve('answer');
    const returned = tracer.startActiveSpan(
      'ai.generateText',
      { attributes: { 'ai.model.id': 'm' } },
      (span) => {
        span.end();
        return answer;
      },
    );
    expect(returned).toBe(answer);
    await returned;
    expect((await spans()).map((span) => span.type)).toEqual([AISpanType.AGENT_RUN]);
  });

  it('survives hostile attribute values without throwing into the SDK', async () => {
    const { tracing, spans } = memoryTracing();
    const { tracer } = instrumentAISDK({ tracing });
    const hostile = {
      'ai.prompt': '{not json',
      'ai.prompt.tools': 'not an array',
      'ai.prompt.messages': { circular: null as unknown },
      'ai.usage.inputTokens': Number.NaN,
      'ai.usage.outputTokens': -4,
      'ai.model.id': 42,
      'ai.settings.temperature': 'hot',
      'ai.toolCall.args': '[[[',
    };
    hostile['ai.prompt.messages'].circular = hostile;
    await tracer.startActiveSpan('ai.generateText', { attributes: hostile }, async (call) => {
      await tracer.startActiveSpan('ai.generateText.doGenerate', { attributes: hostile }, async (step) => {
        step
          .setAttributes(hostile)
          .setAttribute('ai.response.toolCalls', '{{')
          .addEvent('ai.stream.firstChunk');
        step.end();
      });
      await tracer.startActiveSpan('ai.toolCall', { attributes: hostile }, async (tool) => tool.end());
      tracer.startActiveSpan('ai.unknownOperation', (span) => span.end());
      call.end();
    });
    const all = await spans();
    expect(all.map((span) => span.name).sort()).toEqual(['ai.generateText', 'chat', 'execute_tool tool']);
    const generation = all.find((span) => span.name === 'chat');
    expect(generation?.attributes).not.toHaveProperty('usage');
  });

  it('rethrows a synchronous failure of the callback unchanged and records it', async () => {
    const { tracing, spans } = memoryTracing();
    const { tracer } = instrumentAISDK({ tracing });
    const failure = new TypeError('sync failure');
    expect(() =>
      tracer.startActiveSpan('ai.embed', { attributes: {} }, () => {
        throw failure;
      }),
    ).toThrow(failure);
    const [span] = await spans();
    expect(span?.errorInfo).toMatchObject({ message: 'sync failure', name: 'TypeError' });
  });
});

describe('the AI SDK v7 telemetry integration', () => {
  it('ignores malformed events and events of older majors, and passes unknown executions through', async () => {
    const { tracing, spans } = memoryTracing();
    const telemetry = instrumentAISDK({ tracing });
    for (const event of [
      undefined,
      null,
      42,
      'x',
      {},
      { callId: 7 },
      { callId: 'c', operationId: 'ai.generateText' },
    ]) {
      telemetry.onStart(event);
      telemetry.onLanguageModelCallStart(event);
      telemetry.onLanguageModelCallEnd(event);
      telemetry.onToolExecutionStart(event);
      telemetry.onToolExecutionEnd(event);
      telemetry.onObjectStepStart(event);
      telemetry.onObjectStepEnd(event);
      telemetry.onStepError(event);
      telemetry.onEnd(event);
      telemetry.onError(event);
      telemetry.onAbort(event);
    }
    expect(await telemetry.executeTool({ callId: 'nope', toolCallId: 't', execute: async () => 'ran' })).toBe(
      'ran',
    );
    expect(await telemetry.executeLanguageModelCall({ callId: 'nope', execute: async () => 'ran' })).toBe(
      'ran',
    );
    expect(await spans()).toEqual([]);
  });
});
