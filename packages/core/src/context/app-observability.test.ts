import { afterEach, describe, expect, it } from 'vitest';
import { Observability } from '../observability/observability';
import { setupAITracing } from '../observability/setup-ai-tracing';
import { clearAITracingRegistry } from '../registry/default-registry';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { AISpanType } from '../types/span-type';
import { startSpanInContext } from './start-span-in-context';
import { traced } from './traced';

function observabilityWith(exporter: InMemoryExporter, appFallback?: boolean) {
  return new Observability({ configs: { app: { serviceName: 'svc', exporters: [exporter] } }, appFallback });
}

describe("the app's Observability", () => {
  afterEach(() => clearAITracingRegistry());

  it('records traced() and instrumentation roots when no span is current and nothing else is set up', async () => {
    const exporter = new InMemoryExporter();
    const observability = observabilityWith(exporter);
    traced({ type: AISpanType.AGENT_RUN, name: 'handler' }, () => 'done');
    startSpanInContext({ type: AISpanType.LLM_GENERATION, name: 'llm' }).end();
    await observability.shutdown();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['handler', 'llm']);
  });

  it('is the most recently created one; shutting it down or opting out removes it', async () => {
    const first = new InMemoryExporter();
    const second = new InMemoryExporter();
    const optedOut = new InMemoryExporter();
    const older = observabilityWith(first);
    const newer = observabilityWith(second);
    observabilityWith(optedOut, false);
    traced({ type: AISpanType.GENERIC, name: 'to-newer' }, () => undefined);
    await newer.shutdown();
    traced({ type: AISpanType.GENERIC, name: 'after-shutdown' }, () => undefined);
    await older.shutdown();
    expect(second.getFinishedSpans().map((span) => span.name)).toEqual(['to-newer']);
    expect(first.getFinishedSpans()).toEqual([]);
    expect(optedOut.getFinishedSpans()).toEqual([]);
  });

  it('gives way to an explicit setupAITracing', async () => {
    const fallback = new InMemoryExporter();
    const explicit = new InMemoryExporter();
    const setup = setupAITracing({
      configs: { main: { serviceName: 'svc', exporters: [explicit] } },
      appFallback: false,
    });
    const observability = observabilityWith(fallback);
    traced({ type: AISpanType.GENERIC, name: 'handler' }, () => undefined);
    await Promise.all([setup.shutdown(), observability.shutdown()]);
    expect(explicit.getFinishedSpans().map((span) => span.name)).toEqual(['handler']);
    expect(fallback.getFinishedSpans()).toEqual([]);
  });
});
