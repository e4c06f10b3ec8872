import { AISpanType } from '@aitracing/core';
import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
import OpenAI from 'openai';
import { APIPromise } from 'openai/core/api-promise';
import { type TimedCase, timeInterleaved } from '../harness';
import { type ContenderResult, medianOf, type ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import {
  countedTracing,
  format,
  type InstrumentationSubject,
  measureInstrumentation,
} from './instrumentation-overhead';

const PLAIN = 'openai 6.49 SDK, uninstrumented (context)';
const SAMPLED_IN = 'openai 6.49 SDK, instrumented, sampled in (context)';
const SAMPLED_OUT = 'openai 6.49 SDK, instrumented, sampled out (context)';
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

const COMPLETION_OBJECT: unknown = JSON.parse(COMPLETION);

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

type CreateStub = { chat: { completions: { create(body: unknown): unknown } } };

// The SDK's own `APIPromise` over a response that is already there and a
// parser that returns the canned completion: what the instrumentation
// observes (`parseResponse`, `responsePromise`, `asResponse`) is the real thing.
const parseCompletion = async (): Promise<unknown> => COMPLETION_OBJECT;
const RESPONSE_PROPS = {};
function stubCreate(): CreateStub {
  return {
    chat: {
      completions: {
        create: () =>
          new APIPromise(
            undefined as unknown as OpenAI,
            Promise.resolve(RESPONSE_PROPS) as never,
            parseCompletion as never,
          ),
      },
    },
  };
}

const SYNC_RESULT = { ok: true };
function syncStub(): CreateStub {
  return { chat: { completions: { create: () => SYNC_RESULT } } };
}

/** `instrumentOpenAI` over stubs of `chat.completions.create`. */
export function openaiSubject(): InstrumentationSubject {
  const sampledIn = countedTracing('always');
  const sampledOut = countedTracing('never');
  const plain = stubCreate().chat.completions;
  const traced = instrumentOpenAI(stubCreate(), { tracing: sampledIn.tracing }).chat.completions;
  const plainSync = syncStub().chat.completions;
  const tracedSync = instrumentOpenAI(syncStub(), { tracing: sampledOut.tracing }).chat.completions;
  const output = { role: 'assistant', content: 'Your order 1234 shipped with DHL.' };
  return {
    label: 'openai',
    method: 'chat.completions.create (SDK APIPromise)',
    plain: () => plain.create(REQUEST) as PromiseLike<unknown>,
    traced: () => traced.create(REQUEST) as PromiseLike<unknown>,
    async handWritten() {
      const span = sampledIn.tracing.startSpan({
        type: AISpanType.LLM_GENERATION,
        name: `chat ${REQUEST.model}`,
        attributes: {
          model: REQUEST.model,
          provider: 'openai',
          operation: 'chat',
          streaming: false,
          parameters: { temperature: REQUEST.temperature },
        },
        input: REQUEST.messages,
      });
      const result = await plain.create(REQUEST);
      span.end({
        attributes: {
          responseModel: 'gpt-4o-mini-2024-07-18',
          usage: { promptTokens: 41, completionTokens: 9, totalTokens: 50 },
          finishReason: 'stop',
        },
        output,
      });
      return result;
    },
    plainSync: () => plainSync.create(REQUEST),
    sampledOutSync: () => tracedSync.create(REQUEST),
    syncResult: SYNC_RESULT,
    sampledIn,
    sampledOut,
  };
}

// The real SDK on an in-process `fetch`: context for the stub rows, no target
// (its own ~65 µs per call varies by ±10 µs from round to round).
async function realSdkRows(mode: RunMode): Promise<Pick<ScenarioReport, 'results' | 'notes' | 'errors'>> {
  const plain = client();
  const sampledIn = countedTracing('always');
  const sampledOut = countedTracing('never');
  const tracedIn = instrumentOpenAI(client(), { tracing: sampledIn.tracing });
  const tracedOut = instrumentOpenAI(client(), { tracing: sampledOut.tracing });
  const sink = { calls: 0 };
  let expectedSpans = 0;
  const sdkCase = (name: string, sdk: OpenAI, counted?: typeof sampledIn): TimedCase => ({
    name,
    async run(iterations) {
      for (let index = 0; index < iterations; index++) {
        const completion = await sdk.chat.completions.create(REQUEST);
        sink.calls += completion.choices.length;
      }
      if (counted !== undefined) {
        expectedSpans += iterations;
        await counted.tracing.flush();
      }
    },
  });
  const times = await timeInterleaved(
    [sdkCase(PLAIN, plain), sdkCase(SAMPLED_IN, tracedIn, sampledIn), sdkCase(SAMPLED_OUT, tracedOut)],
    { ...mode.timing, unitsPerIteration: 1 },
  );
  const errors: string[] = [];
  if (sampledIn.ended.count !== expectedSpans) {
    errors.push(
      `real SDK sampled in: exporter received ${sampledIn.ended.count} spans, expected ${expectedSpans}`,
    );
  }
  if (sampledOut.ended.count !== 0)
    errors.push(`real SDK sampled out: ${sampledOut.ended.count} spans exported`);
  await sampledIn.tracing.shutdown();
  await sampledOut.tracing.shutdown();
  const results: ContenderResult[] = [
    { name: SAMPLED_IN, role: 'ours', summary: times.get(SAMPLED_IN) },
    { name: SAMPLED_OUT, role: 'ours', summary: times.get(SAMPLED_OUT) },
    { name: PLAIN, role: 'anchor', summary: times.get(PLAIN) },
  ];
  const plainMedian = medianOf(results, PLAIN);
  const added = (name: string): string => {
    const median = medianOf(results, name);
    return format(median === undefined || plainMedian === undefined ? undefined : median - plainMedian);
  };
  return {
    results,
    notes: [
      `real openai SDK (context, no target: its own call varies by more than the targets): sampled in ${added(SAMPLED_IN)}, sampled out ${added(SAMPLED_OUT)} over the uninstrumented call`,
    ],
    errors,
  };
}

/**
 * Scenario 8, first part: what `instrumentOpenAI` adds to a
 * `chat.completions.create` call. Measured on a stub `create` returning the
 * SDK's own `APIPromise` of a canned completion (sampled in), against the
 * snapshot floor, and on a synchronous stub (sampled out); the real SDK on an
 * in-process transport is shown as context. The other instrumentations are
 * the scenario's further parts (one process each).
 */
export async function openaiInstrumentationScenario(mode: RunMode): Promise<ScenarioReport> {
  const stubs = await measureInstrumentation(openaiSubject(), mode);
  const real = await realSdkRows(mode);
  return {
    id: '8',
    key: 'instrumentation-overhead',
    title: 'Instrumentation overhead per call, on stub SDK methods (real openai SDK as context)',
    unit: 'ns/call',
    showPerSecond: false,
    subject: '',
    results: [...stubs.results, ...real.results],
    targets: stubs.targets,
    notes: [...stubs.notes, ...real.notes],
    errors: [...stubs.errors, ...real.errors],
  };
}
