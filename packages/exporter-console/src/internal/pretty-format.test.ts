import { AISpanType, type ExportedAISpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { createPalette } from './colors';
import { formatTrace, type PrettyFormatOptions } from './pretty-format';
import type { ReadyTrace } from './trace-buffer';

const T0 = 1_700_000_000_000;

function span(
  fields: Partial<ExportedAISpan> & Pick<ExportedAISpan, 'id' | 'name' | 'type'>,
): ExportedAISpan {
  const startTime = fields.startTime ?? T0;
  return {
    traceId: 'a'.repeat(32),
    startTime,
    endTime: startTime,
    isEvent: false,
    isRootSpan: false,
    ...fields,
  };
}

function trace(spans: ExportedAISpan[], fields: Partial<ReadyTrace> = {}): ReadyTrace {
  return {
    traceId: 'a'.repeat(32),
    spans,
    release: 'root-ended',
    droppedSpans: 0,
    continued: false,
    late: false,
    ...fields,
  };
}

const options: PrettyFormatOptions = {
  palette: createPalette(false),
  showInput: true,
  showOutput: true,
  maxPreviewLength: 60,
  logLevel: 'info',
  incompleteTraceTimeoutMs: 30_000,
  serviceName: 'billing',
};

describe('formatTrace', () => {
  it('prints durations, cached tokens and per-currency cost totals exactly', () => {
    const root = span({
      id: 'r',
      name: 'research',
      type: AISpanType.AGENT_RUN,
      isRootSpan: true,
      endTime: T0 + 2_345.6,
    });
    const first = span({
      id: 'l1',
      parentSpanId: 'r',
      name: 'draft',
      type: AISpanType.LLM_GENERATION,
      startTime: T0 + 10,
      endTime: T0 + 822.25,
      attributes: {
        model: 'claude-sonnet-4',
        provider: 'anthropic',
        usage: { promptTokens: 12_000, completionTokens: 800, promptCacheHitTokens: 9_000 },
        cost: { input: 0.036, output: 0.012, currency: 'USD' },
      } as ExportedAISpan['attributes'],
    });
    const second = span({
      id: 'l2',
      parentSpanId: 'r',
      name: 'review',
      type: AISpanType.LLM_GENERATION,
      startTime: T0 + 900,
      endTime: T0 + 1_300.4,
      attributes: {
        model: 'mistral-large',
        usage: { totalTokens: 500 },
        cost: { total: 0.0009, currency: 'EUR' },
      } as ExportedAISpan['attributes'],
    });

    expect(formatTrace(trace([first, second, root]), options)).toMatchInlineSnapshot(`
      "trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa · billing
      agent_run research  2.35s
      ├─ llm_generation draft  812.3ms  claude-sonnet-4 · anthropic · tokens 12,000 prompt (9,000 cached) + 800 completion = 12,800 · cost $0.048
      └─ llm_generation review  400.4ms  mistral-large · tokens 500 · cost 0.00090 EUR
      totals 3 spans · 2 LLM calls · LLM time 1.21s · tokens 12,000 prompt (9,000 cached) + 800 completion = 13,300 · cost $0.048 + 0.00090 EUR

      "
    `);
  });

  it('shows the served model, cache writes, embeddings and time to first token of a stream', () => {
    const stream = span({
      id: 's',
      name: 'answer',
      type: AISpanType.LLM_GENERATION,
      isRootSpan: true,
      endTime: T0 + 900,
      attributes: {
        model: 'claude-sonnet-4',
        responseModel: 'claude-sonnet-4-20250514',
        provider: 'anthropic',
        streaming: true,
        completionStartTime: T0 + 120,
        usage: { promptTokens: 1_000, completionTokens: 20, promptCacheWriteTokens: 900 },
      } as ExportedAISpan['attributes'],
    });
    const embedding = span({
      id: 'e',
      parentSpanId: 's',
      name: 'embed',
      type: AISpanType.LLM_GENERATION,
      attributes: { model: 'text-embedding-3-small', operation: 'embeddings', usage: { promptTokens: 8 } },
    });
    const printed = formatTrace(trace([embedding, stream]), options);
    expect(printed).toContain(
      'claude-sonnet-4 · served by claude-sonnet-4-20250514 · anthropic · streamed · first token 120.0ms · tokens 1,000 prompt (900 written to cache) + 20 completion = 1,020',
    );
    expect(printed).toContain('text-embedding-3-small · embeddings · tokens 8 prompt = 8');
  });

  it('groups spans whose parent is missing under that parent, and never loses spans caught in a cycle', () => {
    const orphanA = span({
      id: 'a1',
      parentSpanId: 'gone',
      name: 'orphan-a',
      type: AISpanType.TOOL_CALL,
      startTime: T0 + 2,
    });
    const orphanB = span({
      id: 'b1',
      parentSpanId: 'gone',
      name: 'orphan-b',
      type: AISpanType.TOOL_CALL,
      startTime: T0 + 1,
    });
    const cycleX = span({
      id: 'x',
      parentSpanId: 'y',
      name: 'cycle-x',
      type: AISpanType.GENERIC,
      startTime: T0 + 5,
    });
    const cycleY = span({
      id: 'y',
      parentSpanId: 'x',
      name: 'cycle-y',
      type: AISpanType.GENERIC,
      startTime: T0 + 6,
    });

    expect(
      formatTrace(trace([orphanA, orphanB, cycleX, cycleY], { release: 'flush' }), options),
    ).toMatchInlineSnapshot(`
      "trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa · billing (incomplete: root not ended at flush)
      generic cycle-x  0.00ms
      └─ generic cycle-y  0.00ms
      ┄ parent span gone
      ├─ tool_call orphan-b  0.00ms
      └─ tool_call orphan-a  0.00ms
      totals 4 spans

      "
    `);
  });

  it('shows wait, sleep and loop iteration details and marks failed steps even without an error', () => {
    const root = span({
      id: 'r',
      name: 'wf',
      type: AISpanType.WORKFLOW_RUN,
      isRootSpan: true,
      attributes: { workflowId: 'wf', status: 'failed' },
    });
    const wait = span({
      id: 'w',
      parentSpanId: 'r',
      name: 'await-payment',
      type: AISpanType.WORKFLOW_WAIT_EVENT,
      attributes: { eventName: 'payment.received', eventReceived: false },
    });
    const sleep = span({
      id: 's',
      parentSpanId: 'r',
      name: 'back-off',
      type: AISpanType.WORKFLOW_SLEEP,
      attributes: { durationMs: 250 },
    });
    const iteration = span({
      id: 'i',
      parentSpanId: 'r',
      name: 'retry',
      type: AISpanType.WORKFLOW_LOOP,
      attributes: { loopType: 'dowhile', iteration: 2, totalIterations: 3 },
    });
    const step = span({
      id: 'f',
      parentSpanId: 'r',
      name: 'charge',
      type: AISpanType.WORKFLOW_STEP,
      attributes: { status: 'failed' },
    });

    expect(formatTrace(trace([wait, sleep, iteration, step, root]), options)).toMatchInlineSnapshot(`
      "trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa · billing
      ✗ workflow_run wf  0.00ms  status failed
      ├─ workflow_wait_event await-payment  0.00ms  event payment.received · timed out
      ├─ workflow_sleep back-off  0.00ms  sleep 250.0ms
      ├─ workflow_loop retry  0.00ms  dowhile · iteration 2/3
      └─ ✗ workflow_step charge  0.00ms  status failed
      totals 5 spans · 2 errors

      "
    `);
  });

  it('prints nothing for a filtered trace and something for a matching one', () => {
    const ok = trace([span({ id: 'r', name: 'ok', type: AISpanType.GENERIC, isRootSpan: true })]);
    expect(formatTrace(ok, { ...options, logLevel: 'warn' })).toBeUndefined();
    expect(formatTrace({ ...ok, droppedSpans: 1 }, { ...options, logLevel: 'warn' })).toContain('1 dropped');
    expect(formatTrace(ok, { ...options, logLevel: 'error' })).toBeUndefined();
  });
});

describe('formatTrace with metadata that is not an object', () => {
  it('prints the trace whatever the app passed as metadata (null, a string) at debug level', () => {
    const debug: PrettyFormatOptions = { ...options, logLevel: 'debug' };
    const spans = [
      span({ id: 'r', name: 'root', type: AISpanType.AGENT_RUN, isRootSpan: true, metadata: null as never }),
      span({
        id: 'c',
        name: 'child',
        type: AISpanType.GENERIC,
        parentSpanId: 'r',
        metadata: 'text' as never,
      }),
    ];
    const text = formatTrace(trace(spans), debug);
    expect(text).toContain('root');
    expect(text).toContain('meta  "text"');
  });
});
