import { describe, expect, it } from 'vitest';
import { AITracingConfigError } from '../errors/config-error';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { DefaultAITracing } from '../tracing/default-ai-tracing';
import { RuntimeContext } from '../types/runtime-context';
import type { CustomSamplerOptions, SamplingStrategy } from '../types/sampling';
import { AISpanType } from '../types/span-type';

function tracingWith(sampling: SamplingStrategy) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({ serviceName: 'svc', sampling, exporters: [exporter], logger });
  return { exporter, logger, tracing };
}

function runTrace(tracing: DefaultAITracing, children = 5) {
  const root = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'agent', attributes: { agentId: 'a' } });
  for (let i = 0; i < children; i++) {
    const child = root.createChildSpan({ type: AISpanType.LLM_GENERATION, name: `llm-${i}` });
    child.createEventSpan({ type: AISpanType.GENERIC, name: 'event' });
    child.end();
  }
  root.end();
  return root;
}

describe('sampling', () => {
  it("'never' hands out one non-recording span per trace, shared by all its descendants", async () => {
    const { exporter, tracing } = tracingWith({ type: 'never' });
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    const child = root.createChildSpan({ type: AISpanType.TOOL_CALL, name: 'tool' });
    const event = child.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk' });
    const other = tracing.startSpan({ type: AISpanType.GENERIC, name: 'other' });
    expect(root.isValid).toBe(false);
    expect(child).toBe(root);
    expect(event).toBe(root);
    expect(other.isValid).toBe(false);
    expect(other.traceId).not.toBe(root.traceId);
    expect(() => {
      child.update({ input: 'x' });
      child.error({ error: new Error('boom') });
      root.end();
    }).not.toThrow();
    await tracing.flush();
    expect(exporter.events).toHaveLength(0);
  });

  it("'ratio' decides per trace and never splits a trace", async () => {
    const { exporter, tracing } = tracingWith({ type: 'ratio', probability: 0.5 });
    for (let i = 0; i < 400; i++) runTrace(tracing, 3);
    await tracing.flush();
    const traces = exporter.getTraces();
    // 400 traces at p=0.5: outside [120, 280] has probability < 1e-19.
    expect(traces.length).toBeGreaterThan(120);
    expect(traces.length).toBeLessThan(280);
    for (const trace of traces) {
      expect(trace.spans).toHaveLength(1 + 3 * 2);
      expect(trace.roots).toHaveLength(1);
    }
  });

  it("'ratio' with probability 1 and 0 behave as always and never", async () => {
    const always = tracingWith({ type: 'ratio', probability: 1 });
    const never = tracingWith({ type: 'ratio', probability: 0 });
    for (let i = 0; i < 20; i++) {
      runTrace(always.tracing, 1);
      runTrace(never.tracing, 1);
    }
    await always.tracing.flush();
    await never.tracing.flush();
    expect(always.exporter.getTraces()).toHaveLength(20);
    expect(never.exporter.getTraces()).toHaveLength(0);
  });

  it('a custom sampler sees the runtime context and metadata of the root', async () => {
    const seen: Array<CustomSamplerOptions | undefined> = [];
    const { exporter, tracing } = tracingWith({
      type: 'custom',
      sampler: (options) => {
        seen.push(options);
        return options?.runtimeContext?.get('plan') === 'enterprise';
      },
    });
    const enterprise = new RuntimeContext([['plan', 'enterprise']]);
    const free = new RuntimeContext([['plan', 'free']]);
    tracing
      .startSpan({ type: AISpanType.GENERIC, name: 'kept', runtimeContext: enterprise, metadata: { a: 1 } })
      .end();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'dropped', runtimeContext: free }).end();
    tracing
      .startSpan({
        type: AISpanType.GENERIC,
        name: 'explicit',
        customSamplerOptions: { runtimeContext: enterprise },
      })
      .end();
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['kept', 'explicit']);
    expect(seen[0]?.metadata).toEqual({ a: 1 });
    expect(seen).toHaveLength(3);
  });

  it('a custom sampler is consulted once per trace, not per span', () => {
    let calls = 0;
    const { tracing } = tracingWith({
      type: 'custom',
      sampler: () => {
        calls++;
        return true;
      },
    });
    runTrace(tracing, 10);
    expect(calls).toBe(1);
  });

  it('a throwing custom sampler means "not sampled" and is logged once', async () => {
    const { exporter, logger, tracing } = tracingWith({
      type: 'custom',
      sampler: () => {
        throw new Error('sampler bug');
      },
    });
    for (let i = 0; i < 5; i++) expect(() => runTrace(tracing)).not.toThrow();
    await tracing.flush();
    expect(exporter.events).toHaveLength(0);
    const warnings = logger.at('warn').filter((line) => line.includes('sampler bug'));
    expect(warnings).toHaveLength(1);
  });

  it.each([
    [{ type: 'ratio', probability: 1.5 }, 'sampling.probability'],
    [{ type: 'ratio', probability: -0.1 }, 'sampling.probability'],
    [{ type: 'ratio', probability: Number.NaN }, 'sampling.probability'],
    [{ type: 'ratio' }, 'sampling.probability'],
    [{ type: 'custom' }, 'sampling.sampler'],
    [{ type: 'sometimes' }, 'sampling.type'],
    ['always', 'sampling'],
  ])('rejects the invalid strategy %j with a clear config error', (sampling, field) => {
    const build = () => new DefaultAITracing({ serviceName: 'svc', sampling: sampling as SamplingStrategy });
    expect(build).toThrow(AITracingConfigError);
    try {
      build();
    } catch (error) {
      expect((error as AITracingConfigError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    }
  });
});
