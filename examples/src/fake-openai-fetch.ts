import type OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import { countTokens } from './fake-llm';

/** The `fetch` the OpenAI SDK calls: pass it as `new OpenAI({ fetch })`. */
export type OpenAIFetch = NonNullable<ClientOptions['fetch']>;

// The model OpenAI serves for `gpt-4o-mini`: the response names the dated snapshot.
const SERVED_MODEL = 'gpt-4o-mini-2024-07-18';
const CREATED = 1_767_225_600;
const RESPONSE_LATENCY_MS = 180;
const TIME_TO_FIRST_TOKEN_MS = 120;
const TIME_PER_CHUNK_MS = 12;
// The tool schemas and message framing count as prompt tokens too.
const FRAMING_TOKENS_PER_MESSAGE = 4;
const TOOL_SCHEMA_TOKENS = 58;
const TOOL_CALL_FRAMING_TOKENS = 9;

interface ChatRequest {
  model: string;
  messages: { role: string; content?: string | null }[];
  tools?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

/** What the scripted model replies: text, or one tool call. */
interface ScriptedReply {
  readonly text?: string;
  readonly toolCall?: { readonly id: string; readonly name: string; readonly arguments: string };
}

// A delay the request's abort signal cuts short, as a real network wait would be.
const sleep = (ms: number, signal: AbortSignal | null | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function usageOf(request: ChatRequest, reply: ScriptedReply): OpenAI.CompletionUsage {
  const prompt_tokens =
    (request.tools === undefined ? 0 : TOOL_SCHEMA_TOKENS) +
    request.messages.reduce(
      (sum, message) => sum + FRAMING_TOKENS_PER_MESSAGE + countTokens(message.content ?? ''),
      0,
    );
  const { toolCall } = reply;
  const completion_tokens = toolCall
    ? TOOL_CALL_FRAMING_TOKENS + countTokens(toolCall.name) + countTokens(toolCall.arguments)
    : countTokens(reply.text ?? '');
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

// The scripted model: asked a question, it calls `get_weather` for the city
// named; once the tool's result is in the messages, it answers from it.
function scriptedReply(request: ChatRequest): ScriptedReply {
  const toolResult = request.messages.findLast((message) => message.role === 'tool')?.content;
  if (toolResult === undefined || toolResult === null) {
    const question = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
    const city = /\bin ([A-Z][\w-]*)/.exec(question)?.[1] ?? 'Paris';
    return {
      toolCall: { id: 'call_demo_weather', name: 'get_weather', arguments: JSON.stringify({ city }) },
    };
  }
  try {
    const weather = JSON.parse(toolResult) as { city: string; temperatureC: number; conditions: string };
    return {
      text: `It is ${weather.temperatureC}°C and ${weather.conditions} in ${weather.city} right now.`,
    };
  } catch {
    return { text: 'Sorry, I could not read the weather report.' };
  }
}

function completionOf(request: ChatRequest, reply: ScriptedReply): OpenAI.Chat.ChatCompletion {
  const { toolCall } = reply;
  return {
    id: 'chatcmpl-demo',
    object: 'chat.completion',
    created: CREATED,
    model: SERVED_MODEL,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          refusal: null,
          ...(toolCall && {
            tool_calls: [
              {
                id: toolCall.id,
                type: 'function' as const,
                function: { name: toolCall.name, arguments: toolCall.arguments },
              },
            ],
          }),
        },
        logprobs: null,
        finish_reason: toolCall ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(request, reply),
    system_fingerprint: 'fp_demo',
  };
}

// The chunks of a streamed reply: the role, then the text word by word (or the
// tool call, its arguments in two pieces), the finish reason, and the usage
// chunk only when the request asked for it.
function chunksOf(request: ChatRequest, reply: ScriptedReply): OpenAI.Chat.ChatCompletionChunk[] {
  const chunk = (
    choices: OpenAI.Chat.ChatCompletionChunk.Choice[],
    usage?: OpenAI.CompletionUsage,
  ): OpenAI.Chat.ChatCompletionChunk => ({
    id: 'chatcmpl-demo',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: SERVED_MODEL,
    system_fingerprint: 'fp_demo',
    choices,
    ...(usage && { usage }),
  });
  const delta = (
    value: OpenAI.Chat.ChatCompletionChunk.Choice.Delta,
    finishReason: OpenAI.Chat.ChatCompletionChunk.Choice['finish_reason'] = null,
  ) => chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);

  const chunks = [delta({ role: 'assistant', content: '', refusal: null })];
  const { text, toolCall } = reply;
  if (toolCall) {
    const middle = Math.floor(toolCall.arguments.length / 2);
    chunks.push(
      delta({
        tool_calls: [
          { index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: '' } },
        ],
      }),
      delta({ tool_calls: [{ index: 0, function: { arguments: toolCall.arguments.slice(0, middle) } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: toolCall.arguments.slice(middle) } }] }),
      delta({}, 'tool_calls'),
    );
  } else {
    for (const word of text?.match(/\S+\s*/g) ?? []) chunks.push(delta({ content: word }));
    chunks.push(delta({}, 'stop'));
  }
  if (request.stream_options?.include_usage === true) {
    chunks.push(chunk([], usageOf(request, reply)));
  }
  return chunks;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_demo' },
  });
}

// Server-sent events as OpenAI sends them: `data: {json}` per chunk, then `data: [DONE]`.
function sseResponse(chunks: readonly unknown[], signal: AbortSignal | null | undefined): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await sleep(next === 0 ? TIME_TO_FIRST_TOKEN_MS : TIME_PER_CHUNK_MS, signal);
      if (next < chunks.length) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunks[next])}\n\n`));
        next++;
        return;
      }
      controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_demo' },
  });
}

/**
 * An in-process stand-in for the OpenAI API, handed to the real SDK as its
 * `fetch`: no network, no API key. It answers `POST /chat/completions` like
 * the real service, as JSON or, with `stream: true`, as server-sent events
 * (the usage chunk only when `stream_options.include_usage` is set), with
 * realistic latency and token counts. The model is scripted: it calls the
 * `get_weather` tool for the city in the question, then answers from the
 * tool's result. Anything else gets OpenAI's 404
 * error body.
 */
export const fakeOpenAIFetch: OpenAIFetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.endsWith('/chat/completions') || init?.method !== 'POST') {
    return jsonResponse(404, {
      error: {
        message: `Unknown request URL: ${url}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  }
  const request = JSON.parse(String(init.body)) as ChatRequest;
  const reply = scriptedReply(request);
  if (request.stream === true) return sseResponse(chunksOf(request, reply), init.signal);
  await sleep(RESPONSE_LATENCY_MS, init.signal);
  return jsonResponse(200, completionOf(request, reply));
};
