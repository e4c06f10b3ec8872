/** One chat message sent to the fake model. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
}

/** Token usage as providers report it. */
export interface FakeUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** What the fake model returns. */
export interface FakeCompletion {
  readonly text: string;
  readonly usage: FakeUsage;
  readonly finishReason: 'stop' | 'tool_calls';
}

/** What a request to the fake model says. */
export interface FakeCompletionRequest {
  readonly messages: readonly ChatMessage[];
  /** The reply the "model" gives: the demo is scripted */
  readonly reply: string;
  readonly finishReason?: FakeCompletion['finishReason'];
  /** Stream the reply: called with each delta as it "arrives" */
  readonly onChunk?: (delta: string, index: number) => void;
}

/** The model and provider the demo pretends to call. */
export const DEMO_MODEL = { model: 'gpt-4o-mini', provider: 'openai' } as const;

// Tool schemas and the hidden system prompt a real agent framework sends along.
const HIDDEN_PROMPT_TOKENS = 412;
const TIME_TO_FIRST_TOKEN_MS = 60;
const TIME_PER_CHUNK_MS = 8;
const NON_STREAMED_LATENCY_MS = 140;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Roughly four characters per token, like English text in common tokenizers. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * A deterministic stand-in for an LLM: no network, no API key, realistic
 * token usage and latency. Streams the scripted reply word by word when
 * `onChunk` is given.
 */
export async function fakeCompletion(request: FakeCompletionRequest): Promise<FakeCompletion> {
  const promptTokens =
    HIDDEN_PROMPT_TOKENS + request.messages.reduce((sum, message) => sum + countTokens(message.content), 0);
  if (request.onChunk === undefined) {
    await sleep(NON_STREAMED_LATENCY_MS);
  } else {
    await sleep(TIME_TO_FIRST_TOKEN_MS);
    const deltas = request.reply.match(/\S+\s*/g) ?? [request.reply];
    for (const [index, delta] of deltas.entries()) {
      await sleep(TIME_PER_CHUNK_MS);
      request.onChunk(delta, index);
    }
  }
  const completionTokens = countTokens(request.reply);
  return {
    text: request.reply,
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
    finishReason: request.finishReason ?? 'stop',
  };
}
