import './dd-env';
import { DefaultAITracing, type ExportedAISpan } from '@aitracing/core';
import { InMemoryExporter, RecordingLogger } from '@aitracing/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogExporter } from '../src/index';
import { DEMO_AGENT_TREE, DEMO_WORKFLOW_TREE, runDemoAgent, runDemoWorkflow } from './demo-trace';
import { type AgentApmSpan, FakeDatadogAgent } from './fake-datadog-agent';
import { apmTree, sorted } from './wire-tree';

let agent: FakeDatadogAgent;
let memory: InMemoryExporter;
let exporter: DatadogExporter;
let tracing: DefaultAITracing;
let wire: Map<string, AgentApmSpan>;
const logger = new RecordingLogger();

beforeAll(async () => {
  agent = await FakeDatadogAgent.start();
  memory = new InMemoryExporter();
  exporter = new DatadogExporter({
    mode: 'apm',
    service: 'support-api',
    env: 'staging',
    agentUrl: agent.url,
  });
  // Chunks as events of their generation (core folds them; the default keeps only count and first-chunk time).
  tracing = new DefaultAITracing({
    serviceName: 'support-app',
    exporters: [memory, exporter],
    logger,
    streamChunks: 'events',
  });
  await runDemoAgent(tracing);
  await runDemoWorkflow(tracing);
  await tracing.flush();
  await agent.waitFor(() => agent.apmSpans.length >= 16, 10_000, '16 APM spans');
  wire = new Map(agent.apmSpans.map((span) => [span.resource, span]));
});

afterAll(async () => {
  await tracing.shutdown();
  await agent.close();
});

const spanNamed = (name: string): ExportedAISpan => {
  const span = memory.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
};

describe('DatadogExporter in APM mode', () => {
  it('sends every span of every type as an APM trace with the right parents, passing the agent checks', () => {
    expect(agent.violations).toEqual([]);
    expect(agent.apmSpans).toHaveLength(16);
    expect(sorted(apmTree(agent.apmSpans))).toEqual(sorted([...DEMO_AGENT_TREE, ...DEMO_WORKFLOW_TREE]));
    const agentTraceIds = new Set(DEMO_AGENT_TREE.map(([name]) => wire.get(name)?.trace_id));
    expect(agentTraceIds.size).toBe(1);
    expect(wire.get('support-agent')?.parent_id).toBe(0n);
    expect(wire.get('order-pipeline')?.parent_id).toBe(0n);
  });

  it('sends nothing to LLM Observability', () => {
    expect(agent.llmobsSpans).toEqual([]);
    expect(agent.requests.filter((request) => request.path.includes('llmobs'))).toEqual([]);
  });

  it('sets service, operation name, resource, type and span kind', () => {
    expect(wire.get('support-agent')).toMatchObject({
      service: 'support-api',
      name: 'aitracing.agent_run',
      resource: 'support-agent',
      type: 'custom',
    });
    expect(wire.get('plan')).toMatchObject({ name: 'aitracing.llm_generation', type: 'llm' });
    expect(wire.get('plan')?.meta['span.kind']).toBe('client');
    expect(wire.get('get-tracking')?.meta['span.kind']).toBe('client');
    expect(wire.get('validate')).toMatchObject({ name: 'aitracing.workflow_step', type: 'custom' });
    for (const span of agent.apmSpans) {
      expect(span.service).toBe('support-api');
      expect(span.meta.env).toBe('staging');
      expect(span.metrics._sampling_priority_v1).toBe(1);
    }
  });

  it('keeps the exact start and end time of every span, in nanoseconds', () => {
    for (const span of agent.apmSpans) {
      const ours = spanNamed(span.resource);
      const start = BigInt(Math.round(ours.startTime * 1e6));
      const duration = BigInt(Math.round(((ours.endTime ?? 0) - ours.startTime) * 1e6));
      const startError = span.start > start ? span.start - start : start - span.start;
      const durationError = span.duration > duration ? span.duration - duration : duration - span.duration;
      expect(startError, span.resource).toBeLessThan(1_000n);
      expect(durationError, span.resource).toBeLessThan(1_000n);
    }
  });

  it('marks a failed span as an error with type, message and stack', () => {
    const failed = wire.get('lookup-order') as AgentApmSpan;
    expect(failed.error).toBe(1);
    expect(failed.meta).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'upstream timeout' });
    expect(failed.meta['error.stack']).toContain('upstream timeout');
    expect(wire.get('lookup-order (retry)')?.error).toBe(0);
  });

  it('carries model, tokens, ids and input/output as tags', () => {
    const plan = wire.get('plan') as AgentApmSpan;
    expect(plan.meta).toMatchObject({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'aitracing.span_id': spanNamed('plan').id,
      'aitracing.trace_id': spanNamed('plan').traceId,
      'aitracing.parent_span_id': spanNamed('support-agent').id,
      'aitracing.output': 'Let me look that up.',
    });
    expect(plan.metrics).toMatchObject({
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 64,
    });
    expect(wire.get('support-agent')?.meta).toMatchObject({
      'session.id': 'session-1',
      'usr.id': 'user-7',
      'aitracing.metadata.channel': 'chat',
      'gen_ai.agent.id': 'support-agent',
    });
  });

  it('attaches LLM chunks as span events on their LLM span', () => {
    const events = JSON.parse(wire.get('plan')?.meta.events ?? '[]') as Array<{
      name: string;
      time_unix_nano: number;
      attributes: Record<string, unknown>;
    }>;
    // Folded chunks carry their shape, not their text (the generation's output has it).
    expect(events.map((event) => event.attributes)).toEqual([
      { 'aitracing.span_type': 'llm_chunk', chunk_type: 'text-delta', sequence_number: 0 },
      { 'aitracing.span_type': 'llm_chunk', chunk_type: 'text-delta', sequence_number: 1 },
    ]);
    const folded = spanNamed('plan').events ?? [];
    expect(Math.abs((events[0]?.time_unix_nano ?? 0) - (folded[0]?.time ?? 0) * 1e6)).toBeLessThan(1_000);
  });

  it('logs no warning and drops nothing', () => {
    expect(exporter.getStats()).toMatchObject({
      spansHandedOver: 16,
      // Folded chunks are events of their generation, not event spans.
      eventSpansAttached: 0,
      spansDropped: 0,
    });
    expect(logger.at('warn')).toEqual([]);
    expect(logger.at('error')).toEqual([]);
  });
});
