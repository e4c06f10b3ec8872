import { describe, expect, it } from 'vitest';
import { getCurrentSpan } from '../context/async-context';
import { withSpan } from '../decorators/with-span';
import { AITracingConfigError } from '../errors/config-error';
import { InMemoryExporter } from '../testing/in-memory-exporter';
import { RecordingLogger } from '../testing/recording-logger';
import type { ExportedAISpan } from '../types/exported-span';
import { AISpanType, InternalSpans } from '../types/span-type';
import type { TracingConfig } from '../types/tracing';
import type { BridgedSpan, BridgeSpanStart, ExternalParent, TracingBridge } from '../types/tracing-bridge';
import { DefaultAITracing } from './default-ai-tracing';

const HTTP_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const HTTP_SPAN = '00f067aa0ba902b7';

/** Another tracing system in the process: it hands out ids and records what it is told. */
class RecordingBridge implements TracingBridge {
  readonly name = 'recording';
  active: ExternalParent | undefined;
  /** The span whose context the other system has active right now */
  running: string | undefined;
  readonly started: BridgeSpanStart[] = [];
  readonly ended: Array<{ id: string; span: ExportedAISpan | undefined; endTime: number }> = [];
  #next = 0;

  externalParent(): ExternalParent | undefined {
    return this.active;
  }

  startSpan(start: BridgeSpanStart): BridgedSpan {
    this.started.push(start);
    this.#next += 1;
    const bridge = this;
    const spanId = this.#next.toString(16).padStart(16, 'a');
    return {
      traceId: start.traceId ?? 'b'.repeat(32),
      spanId,
      run<TResult>(fn: () => TResult): TResult {
        const previous = bridge.running;
        bridge.running = spanId;
        try {
          return fn();
        } finally {
          bridge.running = previous;
        }
      },
      end(span, endTime) {
        bridge.ended.push({ id: spanId, span, endTime });
      },
    };
  }
}

function setup(bridge: TracingBridge, config: Partial<TracingConfig> = {}) {
  const exporter = new InMemoryExporter();
  const logger = new RecordingLogger();
  const tracing = new DefaultAITracing({
    serviceName: 'app',
    exporters: [exporter],
    logger,
    bridge,
    ...config,
  });
  return { tracing, exporter, logger };
}

describe('tracing bridge', () => {
  it("joins the other system's active span: same trace, that span as the root's parent", async () => {
    const bridge = new RecordingBridge();
    bridge.active = { traceId: HTTP_TRACE, spanId: HTTP_SPAN, sampled: true };
    const { tracing, exporter } = setup(bridge, { sampling: { type: 'never' } });

    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support',
      attributes: { agentId: 'a' },
    });
    agent.end();
    await tracing.flush();

    // The other system sampled the request: the decision holds for the whole trace.
    expect(exporter.getFinishedSpans()[0]).toMatchObject({
      traceId: HTTP_TRACE,
      parentSpanId: HTTP_SPAN,
      id: agent.id,
    });
    expect(bridge.started[0]).toMatchObject({
      traceId: HTTP_TRACE,
      parentSpanId: HTTP_SPAN,
      parent: undefined,
    });
  });

  it("follows the other system's decision to not sample, and ignores it for root: true", () => {
    const bridge = new RecordingBridge();
    bridge.active = { traceId: HTTP_TRACE, spanId: HTTP_SPAN, sampled: false };
    const { tracing } = setup(bridge);

    const joined = tracing.startSpan({ type: AISpanType.GENERIC, name: 'step' });
    const fresh = tracing.startSpan({ type: AISpanType.GENERIC, name: 'job', root: true });

    expect(joined.isValid).toBe(false);
    expect(joined.traceId).toBe(HTTP_TRACE);
    expect(fresh.isValid).toBe(true);
    expect(fresh.traceId).not.toBe(HTTP_TRACE);
  });

  it('gives spans the ids of their mirrors and makes the mirror active while a span is current', () => {
    const bridge = new RecordingBridge();
    const { tracing } = setup(bridge, { includeInternalSpans: false });

    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'support',
      attributes: { agentId: 'a' },
    });
    const seen = withSpan(agent, () => ({ current: getCurrentSpan()?.id, running: bridge.running }));
    const hidden = agent.createChildSpan({
      type: AISpanType.TOOL_CALL,
      name: 'lookup',
      tracingPolicy: { internal: InternalSpans.TOOL },
    });
    const inside = withSpan(hidden, () => bridge.running);
    const child = hidden.createChildSpan({ type: AISpanType.GENERIC, name: 'step' });

    expect(agent.id).toBe('aaaaaaaaaaaaaaa1');
    expect(seen).toEqual({ current: agent.id, running: agent.id });
    // A hidden span is not mirrored: its scope keeps its parent's, its child hangs under the parent.
    expect(bridge.started.map((start) => start.name)).toEqual(['support', 'step']);
    expect(inside).toBe(agent.id);
    expect(bridge.started[1]).toMatchObject({ traceId: agent.traceId, parentSpanId: agent.id });
    expect(child.traceId).toBe(agent.traceId);
  });

  it('ends each mirror once, with the snapshot exporters get (secrets redacted)', async () => {
    const bridge = new RecordingBridge();
    const { tracing } = setup(bridge);

    const tool = tracing.startSpan({
      type: AISpanType.TOOL_CALL,
      name: 'lookup',
      input: { apiKey: 'sk-secret' },
    });
    tool.end({ output: 'found' });
    tool.end();

    expect(bridge.ended).toHaveLength(1);
    expect(bridge.ended[0]?.span).toMatchObject({ id: tool.id, output: 'found' });
    expect(JSON.stringify(bridge.ended[0]?.span?.input)).not.toContain('sk-secret');
    expect(bridge.ended[0]?.endTime).toBe(bridge.ended[0]?.span?.endTime);
  });

  it('keeps tracing, with its own ids, when the bridge throws or hands back ids that do not fit', () => {
    const bridge = new RecordingBridge();
    const { tracing, logger } = setup(bridge);
    bridge.startSpan = () => {
      throw new Error('bridge down');
    };
    const first = tracing.startSpan({ type: AISpanType.GENERIC, name: 'a' });
    tracing.startSpan({ type: AISpanType.GENERIC, name: 'b' });
    bridge.startSpan = () => ({
      traceId: 'not-hex',
      spanId: '0'.repeat(16),
      run: (fn) => fn(),
      end: () => {},
    });
    const second = tracing.startSpan({ type: AISpanType.GENERIC, name: 'c' });

    expect(first.isValid && second.isValid).toBe(true);
    expect(second.id).toMatch(/^[0-9a-f]{16}$/);
    expect(second.id).not.toBe('0'.repeat(16));
    expect(logger.at('error')).toHaveLength(1);
    expect(logger.at('error')[0]).toContain('bridge down');
    expect(logger.at('warn')).toHaveLength(1);
  });

  it("runs the user's function exactly once whatever the bridge's run does", () => {
    const bridge = new RecordingBridge();
    const { tracing } = setup(bridge);
    const span = tracing.startSpan({ type: AISpanType.GENERIC, name: 'a' });
    const bridged = (span as unknown as { bridged: BridgedSpan }).bridged;
    let calls = 0;
    const work = () => {
      calls += 1;
      return 'result';
    };

    bridged.run = () => {
      throw new Error('before fn');
    };
    expect(withSpan(span, work)).toBe('result');
    bridged.run = (fn) => {
      fn();
      fn();
      throw new Error('after fn');
    };
    expect(withSpan(span, work)).toBe('result');
    expect(calls).toBe(2);
  });

  it('rejects a bridge without its methods at construction', () => {
    expect(() => setup({ name: 'broken' } as unknown as TracingBridge)).toThrow(AITracingConfigError);
  });
});
