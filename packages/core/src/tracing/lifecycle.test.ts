import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import type { AITracingExporter } from '../types/exporter';
import { AISpanType } from '../types/span-type';
import { DefaultAITracing } from './default-ai-tracing';

describe('flush and shutdown', () => {
  it('flush waits for a slow exporter to finish its pending exports and its own flush', async () => {
    const received: string[] = [];
    let flushed = false;
    const slow: AITracingExporter = {
      name: 'slow',
      exportEvent: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if ('exportedSpan' in event) received.push(`${event.type}:${event.exportedSpan.name}`);
      },
      flush: async () => {
        flushed = true;
      },
      shutdown: async () => {},
    };
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [slow],
      logger: new RecordingLogger(),
    });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'a' }).end();
    await tracing.flush();
    expect(received).toEqual(['span_started:a', 'span_ended:a']);
    expect(flushed).toBe(true);
  });

  it('flush and shutdown settle within their timeout even when an exporter hangs forever', async () => {
    const logger = new RecordingLogger();
    const hanging: AITracingExporter = {
      name: 'hanging',
      exportEvent: () => new Promise<void>(() => {}),
      shutdown: () => new Promise<void>(() => {}),
    };
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [hanging], logger });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'stuck' }).end();
    // Without their timeouts these would never settle: the test timeout catches that.
    await tracing.flush(100);
    await tracing.shutdown(100);
    expect(logger.at('warn').some((line) => line.includes('did not finish'))).toBe(true);
  });

  it('shutdown runs once: a second call returns the same promise and exporters shut down once', async () => {
    let shutdowns = 0;
    const exporter = new InMemoryExporter();
    const counting: AITracingExporter = {
      name: 'counting',
      exportEvent: async () => {},
      shutdown: async () => {
        shutdowns++;
      },
    };
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter, counting] });
    const first = tracing.shutdown();
    const second = tracing.shutdown();
    expect(second).toBe(first);
    await first;
    expect(shutdowns).toBe(1);
    expect(exporter.isShutdown).toBe(true);
  });

  it('delivers spans that ended before shutdown, and hands out no-op spans afterwards', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'before' }).end();
    await tracing.shutdown();
    const after = tracing.startSpan({ type: AISpanType.GENERIC, name: 'after' });
    expect(after.isValid).toBe(false);
    after.end();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['before']);
  });

  it('a span that was open when shutdown began is still exported if it ends while shutdown flushes', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    const open = tracing.startSpan({ type: AISpanType.GENERIC, name: 'open' });
    const done = tracing.shutdown();
    open.end();
    await done;
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['open']);
  });

  it('calls init on each exporter with the logger and names, and survives an init that throws', async () => {
    const logger = new RecordingLogger();
    const seen: string[] = [];
    const exporter = new InMemoryExporter();
    const broken: AITracingExporter = {
      name: 'broken-init',
      init: () => {
        throw new Error('no credentials');
      },
      exportEvent: async () => {},
      shutdown: async () => {},
    };
    const observing: AITracingExporter = {
      name: 'observing',
      init: (options) =>
        seen.push(`${options.serviceName}/${options.tracingName}/${options.logger === logger}`),
      exportEvent: async () => {},
      shutdown: async () => {},
    };
    const tracing = new DefaultAITracing({
      name: 'prod',
      serviceName: 'svc',
      exporters: [broken, observing, exporter],
      logger,
    });
    expect(seen).toEqual(['svc/prod/true']);
    expect(
      logger.at('error').some((line) => line.includes('broken-init') && line.includes('no credentials')),
    ).toBe(true);
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'still-works' }).end();
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });
});
