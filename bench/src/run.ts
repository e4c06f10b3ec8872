import {
  AISpanType,
  type AITracing,
  type AITracingEvent,
  AITracingEventType,
  type AITracingExporter,
  DefaultAITracing,
} from '@aitracing/core';
import { type Contender, printResults, runScenario } from './harness';
import { otelEncodingContenders } from './otel-encoding';

const RESOLVED = Promise.resolve();

/** An exporter that keeps nothing: measures core's cost, not an exporter's. */
class DiscardingExporter implements AITracingExporter {
  readonly name = 'discard';
  readonly eventTypes = [AITracingEventType.SPAN_ENDED];
  received = 0;
  exportEvent(_event: AITracingEvent): Promise<void> {
    this.received++;
    return RESOLVED;
  }
  shutdown(): Promise<void> {
    return RESOLVED;
  }
}

const CHILDREN = 10;

function traceOnce(tracing: AITracing): void {
  const root = tracing.startSpan({
    type: AISpanType.AGENT_RUN,
    name: 'support-agent',
    attributes: { agentId: 'agent-1', maxSteps: 10 },
    input: 'Where is my order #1234?',
  });
  for (let i = 0; i < CHILDREN; i++) {
    const llm = root.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: 'llm-call',
      attributes: { model: 'gpt-4o-mini', provider: 'openai', streaming: false },
    });
    llm.end({
      output: 'The order shipped yesterday.',
      attributes: {
        usage: { promptTokens: 812, completionTokens: 64, totalTokens: 876 },
        finishReason: 'stop',
      },
    });
  }
  root.end({ output: 'Your order shipped yesterday.' });
}

function contender(name: string, tracing: DefaultAITracing): Contender {
  return {
    name,
    async run(iterations) {
      for (let i = 0; i < iterations; i++) traceOnce(tracing);
      await tracing.flush();
    },
  };
}

const sampledFilterOn = new DefaultAITracing({ serviceName: 'bench', exporters: [new DiscardingExporter()] });
const sampledFilterOff = new DefaultAITracing({
  serviceName: 'bench',
  sensitiveDataFilter: false,
  exporters: [new DiscardingExporter()],
});
const sampledOut = new DefaultAITracing({
  serviceName: 'bench',
  sampling: { type: 'never' },
  exporters: [new DiscardingExporter()],
});

const options = { unitsPerIteration: CHILDREN + 1, roundMs: 150, rounds: 7, warmupRounds: 2 };

console.log(
  `Node ${process.version}; trace = 1 root + ${CHILDREN} children, ended and exported; ${options.rounds} rounds`,
);
printResults(
  'aitracing core: ns per span',
  await runScenario(
    [
      contender('sampled in, sensitive-data filter on', sampledFilterOn),
      contender('sampled in, sensitive-data filter off', sampledFilterOff),
      contender('sampled out (shared no-op span)', sampledOut),
    ],
    options,
  ),
);

const encoding = await otelEncodingContenders(traceOnce);
printResults(
  `exporter-otel: conversion + OTLP encoding, ns per span (${encoding.spansPerTrace} spans per trace)`,
  await runScenario(encoding.contenders, { ...options, unitsPerIteration: encoding.spansPerTrace }),
);
