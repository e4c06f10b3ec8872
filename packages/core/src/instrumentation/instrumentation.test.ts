import { afterEach, describe, expect, it } from 'vitest';
import { startSpanInContext } from '../context/start-span-in-context';
import { withSpan } from '../decorators/with-span';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { AISpanType } from '../types/span-type';
import { CAPTURE_CONTENT_ENV, resolveCaptureContent } from './capture-content';
import { insideInstrumentedGeneration, markInstrumentedGeneration, spanNow } from './instrumented-generation';

describe('instrumentation kit', () => {
  afterEach(() => {
    delete process.env[CAPTURE_CONTENT_ENV];
  });

  it('starts a child of the current span, else a root of the given tracing', async () => {
    const exporter = new InMemoryExporter();
    const tracing = new DefaultAITracing({ serviceName: 'kit', name: 'kit', exporters: [exporter] });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    const child = withSpan(root, () =>
      startSpanInContext({ type: AISpanType.LLM_GENERATION, name: 'llm', tracing }),
    );
    const alone = startSpanInContext({ type: AISpanType.LLM_GENERATION, name: 'alone', tracing });
    child.end();
    alone.end();
    root.end();
    await tracing.flush();
    expect(child.traceId).toBe(root.traceId);
    expect(child.parent?.id).toBe(root.id);
    expect(alone.traceId).not.toBe(root.traceId);
    expect(
      exporter
        .getFinishedSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(['agent', 'alone', 'llm']);
    await tracing.shutdown();
  });

  it('tells an inner instrumented layer that a generation is already recorded', () => {
    const tracing = new DefaultAITracing({ serviceName: 'kit', name: 'kit', exporters: [] });
    const generation = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
    const plain = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'plain' });
    expect(withSpan(generation, insideInstrumentedGeneration)).toBe(false);
    markInstrumentedGeneration(generation);
    expect(withSpan(generation, insideInstrumentedGeneration)).toBe(true);
    expect(withSpan(plain, insideInstrumentedGeneration)).toBe(false);
    expect(insideInstrumentedGeneration()).toBe(false);
    expect(spanNow(generation)).toBeGreaterThanOrEqual(generation.startTime);
  });

  it('captures content unless the option or AITRACING_CAPTURE_CONTENT says no; a bad value warns once', () => {
    expect(resolveCaptureContent()).toBe(true);
    expect(resolveCaptureContent(false)).toBe(false);
    process.env[CAPTURE_CONTENT_ENV] = 'false';
    expect(resolveCaptureContent()).toBe(false);
    expect(resolveCaptureContent(true)).toBe(true);
    process.env[CAPTURE_CONTENT_ENV] = 'nope';
    const logger = new RecordingLogger();
    expect(resolveCaptureContent(undefined, logger)).toBe(true);
    expect(resolveCaptureContent(undefined, logger)).toBe(true);
    const warnings = logger.at('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"nope"');
  });
});
