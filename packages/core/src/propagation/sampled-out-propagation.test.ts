import { defaultTextMapGetter, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { runWithSpan } from '../context/async-context';
import { traced } from '../context/traced';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { SamplingStrategy } from '../types/sampling';
import { AISpanType } from '../types/span-type';
import { extractContext, injectContext } from './propagation';

const otelTraceContext = new W3CTraceContextPropagator();

function setup(sampling: SamplingStrategy) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], sampling });
  return { exporter, tracing };
}

function otelRead(headers: Record<string, string>) {
  return trace.getSpanContext(otelTraceContext.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
}

describe('sampled-out traces propagate their decision', () => {
  it('injects the trace id with flag 00 for a sampled-out root and its children, which OpenTelemetry reads as not sampled', () => {
    const { tracing } = setup({ type: 'never' });
    const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'handler' });
    const child = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'fetch' });
    const fromRoot = injectContext<Record<string, string>>({}, root);
    const fromChild = injectContext<Record<string, string>>({}, child);
    expect(fromRoot.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(otelRead(fromRoot)).toMatchObject({ traceId: root.traceId, traceFlags: TraceFlags.NONE });
    expect(fromChild.traceparent?.slice(0, 35)).toBe(`00-${root.traceId}`);
    expect(fromChild.traceparent?.endsWith('-00')).toBe(true);
    // Another sampled-out trace is another trace.
    const other = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'handler' });
    expect(injectContext<Record<string, string>>({}, other).traceparent).not.toContain(root.traceId);
  });

  it('continues a remote sampled-out trace with its trace id, tracestate and baggage', async () => {
    const { exporter, tracing } = setup({ type: 'always' });
    const incoming = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
      tracestate: 'vendor=opaque',
      baggage: 'tenant=acme',
    };
    const span = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'handler',
      ...extractContext(incoming),
    });
    const outgoing = runWithSpan(span, () => injectContext<Record<string, string>>({}));
    expect(outgoing.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
    expect(outgoing.traceparent).not.toContain('00f067aa0ba902b7');
    expect(outgoing.tracestate).toBe('vendor=opaque');
    expect(outgoing.baggage).toBe('tenant=acme');
    span.end();
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('keeps traced() work inside a sampled-out trace sampled out, and its outgoing calls flagged 00', async () => {
    // Samples out the handler only: anything that samples again would be recorded.
    const { exporter, tracing } = setup({
      type: 'custom',
      sampler: (options) => options?.metadata?.keep !== false,
    });
    const outgoing = await traced(
      { type: AISpanType.AGENT_RUN, name: 'handler', metadata: { keep: false }, tracing },
      async (handler) =>
        traced({ type: AISpanType.TOOL_CALL, name: 'inner', tracing }, async () => {
          const started = tracing.startSpan({ type: AISpanType.GENERIC, name: 'started' });
          started.end();
          return { handlerTrace: handler.traceId, headers: injectContext<Record<string, string>>({}) };
        }),
    );
    expect(outgoing.headers.traceparent).toMatch(new RegExp(`^00-${outgoing.handlerTrace}-[0-9a-f]{16}-00$`));
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
