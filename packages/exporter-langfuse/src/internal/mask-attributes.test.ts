import { describe, expect, it } from 'vitest';
import { FULLY_MASKED, maskAttributes } from './mask-attributes';

describe('maskAttributes', () => {
  it('masks only Langfuse input, output and metadata attributes, in place', () => {
    const attributes = {
      'langfuse.observation.input': 'secret',
      'langfuse.observation.metadata.user': 'secret',
      'langfuse.observation.model.name': 'secret',
      'gen_ai.request.model': 'secret',
    };
    expect(maskAttributes(attributes, () => 'x')).toBeUndefined();
    expect(attributes).toEqual({
      'langfuse.observation.input': 'x',
      'langfuse.observation.metadata.user': 'x',
      'langfuse.observation.model.name': 'secret',
      'gen_ai.request.model': 'secret',
    });
  });

  it('sends what the mask returns as an attribute value: objects as JSON, nothing as an empty string', () => {
    const attributes = { 'langfuse.trace.input': 'a', 'langfuse.trace.output': 'b' };
    maskAttributes(attributes, ({ data }) => (data === 'a' ? { redacted: true } : undefined));
    expect(attributes).toEqual({ 'langfuse.trace.input': '{"redacted":true}', 'langfuse.trace.output': '' });
  });

  it('fails closed when the mask throws or returns a promise, and reports the first failure', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const thrown = new Error('boom');
      const throwing = { 'langfuse.observation.output': 'card 1234' };
      expect(
        maskAttributes(throwing, () => {
          throw thrown;
        }),
      ).toBe(thrown);
      expect(throwing['langfuse.observation.output']).toBe(FULLY_MASKED);

      const asynchronous = { 'langfuse.observation.output': 'card 1234' };
      expect(maskAttributes(asynchronous, () => Promise.reject(new Error('late')))).toBeInstanceOf(TypeError);
      expect(asynchronous['langfuse.observation.output']).toBe(FULLY_MASKED);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
