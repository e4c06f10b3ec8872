import { LogOnce } from '@aitracing/core/exporter-kit';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDatadogAgent } from '../../test/fake-datadog-agent';
import { LLMOBS_QUEUE, LLMObsDelivery, MAX_EVENT_BYTES, serialise } from './llmobs-delivery';
import type { LLMObsSpanEvent } from './llmobs-event';

let agent: FakeDatadogAgent;
beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
});
afterAll(async () => {
  await agent.close();
});

let nextId = 1;
function event(inputBytes: number, metadataBytes = 0): LLMObsSpanEvent {
  const id = String(nextId++);
  return {
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: id,
    parent_id: 'undefined',
    name: `span-${id}`,
    tags: ['ml_app:test', 'service:svc', 'env:test'],
    start_ns: 1_764_000_000_000_000_000,
    duration: 1_000,
    status: 'ok',
    meta: {
      'span.kind': 'task',
      input: { value: 'i'.repeat(inputBytes) },
      output: { value: 'done' },
      ...(metadataBytes > 0 ? { metadata: { blob: 'm'.repeat(metadataBytes) } } : {}),
    },
    metrics: {},
    _dd: { span_id: id, trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
  };
}

function delivery() {
  const logger = new RecordingLogger();
  const endpoint = {
    url: `${agent.url}/evp_proxy/v2/api/v2/llmobs`,
    headers: { 'X-Datadog-EVP-Subdomain': 'llmobs-intake' },
  };
  return { logger, delivery: new LLMObsDelivery(endpoint, new LogOnce(logger), 60_000) };
}

describe('LLMObsDelivery request size', () => {
  it('splits a batch into requests within the 5 MiB intake limit, delivering every event once', async () => {
    const { delivery: channel } = delivery();
    const before = agent.llmobsSpans.length;
    const requestsBefore = agent.requests.length;
    // 12 events of about 1 MiB: one batch by count, at least three requests by bytes.
    for (let index = 0; index < 12; index++) channel.add(event(1 << 20));
    await channel.flush(30_000);

    const received = agent.llmobsSpans.slice(before);
    expect(received).toHaveLength(12);
    expect(new Set(received.map((span) => span.span_id)).size).toBe(12);
    const requests = agent.requests
      .slice(requestsBefore)
      .filter((request) => request.path.includes('llmobs'));
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const request of requests)
      expect(request.bodyBytes).toBeLessThanOrEqual(LLMOBS_QUEUE.maxRequestBytes);
    expect(channel.stats).toMatchObject({ delivered: 12, pending: 0 });
  });

  it('drops the input and output of an event too large on its own, as dd-trace does', async () => {
    const big = serialise(event(6 << 20));
    expect(big?.bytes).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    const parsed = JSON.parse(big?.json ?? '{}') as { spans: Array<Record<string, unknown>> };
    expect(parsed.spans[0]?.meta).toMatchObject({ input: { value: expect.stringContaining('5MB') } });
    expect(parsed.spans[0]?.collection_errors).toEqual(['dropped_io']);

    const { delivery: channel } = delivery();
    const before = agent.llmobsSpans.length;
    channel.add(event(6 << 20));
    await channel.flush(30_000);
    expect(agent.llmobsSpans.slice(before)).toHaveLength(1);
    expect(agent.violations).toEqual([]);
  });

  it('drops and counts an event still too large without its input and output, logging once', async () => {
    const { delivery: channel, logger } = delivery();
    const requestsBefore = agent.requests.length;
    channel.add(event(10, 6 << 20));
    channel.add(event(10, 6 << 20));
    await channel.flush(5_000);
    expect(channel.tooLarge).toBe(2);
    expect(agent.requests.slice(requestsBefore)).toEqual([]);
    expect(logger.at('error')).toHaveLength(1);
    expect(logger.at('error')[0]).toContain('larger than the intake takes');
  });
});
