import { describe, expect, it } from 'vitest';
import { SpanLedger } from './span-ledger';

function ledger() {
  let handedOver = 0;
  const spans = new SpanLedger(
    (path) => path.startsWith('/evp_proxy/v2/api/v2/llmobs'),
    () => handedOver,
  );
  return { spans, handOver: (count: number) => (handedOver += count) };
}

describe('SpanLedger', () => {
  it('counts the spans of an answered payload as delivered or rejected, ignoring other channels', () => {
    const { spans, handOver } = ledger();
    const first = {};
    const second = {};
    const apm = {};
    handOver(3);
    spans.started(first, '/evp_proxy/v2/api/v2/llmobs');
    spans.started(apm, '/v0.4/traces');
    handOver(2);
    spans.started(second, '/evp_proxy/v2/api/v2/llmobs');
    spans.answered(apm, false);
    spans.answered(first, true);
    spans.answered(second, false);
    expect(spans.counts).toEqual({
      delivered: 3,
      agentRejected: 2,
      networkError: 0,
      shutdownTimeout: 0,
      unconfirmed: 0,
    });
  });

  it("carries spans of a network failure into dd-trace's retry", () => {
    const { spans, handOver } = ledger();
    const attempt = {};
    const retry = {};
    handOver(4);
    spans.started(attempt, '/evp_proxy/v2/api/v2/llmobs');
    spans.failed(attempt);
    expect(spans.counts.unconfirmed).toBe(4);
    spans.started(retry, '/evp_proxy/v2/api/v2/llmobs');
    spans.answered(retry, true);
    expect(spans.counts).toMatchObject({ delivered: 4, unconfirmed: 0 });
  });

  it('counts what has no outcome at a timed-out shutdown, by reason, once', () => {
    const { spans, handOver } = ledger();
    const failed = {};
    const hanging = {};
    handOver(2);
    spans.started(failed, '/evp_proxy/v2/api/v2/llmobs');
    spans.failed(failed);
    handOver(3);
    spans.started(hanging, '/evp_proxy/v2/api/v2/llmobs');
    handOver(1);
    expect(spans.close(true)).toEqual({ networkError: 0, shutdownTimeout: 6 });
    expect(spans.close(true)).toEqual({ networkError: 0, shutdownTimeout: 0 });
    spans.answered(hanging, true);
    expect(spans.counts).toMatchObject({ delivered: 0, shutdownTimeout: 6, unconfirmed: 0 });
  });

  it('counts spans waiting for a retry as network errors at shutdown, and leaves unsent ones unconfirmed', () => {
    const { spans, handOver } = ledger();
    const failed = {};
    handOver(2);
    spans.started(failed, '/evp_proxy/v2/api/v2/llmobs');
    spans.failed(failed);
    expect(spans.close(false)).toEqual({ networkError: 2, shutdownTimeout: 0 });
    const other = ledger();
    other.handOver(5);
    expect(other.spans.close(false)).toEqual({ networkError: 0, shutdownTimeout: 0 });
    expect(other.spans.counts.unconfirmed).toBe(5);
  });
});
