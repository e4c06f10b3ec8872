import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { runWithSpan } from '../context/async-context';
import { propagateAttributes } from '../context/attribute-scope';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { BaggagePropagationOptions } from '../types/propagated-attributes';
import { AISpanType } from '../types/span-type';
import { extractContext, injectContext } from './propagation';

const otelBaggage = new W3CBaggagePropagator();
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function setup(baggage?: BaggagePropagationOptions) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], baggage });
  return { exporter, tracing };
}

function readWithOtel(headers: Record<string, string>) {
  return propagation.getBaggage(otelBaggage.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
}

describe('baggage carry of user, session and tags', () => {
  it('writes nothing of the user or session unless the instance opts in', () => {
    const { tracing } = setup();
    const headers = propagateAttributes({ userId: 'u', sessionId: 's' }, () => {
      const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
      return runWithSpan(span, () => injectContext({} as Record<string, string>));
    });
    expect(headers.traceparent).toBeDefined();
    expect(headers.baggage).toBeUndefined();
  });

  it('is read by OpenTelemetry’s W3CBaggagePropagator, percent-encoded and beside upstream entries', () => {
    const { tracing } = setup({ keys: ['userId', 'sessionId', 'tags'] });
    const remote = extractContext({ traceparent: TRACEPARENT, baggage: 'tenant=acme' });
    const headers = propagateAttributes({ userId: 'user 1/ü', sessionId: 'chat,7', tags: ['a', 'b'] }, () => {
      const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x', ...remote });
      return runWithSpan(span, () => injectContext({} as Record<string, string>));
    });
    const baggage = readWithOtel(headers);
    expect(baggage?.getEntry('aitracing.user_id')?.value).toBe('user 1/ü');
    expect(baggage?.getEntry('aitracing.session_id')?.value).toBe('chat,7');
    expect(baggage?.getEntry('aitracing.tags')?.value).toBe('a,b');
    expect(baggage?.getEntry('tenant')?.value).toBe('acme');
  });

  it('continues user, session and tags written by OpenTelemetry, only for allowed keys and sanitised', async () => {
    const { exporter, tracing } = setup({ keys: ['userId', 'tags'] });
    const headers: Record<string, string> = { traceparent: TRACEPARENT };
    const context = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({
        'aitracing.user_id': { value: 'remote\u0007user' },
        'aitracing.session_id': { value: 'not allowed' },
        'aitracing.tags': { value: 'x,y' },
      }),
    );
    otelBaggage.inject(context, headers, defaultTextMapSetter);
    tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'handler', ...extractContext(headers) }).end();
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ userId: 'remoteuser', tags: ['x', 'y'] });
    expect(span?.sessionId).toBeUndefined();
  });

  it('leaves out its entries past maxBytes', () => {
    const { tracing } = setup({ keys: ['userId', 'tags'], maxBytes: 40 });
    const headers = propagateAttributes({ userId: 'u1', tags: ['t'.repeat(100)] }, () => {
      const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'x' });
      return runWithSpan(span, () => injectContext({} as Record<string, string>));
    });
    expect(headers.baggage).toBe('aitracing.user_id=u1');
  });

  it('rejects an invalid baggage config at construction, naming the field', () => {
    expect(() => setup({ keys: ['email' as never] })).toThrow(/baggage\.keys/);
    expect(() => setup({ maxBytes: 0 })).toThrow(/baggage\.maxBytes/);
  });
});
