import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../testing/recording-logger';
import type { AITracingLogger } from '../types/logger';
import { describeError, LogOnce } from './log-once';

describe('LogOnce', () => {
  it('logs one line per cause, however often it happens', () => {
    const logger = new RecordingLogger();
    const log = new LogOnce(logger);
    for (let i = 0; i < 5; i++) log.error('drop:rejected', 'rejected');
    log.warn('drop:queueFull', 'full');
    expect(logger.lines.map(({ level, message }) => [level, message])).toEqual([
      ['error', 'rejected'],
      ['warn', 'full'],
    ]);
  });

  it('never throws when the logger does, and writes to a logger set later', () => {
    const throwing: AITracingLogger = {
      debug() {},
      info() {},
      warn() {
        throw new Error('broken logger');
      },
      error() {
        throw new Error('broken logger');
      },
    };
    const log = new LogOnce(throwing);
    expect(() => log.warn('a', 'message')).not.toThrow();
    const later = new RecordingLogger();
    log.logger = later;
    log.warn('b', 'next');
    expect(later.at('warn')).toEqual(['next']);
  });
});

describe('describeError', () => {
  it('names the error and bounds the text', () => {
    expect(describeError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeError('x'.repeat(1_000))).toHaveLength(500);
  });
});
