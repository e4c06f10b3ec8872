import { AISpanType, AITracingConfigError, type AITracingExporter, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, it } from 'vitest';
import { OtelBridge } from './otel-bridge';

const otlpExporter: AITracingExporter = {
  name: 'otel',
  exportEvent: async () => {},
  shutdown: async () => {},
};

function setup(
  bridgeOptions: ConstructorParameters<typeof OtelBridge>[0] = {},
  exporters: AITracingExporter[] = [],
) {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'app',
    name: 'production',
    bridge: new OtelBridge({ tracerProvider, ...bridgeOptions }),
    exporters,
    logger,
    flushOnExit: false,
  });
  return { spans, tracing, logger };
}

describe('OtelBridge', () => {
  afterEach(() => {
    trace.disable();
  });

  it('warns once at startup when an OtelExporter would send the same spans again', () => {
    const { logger } = setup({}, [otlpExporter]);
    const { logger: quiet } = setup({ alongsideOtlpExporter: true }, [otlpExporter]);

    expect(logger.at('warn')).toHaveLength(1);
    expect(logger.at('warn')[0]).toContain(
      'tracing instance "production" has both an OtelBridge and an OtelExporter',
    );
    expect(logger.at('warn')[0]).toContain('alongsideOtlpExporter: true');
    expect(quiet.at('warn')).toEqual([]);
  });

  it('leaves input and output off the spans with captureContent: false', () => {
    const { spans, tracing } = setup({ captureContent: false });
    tracing
      .startSpan({ type: AISpanType.TOOL_CALL, name: 'lookup', input: { id: 42 } })
      .end({ output: 'shipped' });
    const { spans: withContent, tracing: capturing } = setup({ captureContent: true });
    capturing
      .startSpan({ type: AISpanType.TOOL_CALL, name: 'lookup', input: { id: 42 } })
      .end({ output: 'shipped' });

    expect(spans.getFinishedSpans()[0]?.attributes).not.toHaveProperty('aitracing.input');
    expect(withContent.getFinishedSpans()[0]?.attributes).toMatchObject({
      'aitracing.input': '{"id":42}',
      'aitracing.output': 'shipped',
    });
  });

  it('uses a custom mapping, and still ends the span when it throws (logged once)', () => {
    const { spans, tracing } = setup({
      mapSpan: (span) => ({ name: `custom ${span.name}`, attributes: { 'custom.type': span.type } }),
    });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'step' }).end();
    const failing = setup({
      mapSpan: () => {
        throw new Error('mapping bug');
      },
    });
    failing.tracing.startSpan({ type: AISpanType.GENERIC, name: 'a' }).end();
    failing.tracing.startSpan({ type: AISpanType.GENERIC, name: 'b' }).end();

    expect(spans.getFinishedSpans()[0]).toMatchObject({
      name: 'custom step',
      attributes: { 'custom.type': 'generic' },
    });
    expect(failing.spans.getFinishedSpans().map((span) => span.name)).toEqual(['a', 'b']);
    expect(failing.logger.at('error')).toHaveLength(1);
    expect(failing.logger.at('error')[0]).toContain('mapping bug');
  });

  it('keeps ids of its own when no OpenTelemetry SDK is registered', () => {
    const tracing = new DefaultAITracing({
      serviceName: 'app',
      bridge: new OtelBridge(),
      flushOnExit: false,
    });
    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support',
      attributes: { agentId: 'a' },
    });
    const tool = agent.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'lookup' });

    expect(agent.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(agent.traceId).not.toBe('0'.repeat(32));
    expect(tool.traceId).toBe(agent.traceId);
    expect(tool.id).not.toBe(agent.id);
  });

  it('rejects options of the wrong kind at construction', () => {
    expect(() => new OtelBridge({ tracerProvider: {} as never })).toThrow(AITracingConfigError);
    expect(() => new OtelBridge({ captureContent: 'yes' as never })).toThrow(AITracingConfigError);
    expect(() => new OtelBridge({ mapSpan: 'mapGenAi' as never })).toThrow(AITracingConfigError);
  });
});
