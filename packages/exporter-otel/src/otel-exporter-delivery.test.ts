import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpReceiver } from '../test/otlp-receiver';
import { OtelExporter } from './otel-exporter';
import type { OtelExporterOptions } from './otel-exporter-options';

const receivers: OtlpReceiver[] = [];
const tracings: DefaultAITracing[] = [];

afterEach(async () => {
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown(100)));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function setup(options: OtelExporterOptions = {}) {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  const endpoint = await receiver.startHttp();
  const logger = new RecordingLogger();
  const exporter = new OtelExporter({ endpoint, scheduledDelayMs: 20, ...options });
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger });
  tracings.push(tracing);
  return { receiver, exporter, tracing, logger };
}

function endSpans(tracing: DefaultAITracing, count: number): void {
  for (let i = 0; i < count; i++) tracing.startSpan({ type: AISpanType.GENERIC, name: `span-${i}` }).end();
}

describe('OtelExporter delivery', () => {
  it('times out a receiver that sends headers and never finishes its body, and counts the batch', async () => {
    const { receiver, exporter, tracing, logger } = await setup({
      exportTimeoutMs: 300,
      maxRetryDurationMs: 800,
    });
    for (let i = 0; i < 20; i++) receiver.script.push({ kind: 'trickle' });
    endSpans(tracing, 2);
    await tracing.flush();
    expect(receiver.attempts).toBeGreaterThan(1);
    expect(exporter.getStats()).toMatchObject({ exported: 0, dropped: { retriesExhausted: 2 } });
    expect(logger.at('error').filter((line) => line.includes('after retrying'))).toHaveLength(1);
  });

  it('honours flush(timeoutMs): settles while a request still hangs, and the spans stay queued', async () => {
    // Without the timeout, flush would wait for the 60 s export timeout (past this test's own timeout).
    const { receiver, exporter, tracing } = await setup({ exportTimeoutMs: 60_000 });
    receiver.script.push({ kind: 'hang' });
    endSpans(tracing, 3);
    await tracing.flush(200);
    expect(exporter.getStats()).toMatchObject({
      exported: 0,
      dropped: { rejected: 0, retriesExhausted: 0, shutdown: 0 },
    });
    await exporter.shutdown(0);
    expect(exporter.getStats().dropped.shutdown).toBe(3);
  });

  it('waits the Retry-After of a 503 (3 s, longer than any default backoff) before retrying once', async () => {
    const { receiver, exporter, tracing } = await setup({ exportTimeoutMs: 2_000 });
    receiver.script.push({ kind: 'status', status: 503, headers: { 'retry-after': '3' } });
    endSpans(tracing, 2);
    await tracing.flush();
    expect(receiver.attempts).toBe(2);
    const [first, second] = receiver.attemptTimes as [number, number];
    expect(second - first).toBeGreaterThanOrEqual(2_900);
    expect(exporter.getStats()).toMatchObject({ exported: 2, retries: 1 });
  });

  it('drops a batch at once when Retry-After asks for longer than the retry budget', async () => {
    const { receiver, exporter, tracing, logger } = await setup({ maxRetryDurationMs: 5_000 });
    receiver.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    endSpans(tracing, 2);
    await tracing.flush();
    expect(receiver.attempts).toBe(1);
    expect(exporter.getStats().dropped.retriesExhausted).toBe(2);
    expect(logger.at('error').join('\n')).toContain('Retry-After asked for 120 s, past the retry budget');
  });

  it.each([400, 404, 413])('never retries an HTTP %i', async (status) => {
    const { receiver, exporter, tracing } = await setup();
    receiver.script.push({ kind: 'status', status });
    endSpans(tracing, 1);
    await tracing.flush();
    expect(receiver.attempts).toBe(1);
    expect(exporter.getStats().dropped.rejected).toBe(1);
  });
});
