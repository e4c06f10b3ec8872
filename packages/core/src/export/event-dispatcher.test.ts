import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { type AITracingEvent, AITracingEventType, type AITracingExporter } from '../types/exporter';
import { AISpanType } from '../types/span-type';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

function throwingExporter(): AITracingExporter {
  return {
    name: 'throws',
    exportEvent: () => {
      throw new Error('sync failure');
    },
    flush: () => {
      throw new Error('flush failure');
    },
    shutdown: () => Promise.reject(new Error('shutdown failure')),
  };
}

function rejectingExporter(): AITracingExporter {
  return {
    name: 'rejects',
    exportEvent: () => Promise.reject(new Error('backend down')),
    shutdown: async () => {},
  };
}

describe('fan-out to exporters', () => {
  it('one exporter that throws or rejects never stops the others nor reaches the app', async () => {
    const logger = new RecordingLogger();
    const healthy = new InMemoryExporter();
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [throwingExporter(), rejectingExporter(), healthy],
      logger,
    });
    expect(() => {
      for (let i = 0; i < 10; i++) {
        const root = tracing.startSpan({ type: AISpanType.GENERIC, name: `trace-${i}` });
        root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' }).end();
        root.end();
      }
    }).not.toThrow();
    await expect(tracing.flush()).resolves.toBeUndefined();
    await expect(tracing.shutdown()).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(healthy.getFinishedSpans()).toHaveLength(20);
    expect(unhandled).toEqual([]);
    const warnings = logger.at('warn');
    expect(warnings.filter((line) => line.includes('"throws" failed to export'))).toHaveLength(1);
    expect(warnings.filter((line) => line.includes('"rejects" failed to export'))).toHaveLength(1);
    expect(warnings.some((line) => line.includes('"rejects" failed 40 times'))).toBe(true);
  });

  it('waits for one promise an exporter returns for many events, and counts every event it fails', async () => {
    const logger = new RecordingLogger();
    let rejectShared: (error: Error) => void = () => {};
    const shared = new Promise<void>((_, reject) => {
      rejectShared = reject;
    });
    const exporter: AITracingExporter = {
      name: 'shared',
      exportEvent: () => shared,
      shutdown: async () => {},
    };
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger });
    for (let i = 0; i < 5; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: `span-${i}` }).end();
    let flushed = false;
    const flush = tracing.flush().then(() => {
      flushed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    rejectShared(new Error('backend down'));
    await flush;
    await tracing.shutdown();
    expect(unhandled).toEqual([]);
    const warnings = logger.at('warn');
    expect(warnings.filter((line) => line.includes('"shared" failed to export'))).toHaveLength(1);
    // 5 spans, each a started and an ended event
    expect(warnings.some((line) => line.includes('"shared" failed 10 times'))).toBe(true);
  });

  it('delivers events asynchronously: end() returns before any exporter runs', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'later' }).end();
    expect(exporter.events).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(exporter.events).toHaveLength(2);
  });

  it('keeps the queue bounded when the app never yields to the event loop', () => {
    const exporter = new InMemoryExporter({ eventTypes: [AITracingEventType.SPAN_ENDED] });
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    for (let i = 0; i < 5_000; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: 'busy' }).end();
    // Still inside the same synchronous turn: most events were delivered in place.
    expect(exporter.events.length).toBeGreaterThanOrEqual(5_000 - 1_024);
  });

  it('only builds and sends the event types an exporter asks for', async () => {
    const endedOnly = new InMemoryExporter({ eventTypes: [AITracingEventType.SPAN_ENDED] });
    const everything = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [endedOnly, everything] });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'op' });
    span.update({ output: 'partial' });
    span.end();
    await tracing.flush();
    expect(endedOnly.events.map((event) => event.type)).toEqual(['span_ended']);
    expect(everything.events.map((event) => event.type)).toEqual([
      'span_started',
      'span_updated',
      'span_ended',
    ]);
  });

  it('builds no start or update snapshots when no exporter wants them', async () => {
    const seen: AITracingEvent[] = [];
    const processorCalls: string[] = [];
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      sensitiveDataFilter: false,
      processors: [
        {
          name: 'counting',
          process: (span) => {
            processorCalls.push(span?.name ?? '');
            return span;
          },
          shutdown: async () => {},
        },
      ],
      exporters: [
        {
          name: 'ended-only',
          eventTypes: [AITracingEventType.SPAN_ENDED],
          exportEvent: async (event) => {
            seen.push(event);
          },
          shutdown: async () => {},
        },
      ],
    });
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'op' });
    span.update({ output: 'x' });
    span.end();
    await tracing.flush();
    expect(processorCalls).toEqual(['op']);
    expect(seen).toHaveLength(1);
  });

  it('shares one snapshot between exporters, in the order events happened', async () => {
    const first = new InMemoryExporter();
    const second = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [first, second] });
    const root = tracing.startSpan({ type: AISpanType.GENERIC, name: 'root' });
    root.createChildSpan({ type: AISpanType.GENERIC, name: 'child' }).end();
    root.end();
    await tracing.flush();
    const order = (exporter: InMemoryExporter) =>
      exporter.events.map((e) => `${e.type}:${'exportedSpan' in e ? e.exportedSpan.name : ''}`);
    expect(order(first)).toEqual([
      'span_started:root',
      'span_started:child',
      'span_ended:child',
      'span_ended:root',
    ]);
    expect(order(second)).toEqual(order(first));
    expect(second.getEvents(AITracingEventType.SPAN_ENDED)[1]?.exportedSpan).toBe(
      first.getEvents(AITracingEventType.SPAN_ENDED)[1]?.exportedSpan,
    );
  });
});
