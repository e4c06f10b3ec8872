import { AITracingEventType, DefaultAITracing } from '@aitracing/core';
import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { type TimedCase, timeInterleaved } from '../harness';
import { type ContenderResult, checkTarget, medianOf, type ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';

const PLAIN = 'openai SDK, uninstrumented';
const SAMPLED_IN = 'instrumented, sampled in';
const SAMPLED_OUT = 'instrumented, sampled out';
const STUB_PLAIN = 'wrapper floor: stub create, uninstrumented';
const STUB_SAMPLED_OUT = 'wrapper only: stub create, sampled out';

const REQUEST = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system' as const, content: 'You are a support agent for an online shop.' },
    { role: 'user' as const, content: 'Where is my order 1234?' },
  ],
  temperature: 0.2,
};

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_760_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Your order 1234 shipped with DHL.', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 41,
    completion_tokens: 9,
    total_tokens: 50,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  },
});

// The SDK's `fetch` option: an in-process transport answering every request
// with a canned completion, so only the SDK and our instrumentation run.
const fakeFetch = async (): Promise<Response> =>
  new Response(COMPLETION, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_b' },
  });

function client(): OpenAI {
  return new OpenAI({
    apiKey: 'sk-bench',
    baseURL: 'http://bench.invalid/v1',
    fetch: fakeFetch,
    maxRetries: 0,
  });
}

function counted(sampling: 'always' | 'never'): { tracing: DefaultAITracing; ended: { count: number } } {
  const ended = { count: 0 };
  const tracing = new DefaultAITracing({
    serviceName: 'bench',
    sampling: { type: sampling },
    exporters: [
      {
        name: 'count',
        async exportEvent(event) {
          if (event.type === AITracingEventType.SPAN_ENDED) ended.count++;
        },
        async shutdown() {},
      },
    ],
  });
  return { tracing, ended };
}

/**
 * Scenario 7: what `instrumentOpenAI` adds to a `chat.completions.create`
 * call. The real SDK against an in-process transport (its `fetch` option
 * returning a canned `Response`), plain, instrumented and sampled in (span,
 * snapshot of the messages and the output, delivery to an exporter), and
 * instrumented but sampled out. Because the SDK's own work (~tens of µs)
 * makes a 100 ns difference invisible, the sampled-out path is also timed
 * alone: the same wrapper over a stub `create` that returns at once.
 */
export async function openaiInstrumentationScenario(mode: RunMode): Promise<ScenarioReport> {
  const plain = client();
  const sampledIn = counted('always');
  const sampledOut = counted('never');
  const tracedIn = instrumentOpenAI(client(), { tracing: sampledIn.tracing });
  const tracedOut = instrumentOpenAI(client(), { tracing: sampledOut.tracing });
  const stubResult = { ok: true };
  const stub = () => ({ chat: { completions: { create: (_body: unknown) => stubResult } } });
  const stubPlain = stub();
  const stubTraced = instrumentOpenAI(stub(), { tracing: sampledOut.tracing });
  const sink = { calls: 0 };
  const errors: string[] = [];

  let expectedSpans = 0;
  const sdkCase = (name: string, sdk: OpenAI, flush?: () => Promise<void>): TimedCase => ({
    name,
    async run(iterations) {
      if (flush !== undefined) expectedSpans += iterations;
      for (let index = 0; index < iterations; index++) {
        const completion = await sdk.chat.completions.create(REQUEST);
        sink.calls += completion.choices.length;
      }
      if (flush !== undefined) await flush();
    },
  });
  const stubCase = (name: string, target: ReturnType<typeof stub>): TimedCase => ({
    name,
    run(iterations) {
      const completions = target.chat.completions;
      for (let index = 0; index < iterations; index++)
        if (completions.create(REQUEST) === stubResult) sink.calls++;
    },
  });

  const cases: TimedCase[] = [
    sdkCase(PLAIN, plain),
    sdkCase(SAMPLED_IN, tracedIn, () => sampledIn.tracing.flush()),
    sdkCase(SAMPLED_OUT, tracedOut),
  ];
  const sdkTimes = await timeInterleaved(cases, { ...mode.timing, unitsPerIteration: 1 });
  const stubTimes = await timeInterleaved(
    [stubCase(STUB_PLAIN, stubPlain), stubCase(STUB_SAMPLED_OUT, stubTraced)],
    { ...mode.timing, unitsPerIteration: 1 },
  );
  if (sampledIn.ended.count !== expectedSpans) {
    errors.push(`sampled in: exporter received ${sampledIn.ended.count} spans, expected ${expectedSpans}`);
  }
  if (sampledOut.ended.count !== 0) errors.push(`sampled out: ${sampledOut.ended.count} spans were exported`);
  await sampledIn.tracing.shutdown();
  await sampledOut.tracing.shutdown();

  const row = (name: string, role: 'ours' | 'anchor', times: typeof sdkTimes): ContenderResult => ({
    name,
    role,
    summary: times.get(name)!,
  });
  const results = [
    row(SAMPLED_IN, 'ours', sdkTimes),
    row(SAMPLED_OUT, 'ours', sdkTimes),
    row(PLAIN, 'anchor', sdkTimes),
    row(STUB_SAMPLED_OUT, 'ours', stubTimes),
    row(STUB_PLAIN, 'anchor', stubTimes),
  ];
  const plainMedian = medianOf(results, PLAIN);
  const overhead = (name: string, base: number | undefined): number | undefined => {
    const median = medianOf(results, name);
    return median === undefined || base === undefined ? undefined : median - base;
  };
  const sampledInOverhead = overhead(SAMPLED_IN, plainMedian);
  const sampledOutOverhead = overhead(SAMPLED_OUT, plainMedian);
  const wrapperOverhead = overhead(STUB_SAMPLED_OUT, medianOf(results, STUB_PLAIN));
  return {
    id: '8',
    key: 'openai-instrumentation',
    title: 'instrumentOpenAI: chat.completions.create on an in-process transport',
    unit: 'ns/call',
    showPerSecond: false,
    subject: SAMPLED_IN,
    results,
    targets: [
      checkTarget(
        'sampled in: ns added per call, snapshot of input/output included',
        sampledInOverhead,
        '<=',
        2_000,
      ),
      checkTarget('sampled out: ns added per call (wrapper alone, stub create)', wrapperOverhead, '<=', 100),
    ],
    notes: [
      `ns added per call over the uninstrumented SDK: sampled in ${format(sampledInOverhead)}, sampled out ${format(sampledOutOverhead)} (within the SDK's own noise); wrapper alone, sampled out ${format(wrapperOverhead)}`,
    ],
    errors,
  };
}

function format(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${Math.round(value)} ns`;
}
