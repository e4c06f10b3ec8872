import { describe, expect, it } from 'vitest';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import { AITracingEventType, type AITracingSpanEvent } from '../types/exporter';
import { AISpanType } from '../types/span-type';
import { DefaultAITracing } from './default-ai-tracing';

function setup(options: { includeInternalSpans?: boolean; streamChunks?: 'fold' | 'events' | 'spans' } = {}) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'test-service',
    exporters: [exporter],
    logger,
    ...options,
  });
  return { exporter, logger, tracing };
}

describe('DefaultAITracing', () => {
  it('records an agent run with nested LLM and tool spans as one tree with the right parents', async () => {
    const { exporter, tracing } = setup();
    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support-agent',
      attributes: { agentId: 'agent-1', maxSteps: 5 },
      input: 'Where is my order?',
    });
    const llm = agent.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'plan',
      attributes: { model: 'gpt-4o', provider: 'openai' },
    });
    llm.end({
      output: 'call lookup',
      attributes: { usage: { promptTokens: 120, completionTokens: 8, totalTokens: 128 } },
    });
    const tool = agent.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: 'lookup-order',
      input: { id: 42 },
    });
    tool.end({ output: { status: 'shipped' }, attributes: { success: true } });
    agent.end({ output: 'Your order has shipped.' });
    await tracing.flush();

    const [trace] = exporter.getTraces();
    expect(exporter.getTraces()).toHaveLength(1);
    expect(trace?.roots).toHaveLength(1);
    const root = trace!.roots[0]!;
    expect(root.span).toMatchObject({
      name: 'support-agent',
      type: 'agent_run',
      isRootSpan: true,
      parentSpanId: undefined,
      input: 'Where is my order?',
      output: 'Your order has shipped.',
      attributes: { agentId: 'agent-1', maxSteps: 5 },
    });
    expect(root.children.map((child) => child.span.name)).toEqual(['plan', 'lookup-order']);
    const llmSpan = root.children[0]!.span;
    expect(llmSpan.parentSpanId).toBe(root.span.id);
    expect(llmSpan.isRootSpan).toBe(false);
    expect(llmSpan.attributes).toEqual({
      model: 'gpt-4o',
      provider: 'openai',
      usage: { promptTokens: 120, completionTokens: 8, totalTokens: 128 },
      // gpt-4o at $2.50 / $10 per 1M tokens, from the cost estimator
      cost: { input: 0.0003, output: 0.00008, total: 0.00038, currency: 'USD' },
    });
    expect(root.children[1]!.span).toMatchObject({ input: { id: 42 }, output: { status: 'shipped' } });
  });

  it('gives OpenTelemetry-format ids: 32-hex trace id shared by the trace, 16-hex span ids, never zero', async () => {
    const { exporter, tracing } = setup();
    for (let i = 0; i < 50; i++) {
      const root = tracing.startSpan({
        type: AISpanType.WORKFLOW_RUN,
        name: 'wf',
        attributes: { workflowId: 'w' },
      });
      root.createChildSpan({ type: AISpanType.WORKFLOW_STEP, name: 'step' }).end();
      root.end();
    }
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(100);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.id).toMatch(/^[0-9a-f]{16}$/);
      expect(span.traceId).not.toMatch(/^0+$/);
      expect(span.id).not.toMatch(/^0+$/);
    }
    for (const trace of exporter.getTraces()) {
      expect(new Set(trace.spans.map((span) => span.traceId)).size).toBe(1);
    }
    expect(new Set(spans.map((span) => span.id)).size).toBe(100);
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(50);
  });

  it('emits span_started, span_updated and exactly one span_ended, in order', async () => {
    const { exporter, logger, tracing } = setup();
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'op' });
    span.update({ metadata: { step: 1 } });
    span.end({ metadata: { done: true } });
    span.end({ metadata: { again: true } });
    await tracing.flush();
    expect(exporter.events.map((event) => event.type)).toEqual([
      'span_started',
      'span_updated',
      'span_ended',
    ]);
    expect(exporter.getEvents(AITracingEventType.SPAN_STARTED)[0]?.exportedSpan.endTime).toBeUndefined();
    const ended = exporter.getFinishedSpans()[0]!;
    expect(ended.metadata).toEqual({ step: 1, done: true });
    expect(ended.endTime).toBeGreaterThanOrEqual(ended.startTime);
    expect(logger.at('debug').some((line) => line.includes('end() called on ended span'))).toBe(true);
  });

  it('records start and end times as epoch milliseconds close to the wall clock', async () => {
    const { exporter, tracing } = setup();
    const before = Date.now();
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'timed' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    span.end();
    const after = Date.now();
    await tracing.flush();
    const exported = exporter.getFinishedSpans()[0]!;
    expect(exported.startTime).toBeGreaterThanOrEqual(before - 2);
    expect(exported.endTime!).toBeLessThanOrEqual(after + 2);
    expect(exported.endTime! - exported.startTime).toBeGreaterThanOrEqual(15);
  });

  it('creates event spans that only emit span_ended, with start equal to end', async () => {
    // Chunks exported as spans: the default folds them into the generation (see chunk-fold.test.ts).
    const { exporter, tracing } = setup({ streamChunks: 'spans' });
    const llm = tracing.startSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'stream',
      attributes: { streaming: true },
    });
    llm.createEventSpan({
      type: AISpanType.LLM_CHUNK,
      name: 'chunk',
      attributes: { chunkType: 'text-delta', sequenceNumber: 0 },
      output: 'Hel',
    });
    llm.end();
    await tracing.flush();
    const chunkEvents = exporter.events.filter(
      (event): event is AITracingSpanEvent => 'exportedSpan' in event && event.exportedSpan.name === 'chunk',
    );
    expect(chunkEvents.map((event) => event.type)).toEqual(['span_ended']);
    const chunk = chunkEvents[0]!.exportedSpan;
    expect(chunk).toMatchObject({ isEvent: true, output: 'Hel', parentSpanId: llm.id });
    expect(chunk.endTime).toBe(chunk.startTime);
  });

  it('records errors with message, name, stack and known details, and ends the span by default', async () => {
    const { exporter, tracing } = setup();
    const tool = tracing.startSpan({ type: AISpanType.TOOL_CALL, name: 'fetch-weather' });
    const error = Object.assign(new Error('upstream said no', { cause: new TypeError('socket hang up') }), {
      status: 503,
      code: 'E_UPSTREAM',
    });
    tool.error({ error, metadata: { attempt: 2 }, output: 'partial forecast' });
    await tracing.flush();
    const exported = exporter.getFinishedSpans()[0]!;
    expect(exported.endTime).toBeDefined();
    expect(exported.metadata).toEqual({ attempt: 2 });
    expect(exported.output).toBe('partial forecast');
    expect(exported.errorInfo).toMatchObject({
      message: 'upstream said no',
      name: 'Error',
      details: { status: 503, code: 'E_UPSTREAM', cause: { name: 'TypeError', message: 'socket hang up' } },
    });
    expect(exported.errorInfo?.stack).toContain('upstream said no');
  });

  it('keeps a span open when error() is called with endSpan: false', async () => {
    const { exporter, tracing } = setup();
    const step = tracing.startSpan({ type: AISpanType.WORKFLOW_STEP, name: 'retrying-step' });
    step.error({ error: new Error('first try failed'), endSpan: false });
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(exporter.getEvents(AITracingEventType.SPAN_UPDATED)[0]?.exportedSpan.errorInfo?.message).toBe(
      'first try failed',
    );
    step.end({ output: 'second try ok' });
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]).toMatchObject({ output: 'second try ok' });
  });

  it('never throws on odd arguments to a live span', async () => {
    const { exporter, tracing } = setup();
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'odd' });
    const hostile = {
      get metadata(): Record<string, unknown> {
        throw new Error('getter exploded');
      },
    };
    expect(() => span.update(hostile as never)).not.toThrow();
    expect(() => span.update(undefined as never)).not.toThrow();
    expect(() => span.error({ error: 'just a string' as unknown as Error })).not.toThrow();
    expect(() => span.end()).not.toThrow();
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]?.errorInfo).toEqual({ message: 'just a string' });
  });

  it('does not change the objects the user passed in', async () => {
    const { exporter, tracing } = setup();
    const metadata = { tenant: 'acme' };
    const attributes = { model: 'gpt-4o' };
    const span = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'gen', metadata, attributes });
    span.update({ metadata: { extra: 1 }, attributes: { provider: 'openai' } });
    span.end({ attributes: { usage: { promptTokens: 1 } } });
    await tracing.flush();
    expect(metadata).toEqual({ tenant: 'acme' });
    expect(attributes).toEqual({ model: 'gpt-4o' });
    expect(exporter.getFinishedSpans()[0]?.metadata).toEqual({ tenant: 'acme', extra: 1 });
  });

  it('snapshots input when the span ends, so later mutations of the message list do not leak into it', async () => {
    const { exporter, tracing } = setup();
    const messages = [{ role: 'user', content: 'hi' }];
    const llm = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'turn-1', input: messages });
    llm.end({ output: 'hello' });
    messages.push({ role: 'assistant', content: 'hello' });
    await tracing.flush();
    expect(exporter.getFinishedSpans()[0]?.input).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('gives exporters immutable snapshots', async () => {
    const { exporter, tracing } = setup();
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'frozen' }).end();
    await tracing.flush();
    expect(Object.isFrozen(exporter.getFinishedSpans()[0])).toBe(true);
  });

  it('routes startSpan with a parent to that parent as a child', async () => {
    const { exporter, tracing } = setup();
    const root = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'root',
      attributes: { agentId: 'a' },
    });
    const child = tracing.startSpan({ type: AISpanType.TOOL_CALL, name: 'child', parent: root });
    expect(child.traceId).toBe(root.traceId);
    expect(child.parent).toBe(root);
    child.end();
    root.end();
    await tracing.flush();
    expect(exporter.getTraces()[0]?.roots[0]?.children[0]?.span.name).toBe('child');
  });

  it('exposes its configuration with defaults applied', () => {
    const { tracing } = setup();
    const config = tracing.getConfig();
    expect(config.name).toBe('test-service');
    expect(config.sampling).toEqual({ type: 'always' });
    expect(config.includeInternalSpans).toBe(false);
    expect(tracing.getProcessors().map((processor) => processor.name)).toEqual([
      'sensitive-data-filter',
      'cost-estimator',
    ]);
    expect(tracing.getExporters().map((exporter) => exporter.name)).toEqual(['in-memory']);
  });
});
