import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake OpenAI server. */
export type FakeReply = { kind: 'json'; status?: number; body: unknown } | { kind: 'sse'; chunks: unknown[] };

const CREATED = 1_767_225_600;

/**
 * A loopback server speaking OpenAI's wire format (chat completions JSON and
 * SSE with a final usage chunk, embeddings, error bodies). Replies are
 * scripted per test, in request order; every request body is kept.
 */
export class FakeOpenAIServer {
  readonly requests: Array<{ path: string; body: Record<string, unknown> }> = [];
  #replies: FakeReply[] = [];
  #server: Server | undefined;

  async start(): Promise<string> {
    this.#server = createServer((request, response) => {
      // No Date header: two runs compared field by field must not differ by the clock.
      response.sendDate = false;
      void this.#handle(request, response);
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Script the next replies, served in order. */
  reply(...replies: FakeReply[]): void {
    this.#replies.push(...replies);
  }

  reset(): void {
    this.#replies = [];
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    this.requests.push({ path: request.url ?? '', body: raw === '' ? {} : JSON.parse(raw) });
    const reply = this.#replies.shift() ?? {
      kind: 'json',
      status: 500,
      body: { error: { message: 'no scripted reply', type: 'server_error' } },
    };
    if (reply.kind === 'json') {
      response.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        'x-request-id': 'req_1',
      });
      response.end(JSON.stringify(reply.body));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const chunk of reply.chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    response.end('data: [DONE]\n\n');
  }
}

const USAGE = {
  prompt_tokens: 120,
  completion_tokens: 30,
  total_tokens: 150,
  prompt_tokens_details: { cached_tokens: 100 },
  completion_tokens_details: { reasoning_tokens: 12 },
};

/** A chat completion with text, or with tool calls. */
export function chatCompletion(
  options: {
    text?: string;
    toolCalls?: Array<{ id: string; name: string; arguments: string }>;
    model?: string;
  } = {},
): FakeReply {
  const toolCalls = options.toolCalls?.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    kind: 'json',
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: CREATED,
      model: options.model ?? 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: options.text ?? null, tool_calls: toolCalls },
          finish_reason: toolCalls === undefined ? 'stop' : 'tool_calls',
        },
      ],
      usage: USAGE,
    },
  };
}

/** A streamed chat completion: text pieces (or one tool call), a finish chunk and a usage chunk. */
export function chatStream(
  options: { pieces?: string[]; toolCall?: { id: string; name: string; arguments: string } } = {},
): FakeReply {
  const base = {
    id: 'chatcmpl-2',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'gpt-4o-mini-2024-07-18',
  };
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }];
  for (const piece of options.pieces ?? []) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  const call = options.toolCall;
  if (call !== undefined) {
    const half = Math.floor(call.arguments.length / 2);
    chunks.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: call.arguments.slice(0, half) },
              },
            ],
          },
        },
      ],
    });
    chunks.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(half) } }] },
        },
      ],
    });
  }
  chunks.push({
    ...base,
    choices: [{ index: 0, delta: {}, finish_reason: call === undefined ? 'stop' : 'tool_calls' }],
  });
  chunks.push({ ...base, choices: [], usage: USAGE });
  return { kind: 'sse', chunks };
}

/** An embeddings response with one vector per input. */
export function embeddings(count: number, dimensions: number): FakeReply {
  return {
    kind: 'json',
    body: {
      object: 'list',
      data: Array.from({ length: count }, (_, index) => ({
        object: 'embedding',
        index,
        embedding: Array.from({ length: dimensions }, (__, d) => (index + 1) * 0.01 * (d + 1)),
      })),
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 8, total_tokens: 8 },
    },
  };
}

/** An OpenAI error body with its status. */
export function apiError(status: number, message: string): FakeReply {
  return {
    kind: 'json',
    status,
    body: { error: { message, type: 'invalid_request_error', code: 'bad_thing' } },
  };
}
