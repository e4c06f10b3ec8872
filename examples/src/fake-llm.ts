/** A deterministic stand-in for an LLM: no network, no API key, realistic usage. */
export interface FakeCompletion {
  readonly text: string;
  readonly usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  readonly finishReason: 'stop' | 'tool_calls';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Roughly four characters per token, like English text in common tokenizers. */
function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** "Generate" a reply after a short, fixed latency. */
export async function fakeCompletion(
  prompt: string,
  reply: string,
  toolCall = false,
): Promise<FakeCompletion> {
  await sleep(15);
  const promptTokens = countTokens(prompt) + 180; // system prompt and tool schemas
  const completionTokens = countTokens(reply);
  return {
    text: reply,
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
    finishReason: toolCall ? 'tool_calls' : 'stop',
  };
}
