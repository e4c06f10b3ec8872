import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback Anthropic Messages API speaking the real wire format: JSON
// messages, SSE streams (message_start … message_stop, pings, error events)
// and error bodies with their status codes. The scenario is the text of the
// request's first user message, so one server serves every test.

export const SERVED_MODEL = 'claude-sonnet-4-5-20250929';

type SseEvent = { event: string; data: unknown };

interface Block {
  start: Record<string, unknown>;
  deltas: Array<Record<string, unknown>>;
}

export interface Scenario {
  blocks: Block[];
  stopReason: string;
  usage: Record<string, number>;
  /** For streams: hold the response after message_start until `release()` */
  gate?: boolean;
  /** For streams: after the first content delta, keep the connection open until the client leaves */
  hang?: boolean;
  /** For streams: end with an error event instead of message_stop */
  streamError?: { type: string; message: string };
  /** Answer with this HTTP error instead */
  httpError?: { status: number; type: string; message: string };
}

const text = (index: number, pieces: string[]): Block => ({
  start: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  deltas: pieces.map((piece) => ({
    type: 'content_block_delta',
    index,
    delta: { type: 'text_delta', text: piece },
  })),
});

const tool = (index: number, id: string, name: string, pieces: string[]): Block => ({
  start: { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
  deltas: pieces.map((piece) => ({
    type: 'content_block_delta',
    index,
    delta: { type: 'input_json_delta', partial_json: piece },
  })),
});

const thinking = (index: number, pieces: string[]): Block => ({
  start: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } },
  deltas: [
    ...pieces.map((piece) => ({
      type: 'content_block_delta',
      index,
      delta: { type: 'thinking_delta', thinking: piece },
    })),
    { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'c2lnbmF0dXJl' } },
  ],
});

const USAGE = {
  input_tokens: 12,
  cache_creation_input_tokens: 30,
  cache_read_input_tokens: 100,
  output_tokens: 7,
};

export const SCENARIOS: Record<string, Scenario> = {
  hello: { blocks: [text(0, ['Hello', ' there', '!'])], stopReason: 'end_turn', usage: USAGE },
  gated: { blocks: [text(0, ['Hi'])], stopReason: 'end_turn', usage: USAGE, gate: true },
  weather: {
    blocks: [text(0, ['Let me check.']), tool(1, 'toolu_01', 'get_weather', ['{"city": ', '"Par', 'is"}'])],
    stopReason: 'tool_use',
    usage: USAGE,
  },
  think: {
    blocks: [thinking(0, ['Two ', 'plus two.']), text(1, ['4'])],
    stopReason: 'max_tokens',
    usage: { input_tokens: 5, output_tokens: 9 },
  },
  hang: { blocks: [text(0, ['partial', ' never sent'])], stopReason: 'end_turn', usage: USAGE, hang: true },
  overloaded: {
    blocks: [text(0, ['Half'])],
    stopReason: 'end_turn',
    usage: USAGE,
    streamError: { type: 'overloaded_error', message: 'Overloaded' },
  },
  invalid: {
    blocks: [],
    stopReason: 'end_turn',
    usage: USAGE,
    httpError: { status: 400, type: 'invalid_request_error', message: 'max_tokens: field required' },
  },
};

function scenarioOf(body: { messages?: Array<{ content?: unknown }> }): Scenario {
  const content = body.messages?.[0]?.content;
  const key = typeof content === 'string' ? content : '';
  return SCENARIOS[key] ?? (SCENARIOS.hello as Scenario);
}

function messageOf(scenario: Scenario, id: string): Record<string, unknown> {
  const content = scenario.blocks.map((block) => {
    const start = block.start.content_block as Record<string, unknown>;
    if (start.type === 'text') {
      return { type: 'text', text: block.deltas.map((d) => (d.delta as { text: string }).text).join('') };
    }
    if (start.type === 'thinking') {
      return {
        type: 'thinking',
        thinking: block.deltas.map((d) => (d.delta as { thinking?: string }).thinking ?? '').join(''),
        signature: 'c2lnbmF0dXJl',
      };
    }
    const json = block.deltas.map((d) => (d.delta as { partial_json: string }).partial_json).join('');
    return { type: 'tool_use', id: start.id, name: start.name, input: JSON.parse(json) };
  });
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: SERVED_MODEL,
    content,
    stop_reason: scenario.stopReason,
    stop_sequence: null,
    usage: scenario.usage,
  };
}

function streamEvents(scenario: Scenario, id: string): { head: SseEvent[]; body: SseEvent[] } {
  const startUsage: Record<string, number> = { ...scenario.usage, output_tokens: 1 };
  const head: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model: SERVED_MODEL,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: startUsage,
        },
      },
    },
  ];
  const body: SseEvent[] = [{ event: 'ping', data: { type: 'ping' } }];
  for (const block of scenario.blocks) {
    body.push({ event: 'content_block_start', data: block.start });
    for (const delta of block.deltas) body.push({ event: 'content_block_delta', data: delta });
    body.push({
      event: 'content_block_stop',
      data: { type: 'content_block_stop', index: block.start.index },
    });
  }
  if (scenario.streamError !== undefined) {
    body.push({ event: 'error', data: { type: 'error', error: scenario.streamError } });
    return { head, body };
  }
  body.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: scenario.stopReason, stop_sequence: null },
      usage: { output_tokens: scenario.usage.output_tokens },
    },
  });
  body.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return { head, body };
}

const sse = (event: SseEvent): string => `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;

/** A running fake: its base URL, the request bodies it received, and the gate of `gated` streams. */
export interface FakeAnthropicServer {
  url: string;
  requests: Array<Record<string, unknown>>;
  /** Let a `gated` stream continue past message_start */
  release(): void;
  close(): Promise<void>;
}

/** Start the fake on 127.0.0.1, a random port. */
export async function startFakeAnthropicServer(): Promise<FakeAnthropicServer> {
  let counter = 0;
  const requests: Array<Record<string, unknown>> = [];
  let pendingGate: (() => void) | undefined;
  const handle = (request: IncomingMessage, response: ServerResponse, raw: string): void => {
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(raw) as Record<string, unknown> | null;
    } catch {
      body = null;
    }
    counter += 1;
    const id = `msg_fake_${counter}`;
    if (body === null || typeof body !== 'object' || !Array.isArray(body.messages)) {
      response.writeHead(400, { 'request-id': `req_fake_${counter}`, 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: 'messages: Field required' },
        }),
      );
      return;
    }
    requests.push(body);
    const scenario = scenarioOf(body as { messages?: Array<{ content?: unknown }> });
    const headers = { 'request-id': `req_fake_${counter}` };
    if (scenario.httpError !== undefined) {
      const { status, type, message } = scenario.httpError;
      response.writeHead(status, { ...headers, 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'error', error: { type, message } }));
      return;
    }
    if (body.stream !== true) {
      response.writeHead(200, { ...headers, 'content-type': 'application/json' });
      response.end(JSON.stringify(messageOf(scenario, id)));
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const { head, body: rest } = streamEvents(scenario, id);
    // A ping after each pause: SDKs before 0.50 hand over an event only once the next bytes arrive.
    const PING = sse({ event: 'ping', data: { type: 'ping' } });
    for (const event of head) response.write(sse(event));
    if (scenario.gate === true) response.write(PING);
    const sendRest = (): void => {
      if (scenario.hang === true) {
        // Up to the first content delta, then silence until the client goes away.
        const firstDelta = rest.findIndex((event) => event.event === 'content_block_delta');
        for (const event of rest.slice(0, firstDelta + 1)) response.write(sse(event));
        response.write(PING);
        request.socket.once('close', () => response.destroy());
        return;
      }
      for (const event of rest) response.write(sse(event));
      response.end();
    };
    if (scenario.gate === true) pendingGate = sendRest;
    else sendRest();
  };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (piece: string) => {
      raw += piece;
    });
    request.on('end', () => handle(request, response, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    release() {
      const next = pendingGate;
      pendingGate = undefined;
      next?.();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
