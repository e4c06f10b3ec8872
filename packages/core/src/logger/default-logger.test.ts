import { afterEach, describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { DefaultLogger, LOG_LEVEL_ENV } from './default-logger';

function capture(options: ConstructorParameters<typeof DefaultLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = new DefaultLogger({ ...options, write: (line) => lines.push(line) });
  return { lines, logger };
}

afterEach(() => {
  delete process.env[LOG_LEVEL_ENV];
});

describe('DefaultLogger', () => {
  it('is quiet below warn by default', () => {
    const { lines, logger } = capture();
    logger.debug('d');
    logger.info('i');
    logger.warn('w %d', 1);
    logger.error('e', { code: 'X' });
    expect(lines).toEqual(['[aitracing] WARN w 1\n', "[aitracing] ERROR e { code: 'X' }\n"]);
  });

  it('takes its level from AITRACING_LOG_LEVEL, and an explicit level wins', () => {
    process.env[LOG_LEVEL_ENV] = 'DEBUG';
    const fromEnv = capture();
    fromEnv.logger.debug('visible');
    const explicit = capture({ level: 'error' });
    explicit.logger.warn('hidden');
    expect(fromEnv.lines).toEqual(['[aitracing] DEBUG visible\n']);
    expect(explicit.lines).toEqual([]);
  });

  it('logs nothing when silent, and rejects unknown levels clearly', () => {
    const { lines, logger } = capture({ level: 'silent' });
    logger.error('nothing');
    expect(lines).toEqual([]);
    expect(() => new DefaultLogger({ level: 'loud' as never })).toThrow(AITracingConfigError);
  });

  it('never throws, even when its output does', () => {
    const logger = new DefaultLogger({
      write: () => {
        throw new Error('stream closed');
      },
    });
    expect(() => logger.error('still fine')).not.toThrow();
  });
});
