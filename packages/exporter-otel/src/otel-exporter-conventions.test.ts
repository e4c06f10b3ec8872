import { DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { runDemoTrace } from '../test/demo-trace';
import { OtlpReceiver } from '../test/otlp-receiver';
import { OtelExporter } from './otel-exporter';
import type { OtelExporterOptions } from './otel-exporter-options';

const receivers: OtlpReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function send(options: OtelExporterOptions, streamChunks: 'fold' | 'events') {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  const endpoint = await receiver.startHttp();
  const tracing = new DefaultAITracing({
    serviceName: 'support-service',
    exporters: [new OtelExporter({ endpoint, scheduledDelayMs: 50, ...options })],
    logger: new RecordingLogger(),
    streamChunks,
  });
  runDemoTrace(tracing);
  await tracing.shutdown();
  return receiver.spans;
}

describe('OtelExporter: what the GenAI mapping adds reaches the wire', () => {
  it("sends folded chunks as span events of their generation with streamChunks: 'events'", async () => {
    const spans = await send({}, 'events');
    const streamed = spans.find((span) =>
      span.events.some((event) => event.attributes['aitracing.chunk.type'] !== undefined),
    );
    expect(streamed).toBeDefined();
    expect(streamed?.events[0]?.attributes).toMatchObject({
      'aitracing.chunk.type': 'text-delta',
      'aitracing.chunk.sequence_number': 0,
    });
    // No chunk span of its own: the chunk is an event, not a span.
    expect(spans.every((span) => span.name !== streamed?.events[0]?.name)).toBe(true);
  });

  it('sends no chunk events by default', async () => {
    const spans = await send({}, 'fold');
    expect(
      spans
        .flatMap((span) => span.events)
        .filter((event) => event.attributes['aitracing.chunk.type'] !== undefined),
    ).toEqual([]);
  });

  it('adds the deprecated gen_ai.system only when asked through `conventions`', async () => {
    const plain = await send({}, 'fold');
    const generation = (spans: typeof plain) =>
      spans.find((span) => span.attributes['gen_ai.provider.name'] !== undefined);
    expect(generation(plain)?.attributes['gen_ai.system']).toBeUndefined();
    const withSystem = await send({ conventions: { deprecatedSystemAttribute: true } }, 'fold');
    const mapped = generation(withSystem);
    expect(mapped?.attributes['gen_ai.system']).toBe(mapped?.attributes['gen_ai.provider.name']);
  });
});
