import { DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import { type Attributes, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';

import { runDemoTrace } from '../test/demo-trace';
import { OtlpReceiver, type ReceivedSpan } from '../test/otlp-receiver';
import { OtelExporter } from './otel-exporter';
import type { OtlpProtocol } from './otlp-protocol';
import { OtlpTraceEncoder } from './otlp-trace-encoder';
import { createResource } from './resource';
import { SpanConverter } from './span-converter';

const receivers: OtlpReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function sendDemo(protocol: OtlpProtocol) {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  const endpoint = protocol === 'grpc' ? await receiver.startGrpc() : await receiver.startHttp();
  const memory = new InMemoryExporter();
  const exporter = new OtelExporter({
    endpoint,
    protocol,
    headers: { 'x-team': 'ai' },
    serviceVersion: '2.1.0',
    environment: 'test',
    scheduledDelayMs: 50,
  });
  const tracing = new DefaultAITracing({
    serviceName: 'support-service',
    exporters: [exporter, memory],
    logger: new RecordingLogger(),
  });
  const ids = runDemoTrace(tracing);
  await tracing.shutdown();
  return { receiver, ids, exported: memory.getFinishedSpans() };
}

function byId(spans: ReceivedSpan[]): Map<string, ReceivedSpan> {
  return new Map(spans.map((span) => [span.spanId, span]));
}

function hrTime(epochMs: number): [number, number] {
  const seconds = Math.floor(epochMs / 1000);
  return [seconds, Math.round((epochMs - seconds * 1000) * 1e6)];
}

function nanos(epochMs: number): bigint {
  return BigInt(Math.floor(epochMs / 1000)) * 1_000_000_000n + BigInt(Math.round((epochMs % 1000) * 1e6));
}

describe.each<OtlpProtocol>(['http/protobuf', 'http/json', 'grpc'])('OtelExporter over %s', (protocol) => {
  it('delivers the demo trace intact: ids, parents, times, kinds, names, attributes, resource, events', async () => {
    const { receiver, ids, exported } = await sendDemo(protocol);
    const spans = receiver.spans;
    expect(spans).toHaveLength(exported.length);
    // Eight spans: the streamed chunk is folded into its generation, not sent as a span.
    expect(spans).toHaveLength(8);
    const received = byId(spans);

    for (const original of exported) {
      const span = received.get(original.id)!;
      expect(span.traceId).toBe(original.traceId);
      expect(span.parentSpanId).toBe(original.parentSpanId ?? '');
      // Nanosecond timestamps, exact to the microsecond we recorded.
      const startDelta = BigInt(span.startTimeUnixNano) - nanos(original.startTime);
      expect(startDelta < 2_000n && startDelta > -2_000n).toBe(true);
      expect(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano)).toBe(true);
      expect(span.resource).toMatchObject({
        'service.name': 'support-service',
        'service.version': '2.1.0',
        'deployment.environment.name': 'test',
        'telemetry.sdk.language': 'nodejs',
      });
      expect(span.scope).toEqual({ name: '@aitracing/exporter-otel', version: '0.1.0' });
    }

    const agent = received.get(ids.agent)!;
    expect(agent).toMatchObject({
      name: 'invoke_agent support-agent',
      kind: SpanKind.INTERNAL + 1,
      parentSpanId: '',
    });
    expect(agent.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-agent',
      'gen_ai.agent.id': 'support-agent-1',
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be helpful.' }]),
      'gen_ai.conversation.id': 'session-42',
      'aitracing.maxSteps': 5,
      'aitracing.metadata.userId': 'user-7',
      'aitracing.metadata.tier': 'gold',
    });

    const plan = received.get(ids.plan)!;
    expect(plan).toMatchObject({ name: 'chat gpt-4o', kind: SpanKind.CLIENT + 1, parentSpanId: ids.agent });
    expect(plan.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 12,
      'gen_ai.usage.cache_read.input_tokens': 100,
      'gen_ai.request.stream': true,
      'aitracing.chunk_count': 1,
      'aitracing.usage.total_tokens': 132,
      // From core's cost estimator: gpt-4o, 20 fresh + 100 cached prompt tokens, 12 completion tokens.
      'ai.cost': 0.000295,
      'aitracing.cost.input': 0.000175,
      'aitracing.cost.output': 0.00012,
      'aitracing.cost.currency': 'USD',
    });
    // Time to first chunk: the chunk's instant, in seconds from the generation's start.
    const firstChunk = Number(plan.attributes['gen_ai.response.time_to_first_chunk']);
    const planDuration = Number(BigInt(plan.endTimeUnixNano) - BigInt(plan.startTimeUnixNano)) / 1e9;
    expect(firstChunk).toBeGreaterThanOrEqual(0);
    expect(firstChunk).toBeLessThanOrEqual(planDuration + 1e-6);
    expect(plan.attributes['aitracing.time_to_first_token_ms']).toBeCloseTo(firstChunk * 1000, 6);
    expect(JSON.parse(String(plan.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You are a support agent.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] },
    ]);
    expect(JSON.parse(String(plan.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Let me check.' }], finish_reason: 'tool_calls' },
    ]);

    const failed = received.get(ids.failedTool)!;
    expect(failed).toMatchObject({
      name: 'execute_tool lookup-order',
      status: { code: SpanStatusCode.ERROR, message: 'upstream timeout' },
    });
    expect(failed.attributes).toMatchObject({
      'gen_ai.tool.name': 'lookup-order',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Finds an order',
      'gen_ai.tool.call.arguments': '{"orderId":"A-1"}',
      'error.type': 'Error',
    });
    expect(failed.events).toHaveLength(1);
    expect(failed.events[0]).toMatchObject({
      name: 'exception',
      attributes: { 'exception.type': 'Error', 'exception.message': 'upstream timeout' },
    });
    expect(String(failed.events[0]!.attributes['exception.stacktrace'])).toContain('upstream timeout');
    expect(received.get(ids.retriedTool)?.attributes['gen_ai.tool.call.result']).toBe('{"status":"shipped"}');
    expect(received.get(ids.retriedTool)?.status.code).toBe(SpanStatusCode.UNSET);
    expect(received.get(ids.mcpTool)).toMatchObject({
      name: 'tools/call carrier.status',
      kind: SpanKind.CLIENT + 1,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.type': 'extension',
        'mcp.method.name': 'tools/call',
        'aitracing.mcpServer': 'carrier-mcp',
      },
    });
    const workflow = spans.find((span) => span.traceId === ids.workflowTraceId && span.parentSpanId === '')!;
    expect(workflow).toMatchObject({
      name: 'invoke_workflow refund-flow',
      attributes: { 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': 'refund-flow' },
    });
    expect(spans.some((span) => span.attributes['aitracing.span.type'] === 'llm_chunk')).toBe(false);
    expect(receiver.requests[0]?.headers['x-team']).toBe('ai');
  });
});

describe('OtelExporter in immediate mode', () => {
  it('sends each span as soon as it ends, without waiting for the batch delay (serverless)', async () => {
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const endpoint = await receiver.startHttp();
    const exporter = new OtelExporter({ endpoint, exportMode: 'immediate', scheduledDelayMs: 60_000 });
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter] });
    runDemoTrace(tracing);
    const deadline = Date.now() + 5_000;
    while (receiver.spans.length < 8 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(receiver.spans).toHaveLength(8);
    await tracing.shutdown();
  });
});

describe('SpanConverter', () => {
  it('produces spans indistinguishable from the official OpenTelemetry SDK on the wire', async () => {
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const base = await receiver.startHttp();
    const memory = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [memory] });
    runDemoTrace(tracing);
    await tracing.flush();
    const original = memory.getFinishedSpans().find((span) => span.name === 'plan') as ExportedAISpan;
    const resource = createResource({ serviceName: 'svc' });
    const converted = new SpanConverter({ resource }).convert(original);

    // The same span written with the official SDK: same name, kind, attributes, times.
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes(resource.attributes as Attributes),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }))],
    });
    const sdkSpan = provider.getTracer('@aitracing/exporter-otel', '0.1.0').startSpan(converted.name, {
      kind: converted.kind - 1,
      attributes: converted.attributes as Attributes,
      startTime: hrTime(converted.startTimeMs),
    });
    sdkSpan.end(hrTime(converted.endTimeMs));
    await provider.forceFlush();
    await provider.shutdown();
    // Ours: our encoder, posted as any OTLP client would.
    const response = await fetch(`${base}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new OtlpTraceEncoder().encodeProtobuf([converted]) as Uint8Array<ArrayBuffer>,
    });
    expect(response.status).toBe(200);

    const [native, mine] = receiver.spans as [ReceivedSpan, ReceivedSpan];
    const comparable = (span: ReceivedSpan) => ({
      ...span,
      traceId: undefined,
      spanId: undefined,
      parentSpanId: undefined,
    });
    expect(comparable(mine)).toEqual(comparable(native));
  });

  it('leaves prompts and completions out when content capture is off, and adds OpenInference on request', async () => {
    const memory = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [memory] });
    runDemoTrace(tracing);
    await tracing.flush();
    const plan = memory.getFinishedSpans().find((span) => span.name === 'plan')!;
    const resource = createResource({ serviceName: 'svc' });
    const private_ = new SpanConverter({ resource, captureContent: false }).convert(plan);
    expect(Object.keys(private_.attributes).filter((key) => key.includes('messages'))).toEqual([]);
    const phoenix = new SpanConverter({ resource, openInference: true }).convert(plan);
    expect(phoenix.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.provider': 'openai',
      'llm.token_count.prompt': 120,
      'llm.token_count.completion': 12,
      'llm.token_count.total': 132,
    });
    expect(String(phoenix.attributes['input.value'])).toContain('Where is my order?');
  });

  it('takes service attributes from OTEL_RESOURCE_ATTRIBUTES, with explicit options winning', () => {
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'team=ai,service.version=from-env';
    try {
      const resource = createResource({ serviceName: 'svc', serviceVersion: 'explicit' });
      expect(resource.attributes).toMatchObject({
        team: 'ai',
        'service.version': 'explicit',
        'service.name': 'svc',
      });
    } finally {
      delete process.env.OTEL_RESOURCE_ATTRIBUTES;
    }
  });
});
