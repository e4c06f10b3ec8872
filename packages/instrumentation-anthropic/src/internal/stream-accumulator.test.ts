import { describe, expect, it } from 'vitest';
import { StreamAccumulator } from './stream-accumulator';

const start = {
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 4 } },
};

describe('StreamAccumulator', () => {
  it('flags only the first content delta, whatever its kind', () => {
    const accumulator = new StreamAccumulator(true);
    expect(accumulator.add(start)).toBe(false);
    expect(
      accumulator.add({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'f', input: {} },
      }),
    ).toBe(false);
    expect(
      accumulator.add({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"a"' },
      }),
    ).toBe(true);
    expect(
      accumulator.add({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: ':1}' },
      }),
    ).toBe(false);
    expect(accumulator.output()).toEqual({
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 't', name: 'f', arguments: '{"a":1}' }],
    });
    expect(accumulator.chunkCount).toBe(4);
  });

  it('gives a tool without streamed input the input its block started with', () => {
    const accumulator = new StreamAccumulator(true);
    accumulator.add({
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 't', name: 'now', input: {} },
    });
    expect(accumulator.output().toolCalls).toEqual([{ id: 't', name: 'now', arguments: '{}' }]);
  });

  it('keeps no text without content capture, but still counts, times and reads usage', () => {
    const accumulator = new StreamAccumulator(false);
    accumulator.add(start);
    expect(
      accumulator.add({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'secret' },
      }),
    ).toBe(true);
    accumulator.add({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: 9 },
    });
    expect(accumulator.output()).toEqual({ role: 'assistant', content: '' });
    expect(accumulator.usage).toEqual({ input_tokens: 4, output_tokens: 9 });
    expect(accumulator.stopReason).toBe('end_turn');
    expect(accumulator.model).toBe('claude-x');
  });

  it('survives events of unknown or broken shape', () => {
    const accumulator = new StreamAccumulator(true);
    for (const event of [
      null,
      42,
      { type: 'content_block_delta' },
      { type: 'message_start' },
      { type: 'future_event' },
    ]) {
      expect(accumulator.add(event as never)).toBe(false);
    }
    expect(accumulator.chunkCount).toBe(5);
  });
});
