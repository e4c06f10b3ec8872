import { fileURLToPath } from 'node:url';
import { type NodeRun, runNode, stoppedAfterEach } from '@aitracing/test-support';
import { describe, expect, it } from 'vitest';
import { OtlpMetricsReceiver } from './otlp-metrics-receiver';

// Runs test/fixtures/push-on-shutdown.mjs in its own Node process against the built dist
// (`turbo run test` builds it first), exactly as a user's script runs.
const script = fileURLToPath(new URL('./fixtures/push-on-shutdown.mjs', import.meta.url));
const receivers = stoppedAfterEach<OtlpMetricsReceiver>();

function run(env: Record<string, string>): Promise<NodeRun> {
  return runNode(script, { env: { ...process.env, ...env } });
}

describe('a plain script with OtlpMetricsExporter', () => {
  it('delivers its metrics when it just ends with `await shutdown()`, and exits on its own', async () => {
    const receiver = new OtlpMetricsReceiver();
    receivers.push(receiver);
    const url = `${await receiver.start()}/v1/metrics`;
    const result = await run({ METRICS_URL: url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ pushes: 1, failedPushes: 0, retries: 0 });
    const tokens = receiver.last.metrics.get('ai_llm_tokens_total')!.points;
    expect(tokens.find((point) => point.labels.type === 'input')?.value).toBe(42);
    expect(receiver.last.resource['service.name']).toBe('script');
  });

  it('runs the code after `await shutdown()` when the receiver keeps failing, counting the failed push', async () => {
    const receiver = new OtlpMetricsReceiver();
    receivers.push(receiver);
    const url = `${await receiver.start()}/v1/metrics`;
    for (let index = 0; index < 20; index++) receiver.script.push({ status: 503 });
    const result = await run({ METRICS_URL: url, SHUTDOWN_MS: '1500' });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as { pushes: number; failedPushes: number };
    expect(stats.pushes).toBe(0);
    // The tracing instance flushes, then shuts down: each push given up is counted, the failure logged once.
    expect(stats.failedPushes).toBeGreaterThanOrEqual(1);
    expect(receiver.received).toHaveLength(0);
    expect(result.stderr.match(/otlp metrics: a push to/g)).toHaveLength(1);
  });
});
