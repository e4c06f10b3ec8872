import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { AISpanType } from '../types/span-type';
import { DefaultAITracing } from './default-ai-tracing';

function tracing(name: string, logger: RecordingLogger) {
  return new DefaultAITracing({ serviceName: 'svc', name, logger, exporters: [new InMemoryExporter()] });
}

describe('a span started on a shut-down instance', () => {
  it('is a no-op and warns once per instance, naming the instance', async () => {
    const logger = new RecordingLogger();
    const first = tracing('first', logger);
    const second = tracing('second', logger);
    await Promise.all([first.shutdown(), second.shutdown()]);
    for (let index = 0; index < 3; index++) {
      expect(first.startSpan({ type: AISpanType.GENERIC, name: 'late' }).isValid).toBe(false);
      expect(second.startSpan({ type: AISpanType.AGENT_RUN, name: 'late-agent' }).isValid).toBe(false);
    }
    const warnings = logger.at('warn').filter((line) => line.includes('after shutdown'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"first"');
    expect(warnings[0]).toContain('"late"');
    expect(warnings[1]).toContain('"second"');
  });

  it('does not warn while the instance is open', () => {
    const logger = new RecordingLogger();
    tracing('open', logger).startSpan({ type: AISpanType.GENERIC, name: 'fine' }).end();
    expect(logger.at('warn')).toHaveLength(0);
  });
});
