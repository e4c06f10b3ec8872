import { AISpanType, DefaultAITracing } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { failOnUnhandledRejection, stoppedAfterEach } from '@aitracing/test-support';
import { describe, expect, it, vi } from 'vitest';
import { OtlpReceiver } from '../test/otlp-receiver';
import { OtelExporter } from './otel-exporter';
import type { OtelExporterOptions } from './otel-exporter-options';

failOnUnhandledRejection();
const receivers = stoppedAfterEach<OtlpReceiver>();

async function setup(options: OtelExporterOptions = {}) {
  const receiver = new OtlpReceiver();
  receivers.push(receiver);
  const endpoint = await receiver.startHttp();
  const logger = new RecordingLogger();
  const exporter = new OtelExporter({ endpoint, scheduledDelayMs: 20, exportTimeoutMs: 2_000, ...options });
  const tracing = new DefaultAITracing({ serviceName: 'svc', exporters: [exporter], logger });
  return { receiver, exporter, tracing, logger, endpoint };
}

function endSpans(tracing: DefaultAITracing, count: number, prefix = 'span'): void {
  for (let i = 0; i < count; i++)
    tracing.startSpan({ type: AISpanType.GENERIC, name: `${prefix}-${i}` }).end();
}

describe('OtelExporter under faults', () => {
  it('retries a 503 and loses nothing when the receiver recovers', async () => {
    const { receiver, exporter, tracing } = await setup();
    receiver.script.push({ kind: 'status', status: 503 });
    endSpans(tracing, 3);
    await tracing.flush();
    expect(receiver.spans.map((span) => span.name).sort()).toEqual(['span-0', 'span-1', 'span-2']);
    expect(receiver.attempts).toBe(2);
    expect(exporter.getStats()).toMatchObject({ exported: 3, dropped: { rejected: 0, retriesExhausted: 0 } });
  });

  it('retries a 500 after the transport gives up, with backoff, until it succeeds', async () => {
    const { receiver, exporter, tracing } = await setup();
    receiver.script.push({ kind: 'status', status: 500 });
    endSpans(tracing, 2);
    await tracing.flush();
    expect(receiver.spans).toHaveLength(2);
    expect(exporter.getStats().retries).toBe(1);
  });

  it.each([
    ['seconds', () => '1', 900],
    // HTTP dates have whole seconds: 2.5 s ahead means at least 1.5 s of waiting.
    ['an HTTP date', () => new Date(Date.now() + 2_500).toUTCString(), 1_400],
  ])('waits as long as a 429 Retry-After in %s asks', async (_form, retryAfter, minimumWaitMs) => {
    // The transport only waits for a Retry-After that fits in its export timeout.
    const { receiver, tracing } = await setup({ exportTimeoutMs: 5_000 });
    receiver.script.push({ kind: 'status', status: 429, headers: { 'retry-after': retryAfter() } });
    const started = Date.now();
    endSpans(tracing, 1);
    await tracing.flush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(minimumWaitMs);
    expect(receiver.spans).toHaveLength(1);
  });

  it.each([400, 401, 403, 413])(
    'drops a batch rejected with %i, logs it once and never retries it',
    async (status) => {
      const { receiver, exporter, tracing, logger } = await setup();
      receiver.script.push({ kind: 'status', status }, { kind: 'status', status });
      endSpans(tracing, 2, 'first');
      await tracing.flush();
      endSpans(tracing, 3, 'second');
      await tracing.flush();
      expect(receiver.attempts).toBe(2);
      expect(exporter.getStats().dropped.rejected).toBe(5);
      expect(logger.at('error').filter((line) => line.includes('rejected a batch'))).toHaveLength(1);
    },
  );

  it('gives up on a receiver that hangs after the retry budget, without touching the app', async () => {
    const { receiver, exporter, tracing, logger } = await setup({
      exportTimeoutMs: 300,
      maxRetryDurationMs: 800,
    });
    for (let i = 0; i < 10; i++) receiver.script.push({ kind: 'hang' });
    // Ending spans is synchronous: the app goes on while the receiver hangs.
    endSpans(tracing, 4);
    expect(exporter.getStats().dropped.retriesExhausted).toBe(0);
    await tracing.flush();
    expect(exporter.getStats().dropped.retriesExhausted).toBe(4);
    expect(logger.at('error').filter((line) => line.includes('after retrying'))).toHaveLength(1);
  });

  it('delivers everything once a receiver that refused connections comes up', async () => {
    // Find a free port, then leave it closed: connections are refused.
    const probe = new OtlpReceiver();
    const port = Number(new URL(await probe.startHttp()).port);
    await probe.stop();
    const receiver = new OtlpReceiver();
    receivers.push(receiver);
    const exporter = new OtelExporter({
      endpoint: `http://127.0.0.1:${port}`,
      scheduledDelayMs: 20,
      exportTimeoutMs: 400,
    });
    const tracing = new DefaultAITracing({
      serviceName: 'svc',
      exporters: [exporter],
      logger: new RecordingLogger(),
    });
    endSpans(tracing, 5);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await receiver.startHttp(port);
    await tracing.flush();
    expect(receiver.spans).toHaveLength(5);
    expect(exporter.getStats()).toMatchObject({ exported: 5, dropped: { retriesExhausted: 0 } });
    expect(exporter.getStats().retries).toBeGreaterThan(0);
  });

  it('keeps memory bounded under a burst: the queue holds maxQueueSize and the drop count is exact', async () => {
    const { receiver, exporter, tracing, logger } = await setup({ maxQueueSize: 10, maxBatchSize: 5 });
    endSpans(tracing, 25);
    await tracing.flush();
    expect(receiver.spans).toHaveLength(10);
    expect(exporter.getStats()).toMatchObject({ accepted: 10, exported: 10, dropped: { queueFull: 15 } });
    expect(logger.at('warn').filter((line) => line.includes('queue is full'))).toHaveLength(1);
  });

  it('shuts down within its timeout while a retry is pending, counting what it drops', async () => {
    const { receiver, exporter, tracing, logger } = await setup({ exportTimeoutMs: 200 });
    for (let i = 0; i < 20; i++) receiver.script.push({ kind: 'status', status: 503 });
    endSpans(tracing, 3);
    await vi.waitFor(() => expect(exporter.getStats().retries).toBeGreaterThan(0), { timeout: 10_000 });
    // Without its timeout, shutdown would retry for the default 60 s: the test timeout catches that.
    await exporter.shutdown(300);
    expect(exporter.getStats().dropped.shutdown).toBe(3);
    expect(logger.at('error').some((line) => line.includes('still queued at shutdown'))).toBe(true);
    await tracing.shutdown(100);
  });
});
