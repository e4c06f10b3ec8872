import { describe, expect, it } from 'vitest';
import { withSpan } from '../decorators/with-span';
import { Observability } from '../observability/observability';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { traced } from './traced';

function setup(name = 'svc') {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: name, exporters: [exporter] });
  return { exporter, tracing };
}

describe('startSpan without a parent', () => {
  it('nests under the current span: a traced HTTP handler and its agent are one trace', async () => {
    const { exporter, tracing } = setup();
    const http = tracing.startSpan({ type: AISpanType.GENERIC, name: 'POST /chat' });
    const agent = withSpan(http, () => tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' }));
    agent.end();
    http.end();
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans.find((span) => span.name === 'agent')).toMatchObject({
      traceId: http.traceId,
      parentSpanId: http.id,
      isRootSpan: false,
    });
  });

  it('nests observability.startSpan under the span traced() made current', async () => {
    const exporter = new InMemoryExporter();
    const observability = new Observability({
      configs: { app: { serviceName: 'svc', exporters: [exporter] } },
      appFallback: false,
    });
    const handlerId = traced(
      { type: AISpanType.GENERIC, name: 'handler', tracing: observability },
      (handler) => {
        observability.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent' }).end();
        return handler.id;
      },
    );
    await observability.shutdown();
    const agent = exporter.getFinishedSpans().find((span) => span.name === 'agent');
    expect(agent?.parentSpanId).toBe(handlerId);
  });

  it('starts a new trace with root: true, and continues an explicit remote parent instead of the current span', async () => {
    const { exporter, tracing } = setup();
    const http = tracing.startSpan({ type: AISpanType.GENERIC, name: 'http' });
    withSpan(http, () => {
      tracing.startSpan({ type: AISpanType.GENERIC, name: 'detached', root: true }).end();
      tracing
        .startSpan({
          type: AISpanType.GENERIC,
          name: 'remote',
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          parentSpanId: '00f067aa0ba902b7',
          sampled: true,
        })
        .end();
    });
    http.end();
    await tracing.flush();
    const byName = new Map(exporter.getFinishedSpans().map((span) => [span.name, span]));
    expect(byName.get('detached')?.traceId).not.toBe(http.traceId);
    expect(byName.get('detached')?.parentSpanId).toBeUndefined();
    expect(byName.get('remote')).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
  });

  it('under a span of another instance, records the span on the instance called, in the same trace', async () => {
    const app = setup('app');
    const library = setup('library');
    const http = app.tracing.startSpan({ type: AISpanType.GENERIC, name: 'http' });
    withSpan(http, () => library.tracing.startSpan({ type: AISpanType.TOOL_CALL, name: 'lib-call' }).end());
    http.end();
    await Promise.all([app.tracing.flush(), library.tracing.flush()]);
    expect(library.exporter.getFinishedSpans()).toEqual([
      expect.objectContaining({ name: 'lib-call', traceId: http.traceId, parentSpanId: http.id }),
    ]);
    expect(app.exporter.getFinishedSpans().map((span) => span.name)).toEqual(['http']);
  });

  it('inside an Observability, children stay on the current span’s instance without asking the selector', async () => {
    const exporters = { a: new InMemoryExporter(), b: new InMemoryExporter() };
    const picks: string[] = [];
    const observability = new Observability({
      configs: {
        a: { serviceName: 'svc', exporters: [exporters.a] },
        b: { serviceName: 'svc', exporters: [exporters.b] },
      },
      configSelector: () => {
        picks.push('asked');
        return picks.length === 1 ? 'b' : 'a';
      },
      appFallback: false,
    });
    const root = observability.startSpan({ type: AISpanType.AGENT_RUN, name: 'root' });
    withSpan(root, () => observability.startSpan({ type: AISpanType.TOOL_CALL, name: 'child' }).end());
    root.end();
    await observability.shutdown();
    expect(picks).toEqual(['asked']);
    expect(exporters.b.getFinishedSpans().map((span) => span.name)).toEqual(['child', 'root']);
    expect(exporters.a.getFinishedSpans()).toEqual([]);
  });
});
