import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { TraceState, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { runWithSpan } from '../context/async-context';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import type { SamplingStrategy } from '../types/sampling';
import { AISpanType } from '../types/span-type';
import { parseBaggage } from './baggage';
import { extractContext, injectContext } from './propagation';
import { parseTraceparent } from './traceparent';

const otelTraceContext = new W3CTraceContextPropagator();
const otelBaggage = new W3CBaggagePropagator();

function setup(sampling: SamplingStrategy = { type: 'always' }) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], sampling });
  return { exporter, tracing };
}

describe('W3C Trace Context propagation', () => {
  it('injects a traceparent that OpenTelemetry reads back as the same trace, with our span as parent', () => {
    const { tracing } = setup();
    const span = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'caller',
      attributes: { agentId: 'a' },
    });
    const headers = injectContext<Record<string, string>>({}, span);
    expect(headers.traceparent).toBe(`00-${span.traceId}-${span.id}-01`);
    const spanContext = trace.getSpanContext(
      otelTraceContext.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
    );
    expect(spanContext).toMatchObject({
      traceId: span.traceId,
      spanId: span.id,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
  });

  it('continues a trace OpenTelemetry started: same trace id, remote parent, tracestate and baggage passed on', async () => {
    const { exporter, tracing } = setup({ type: 'never' });
    const upstream = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
      traceState: new TraceState('vendor=opaque,other=1'),
    });
    const withBaggage = propagation.setBaggage(
      upstream,
      propagation.createBaggage({ tenant: { value: 'acme corp' }, plan: { value: 'pro' } }),
    );
    const incoming: Record<string, string> = {};
    otelTraceContext.inject(withBaggage, incoming, defaultTextMapSetter);
    otelBaggage.inject(withBaggage, incoming, defaultTextMapSetter);

    const remote = extractContext(incoming);
    expect(remote).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      sampled: true,
      traceState: 'vendor=opaque,other=1',
    });
    // The upstream decision wins over the local 'never' sampler.
    const span = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'handler',
      attributes: { agentId: 'a' },
      ...remote,
    });
    const outgoing = runWithSpan(span, () => injectContext(new Headers()));
    span.end();
    await tracing.flush();

    expect(exporter.getFinishedSpans()[0]).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      isRootSpan: true,
    });
    const downstream = otelTraceContext.extract(
      ROOT_CONTEXT,
      Object.fromEntries(outgoing),
      defaultTextMapGetter,
    );
    expect(trace.getSpanContext(downstream)).toMatchObject({ traceId: span.traceId, spanId: span.id });
    expect(trace.getSpanContext(downstream)?.traceState?.serialize()).toBe('vendor=opaque,other=1');
    const baggage = propagation.getBaggage(
      otelBaggage.extract(ROOT_CONTEXT, Object.fromEntries(outgoing), defaultTextMapGetter),
    );
    expect(baggage?.getEntry('tenant')?.value).toBe('acme corp');
    expect(baggage?.getEntry('plan')?.value).toBe('pro');
  });

  it('honours a remote "not sampled" decision and lets the local sampler decide when there is none', () => {
    const { tracing } = setup();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const unsampled = extractContext({ traceparent: `00-${traceId}-00f067aa0ba902b7-00` });
    expect(unsampled?.sampled).toBe(false);
    expect(tracing.startSpan({ type: AISpanType.GENERIC, name: 'x', ...unsampled }).isValid).toBe(false);
    const undecided = tracing.startSpan({
      type: AISpanType.GENERIC,
      name: 'y',
      traceId,
      parentSpanId: '00f067aa0ba902b7',
    });
    expect(undecided.isValid).toBe(true);
    expect(undecided.traceId).toBe(traceId);
  });

  it.each([
    ['empty', ''],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['uppercase', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['version 00 too long', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra'],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['garbage', 'not a header'],
  ])('ignores an invalid traceparent (%s): a new trace starts, nothing throws', (_case, header) => {
    const { tracing } = setup();
    expect(extractContext({ traceparent: header, tracestate: 'vendor=1' })).toBeUndefined();
    const span = tracing.startSpan({
      type: AISpanType.GENERIC,
      name: 'fresh',
      ...extractContext({ traceparent: header }),
    });
    expect(span.isValid).toBe(true);
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts a future version with extra fields, header arrays, Headers objects and any header case', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(parseTraceparent(`cc-${id}-00f067aa0ba902b7-01-what-the-future-holds`)).toMatchObject({
      traceId: id,
    });
    expect(extractContext({ Traceparent: `00-${id}-00f067aa0ba902b7-01` })?.traceId).toBe(id);
    expect(
      extractContext(new Headers({ traceparent: `00-${id}-00f067aa0ba902b7-01`, tracestate: 'a=1' }))
        ?.traceState,
    ).toBe('a=1');
    expect(
      extractContext({ traceparent: `00-${id}-00f067aa0ba902b7-01`, tracestate: ['a=1', 'b=2'] })?.traceState,
    ).toBe('a=1,b=2');
    expect(
      extractContext({ traceparent: [`00-${id}-00f067aa0ba902b7-01`, `00-${id}-00f067aa0ba902b8-01`] }),
    ).toBeUndefined();
  });

  it('drops an invalid tracestate or baggage member set without dropping the trace', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const context = extractContext({
      traceparent,
      tracestate: 'Bad Key=1',
      baggage: 'good=1,=missing,also good=2',
    });
    expect(context?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(context?.traceState).toBeUndefined();
    expect(context?.baggage).toBe('good=1');
    const tooMany = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
    expect(extractContext({ traceparent, tracestate: tooMany })?.traceState).toBeUndefined();
  });

  it('writes nothing outside a traced context, and never throws on odd carriers', () => {
    expect(injectContext({})).toEqual({});
    const frozen = Object.freeze({});
    const { tracing: on } = setup();
    expect(() => injectContext(frozen, on.startSpan({ type: AISpanType.GENERIC, name: 'y' }))).not.toThrow();
    expect(extractContext(null)).toBeUndefined();
    expect(extractContext({ get: () => ({ not: 'a string' }), set: () => undefined })).toBeUndefined();
  });

  it('parses baggage values percent-decoded, with properties, within the W3C limits', () => {
    const entries = parseBaggage('user=J%C3%BCrgen;ttl=60, plan = pro ,broken');
    expect(Object.fromEntries(entries)).toEqual({
      user: { value: 'Jürgen', properties: 'ttl=60' },
      plan: { value: 'pro' },
    });
    const many = Array.from({ length: 100 }, (_, i) => `k${i}=v`).join(',');
    expect(parseBaggage(many).size).toBe(64);
  });
});
