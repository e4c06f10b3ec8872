import { AISpanType } from '@aitracing/core';
import { instrumentAnthropic } from '@aitracing/instrumentation-anthropic';
import type Anthropic from '@anthropic-ai/sdk';
import { APIPromise } from '@anthropic-ai/sdk/core/api-promise';
import type { ScenarioReport } from '../report/scenario-report';
import type { RunMode } from '../run-mode';
import {
  countedTracing,
  type InstrumentationSubject,
  measureInstrumentation,
} from './instrumentation-overhead';

const REQUEST = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  system: 'You are a support agent for an online shop.',
  messages: [{ role: 'user' as const, content: 'Where is my order 1234?' }],
  temperature: 0.2,
};

const MESSAGE = {
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Your order 1234 shipped with DHL.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 41, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
};

type MessagesStub = { messages: { create(params: unknown): unknown } };

// The SDK's own `APIPromise` (its `parse`/`asResponse` are what the
// instrumentation hooks) over a response that is already there.
const parseMessage = async (): Promise<unknown> => MESSAGE;
const RESPONSE_PROPS = { options: {} };
function stubCreate(): MessagesStub {
  return {
    messages: {
      create: () =>
        new APIPromise(
          undefined as unknown as Anthropic,
          Promise.resolve(RESPONSE_PROPS) as never,
          parseMessage as never,
        ),
    },
  };
}

const SYNC_RESULT = { ok: true };
function syncStub(): MessagesStub {
  return { messages: { create: () => SYNC_RESULT } };
}

function anthropicSubject(): InstrumentationSubject {
  const sampledIn = countedTracing('always');
  const sampledOut = countedTracing('never');
  const plain = stubCreate().messages;
  const traced = instrumentAnthropic(stubCreate(), { tracing: sampledIn.tracing }).messages;
  const plainSync = syncStub().messages;
  const tracedSync = instrumentAnthropic(syncStub(), { tracing: sampledOut.tracing }).messages;
  return {
    label: 'anthropic',
    method: 'messages.create (SDK APIPromise)',
    plain: () => plain.create(REQUEST) as PromiseLike<unknown>,
    traced: () => traced.create(REQUEST) as PromiseLike<unknown>,
    async handWritten() {
      const span = sampledIn.tracing.startSpan({
        type: AISpanType.LLM_GENERATION,
        name: `chat ${REQUEST.model}`,
        attributes: {
          provider: 'anthropic',
          operation: 'chat',
          model: REQUEST.model,
          streaming: false,
          parameters: { maxOutputTokens: REQUEST.max_tokens, temperature: REQUEST.temperature },
        },
        input: { system: REQUEST.system, messages: REQUEST.messages },
      });
      const result = await plain.create(REQUEST);
      span.end({
        attributes: {
          responseModel: MESSAGE.model,
          usage: {
            promptTokens: 41,
            completionTokens: 9,
            totalTokens: 50,
            promptCacheHitTokens: 0,
            promptCacheWriteTokens: 0,
          },
          finishReason: 'end_turn',
        },
        output: { role: 'assistant', content: 'Your order 1234 shipped with DHL.' },
        metadata: { responseId: MESSAGE.id },
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

/** Scenario 8, part: `instrumentAnthropic` over stubs of `messages.create`. */
export async function anthropicInstrumentationScenario(mode: RunMode): Promise<ScenarioReport> {
  const part = await measureInstrumentation(anthropicSubject(), mode);
  return {
    id: '8',
    key: 'instrumentation-overhead',
    title: 'instrumentAnthropic on a stub messages.create',
    unit: 'ns/call',
    showPerSecond: false,
    subject: '',
    ...part,
  };
}
