import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback server speaking OpenAI's wire format: JSON bodies, SSE streams
// (`data: {...}\n\n` … `data: [DONE]`), Responses API named events, and error
// bodies with their status codes. The request's `model` picks the behaviour:
//   `error-400` / `error-429`  an error body with that status
//   `tools`                    the answer is two tool calls (streamed in pieces)
//   `gated`                    a stream pauses after its first (content-less) chunk until `release()`
//   `endless`                  a stream that keeps sending until the client goes away
// The served model is `<model>-2024-08-06`, so `responseModel` differs.

/** One request the server received. */
export interface ReceivedRequest {
  path: string;
  body: Record<string, unknown>;
}

/** The running fake server. */
export interface FakeOpenAIServer {
  readonly baseURL: string;
  readonly requests: ReceivedRequest[];
  /** Lets a `gated` stream go on. */
  release(): void;
  close(): Promise<void>;
}

const CREATED = 1_760_000_000;

function served(model: unknown): string {
  return `${String(model)}-2024-08-06`;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': 'req_fake_123',
  });
  response.end(text);
}

function errorFor(model: unknown): { status: number; body: unknown } | undefined {
  if (model === 'error-400') {
    return {
      status: 400,
      body: {
        error: {
          message: 'Invalid value for messages.',
          type: 'invalid_request_error',
          param: 'messages',
          code: 'invalid_value',
        },
      },
    };
  }
  if (model === 'error-429') {
    return {
      status: 429,
      body: {
        error: { message: 'Rate limit reached.', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      },
    };
  }
  return undefined;
}

const CHAT_USAGE = {
  prompt_tokens: 120,
  completion_tokens: 30,
  total_tokens: 150,
  prompt_tokens_details: { cached_tokens: 100, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 12, audio_tokens: 0 },
};

const TOOL_CALLS = [
  { id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { id: 'call_time', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
];

function chatCompletion(body: Record<string, unknown>): unknown {
  const tools = body.model === 'tools';
  const content = body.response_format === undefined ? 'Hello there!' : '{"city":"Paris","sunny":true}';
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: CREATED,
    model: served(body.model),
    choices: [
      {
        index: 0,
        message: tools
          ? {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: TOOL_CALLS.map((call) => ({
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: tools ? 'tool_calls' : 'stop',
      },
    ],
    usage: CHAT_USAGE,
    system_fingerprint: 'fp_fake',
  };
}

function chatChunks(body: Record<string, unknown>): unknown[] {
  const base = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: served(body.model),
  };
  const chunk = (delta: unknown, finishReason: string | null = null): unknown => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  if (body.model === 'tools') {
    TOOL_CALLS.forEach((call, index) => {
      chunks.push(
        chunk({
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      );
      const middle = Math.floor(call.arguments.length / 2);
      chunks.push(
        chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(0, middle) } }] }),
      );
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(middle) } }] }));
    });
    chunks.push(chunk({}, 'tool_calls'));
  } else {
    const content =
      body.response_format === undefined ? ['Hel', 'lo ', 'there!'] : ['{"city":"Paris",', '"sunny":true}'];
    for (const piece of content) chunks.push(chunk({ content: piece }));
    chunks.push(chunk({}, 'stop'));
  }
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage === true) chunks.push({ ...base, choices: [], usage: CHAT_USAGE });
  return chunks;
}

const RESPONSE_USAGE = {
  input_tokens: 200,
  input_tokens_details: { cached_tokens: 150 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 16 },
  total_tokens: 240,
};

function responseObject(
  body: Record<string, unknown>,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const done = status === 'completed';
  const output =
    body.model === 'tools'
      ? [
          {
            type: 'function_call',
            id: 'fc_1',
            call_id: 'call_weather',
            name: 'get_weather',
            arguments: '{"city":"Paris"}',
            status: 'completed',
          },
        ]
      : [
          {
            type: 'message',
            id: 'msg_1',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Bonjour!', annotations: [] }],
          },
        ];
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: CREATED,
    status,
    model: served(body.model),
    output: done ? output : [],
    instructions: body.instructions ?? null,
    incomplete_details: null,
    error: null,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    temperature: 1,
    top_p: 1,
    text: { format: { type: 'text' } },
    usage: done ? RESPONSE_USAGE : null,
    metadata: {},
  };
}

function responseEvents(body: Record<string, unknown>): { event: string; data: unknown }[] {
  const events: { event: string; data: unknown }[] = [];
  let sequence = 0;
  const push = (data: Record<string, unknown>): void => {
    events.push({ event: String(data.type), data: { ...data, sequence_number: sequence++ } });
  };
  push({ type: 'response.created', response: responseObject(body, 'in_progress') });
  if (body.model === 'tools') {
    push({
      type: 'response.output_item.added',
      output_index: 0,
      item: {
        type: 'function_call',
        id: 'fc_1',
        call_id: 'call_weather',
        name: 'get_weather',
        arguments: '',
      },
    });
    push({
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_1',
      output_index: 0,
      delta: '{"city":',
    });
    push({
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_1',
      output_index: 0,
      delta: '"Paris"}',
    });
  } else {
    push({
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] },
    });
    const part = { item_id: 'msg_1', output_index: 0, content_index: 0 };
    push({
      type: 'response.content_part.added',
      ...part,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    for (const delta of ['Bon', 'jour!']) push({ type: 'response.output_text.delta', ...part, delta });
    push({ type: 'response.output_text.done', ...part, text: 'Bonjour!' });
    push({
      type: 'response.content_part.done',
      ...part,
      part: { type: 'output_text', text: 'Bonjour!', annotations: [] },
    });
  }
  push({ type: 'response.completed', response: responseObject(body, 'completed') });
  return events;
}

function embeddingsResult(body: Record<string, unknown>): unknown {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const vector = [0.25, -0.5, 0.75, 1];
  const encoded = Buffer.from(new Float32Array(vector).buffer).toString('base64');
  return {
    object: 'list',
    data: inputs.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? encoded : vector,
    })),
    model: served(body.model),
    usage: { prompt_tokens: 8, total_tokens: 8 },
  };
}

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>);
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

/** Start the fake server on 127.0.0.1 and a free port. */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const requests: ReceivedRequest[] = [];
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  const newGate = (): { promise: Promise<void>; open: () => void } => {
    let open = (): void => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { promise, open };
  };

  async function sse(
    response: ServerResponse,
    body: Record<string, unknown>,
    events: { event?: string; data: unknown }[],
  ): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_fake_123' });
    let index = 0;
    for (const { event, data } of events) {
      if (response.destroyed) return;
      response.write(`${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`);
      if (index++ === 0 && body.model === 'gated') {
        gate ??= newGate();
        await gate.promise;
        gate = undefined;
      }
    }
    if (body.model === 'endless') {
      // Keep the stream open until the client aborts or goes away.
      await new Promise<void>((resolve) => response.on('close', () => resolve()));
      return;
    }
    if (events[0]?.event === undefined) response.write('data: [DONE]\n\n');
    response.end();
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').replace(/^\/v1/, '');
      requests.push({ path, body });
      const error = errorFor(body.model);
      if (error !== undefined) return sendJson(response, error.status, error.body);
      if (path === '/chat/completions') {
        if (body.stream === true)
          return sse(
            response,
            body,
            chatChunks(body).map((data) => ({ data })),
          );
        return sendJson(response, 200, chatCompletion(body));
      }
      if (path === '/responses') {
        if (body.stream === true) return sse(response, body, responseEvents(body));
        return sendJson(response, 200, responseObject(body, 'completed'));
      }
      if (path === '/embeddings') return sendJson(response, 200, embeddingsResult(body));
      return sendJson(response, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
    })().catch(() => {
      response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    release() {
      gate ??= newGate();
      gate.open();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
