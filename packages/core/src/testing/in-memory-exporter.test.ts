import { describe, expect, it } from 'vitest';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { ExportedAISpan } from '../types/exported-span';
import { AITracingEventType } from '../types/exporter';
import { AISpanType } from '../types/span-type';
import { InMemoryExporter } from './in-memory-exporter';

function span(id: string, parentSpanId: string | undefined, startTime: number): ExportedAISpan {
  return {
    id,
    traceId: 't'.repeat(32),
    parentSpanId,
    name: id,
    type: AISpanType.GENERIC,
    startTime,
    endTime: startTime + 1,
    isEvent: false,
    isRootSpan: parentSpanId === undefined,
  };
}

describe('InMemoryExporter', () => {
  it('builds trace trees with children ordered by start time, whatever the end order', async () => {
    const exporter = new InMemoryExporter();
    for (const s of [span('late', 'root', 30), span('early', 'root', 10), span('root', undefined, 0)]) {
      await exporter.exportEvent({ type: AITracingEventType.SPAN_ENDED, exportedSpan: s });
    }
    const [trace] = exporter.getTraces();
    expect(trace?.roots.map((node) => node.span.id)).toEqual(['root']);
    expect(trace?.roots[0]?.children.map((node) => node.span.id)).toEqual(['early', 'late']);
  });

  it('shows spans whose parent never arrived as extra roots, so orphans are visible in tests', async () => {
    const exporter = new InMemoryExporter();
    await exporter.exportEvent({
      type: AITracingEventType.SPAN_ENDED,
      exportedSpan: span('root', undefined, 0),
    });
    await exporter.exportEvent({
      type: AITracingEventType.SPAN_ENDED,
      exportedSpan: span('orphan', 'missing', 5),
    });
    expect(exporter.getTraces()[0]?.roots.map((node) => node.span.id)).toEqual(['root', 'orphan']);
  });

  it('keeps at most maxEvents events, dropping the oldest', async () => {
    const exporter = new InMemoryExporter({ maxEvents: 2 });
    for (const id of ['a', 'b', 'c']) {
      await exporter.exportEvent({
        type: AITracingEventType.SPAN_ENDED,
        exportedSpan: span(id, undefined, 0),
      });
    }
    expect(exporter.getFinishedSpans().map((s) => s.id)).toEqual(['b', 'c']);
    exporter.reset();
    expect(exporter.events).toHaveLength(0);
  });

  it('is what a user test asserts on after flush', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    const root = tracing.startSpan({
      type: AISpanType.WORKFLOW_RUN,
      name: 'wf',
      attributes: { workflowId: 'w' },
    });
    root
      .createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'step-1', attributes: { status: 'success' } })
      .end();
    root.end({ attributes: { status: 'success' } });
    await tracing.flush();
    const trace = exporter.getTrace(root.traceId);
    expect(trace?.roots[0]?.span.attributes).toEqual({ workflowId: 'w', status: 'success' });
    expect(trace?.roots[0]?.children[0]?.span.name).toBe('step-1');
  });
});
