/**
 * A realistic ~10 KB LLM request (input) and response (output): nested chat
 * messages with content parts, tool definitions with JSON schemas, tool
 * calls with argument objects, numbers, booleans, and a few secrets the
 * sensitive-data filter must redact. About half the bytes are prose, half
 * structure, as in real agent traffic.
 */
export interface LargePayload {
  readonly input: Record<string, unknown>;
  readonly output: Record<string, unknown>;
}

const SENTENCE =
  'The customer asked about the delivery status of a recent order and wants to know when it arrives. ';

function prose(sentences: number, seed: number): string {
  return `${seed}: ${SENTENCE.repeat(sentences)}`.trim();
}

function toolDefinition(index: number): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name: `lookup_${index}`,
      description: prose(1, index),
      parameters: {
        type: 'object',
        properties: {
          orderId: { type: 'string', description: 'The order number, e.g. #1234' },
          includeHistory: { type: 'boolean', default: false },
          limit: { type: 'integer', minimum: 1, maximum: 50 },
        },
        required: ['orderId'],
      },
    },
  };
}

function message(index: number): Record<string, unknown> {
  if (index % 3 === 0) {
    return { role: 'user', content: [{ type: 'text', text: prose(2, index) }] };
  }
  if (index % 3 === 1) {
    return {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: `call_${index}`,
          type: 'function',
          function: {
            name: `lookup_${index % 4}`,
            arguments: { orderId: `#${1000 + index}`, includeHistory: true, limit: 5 },
          },
        },
      ],
    };
  }
  return {
    role: 'tool',
    tool_call_id: `call_${index - 1}`,
    content: {
      status: 'shipped',
      carrier: 'DHL',
      events: [
        { at: '2026-11-20T10:00:00Z', location: 'Berlin', note: prose(1, index) },
        { at: '2026-11-21T08:30:00Z', location: 'Hamburg', delayed: false },
      ],
    },
  };
}

/** Builds the input and output objects (fresh objects on every call). */
export function createLargePayload(): LargePayload {
  const input = {
    model: 'gpt-4o-mini',
    temperature: 0.2,
    max_tokens: 1024,
    stream: false,
    messages: [
      { role: 'system', content: prose(4, 0) },
      ...Array.from({ length: 31 }, (_, index) => message(index + 1)),
    ],
    tools: Array.from({ length: 4 }, (_, index) => toolDefinition(index)),
    metadata: { userId: 'user-42', sessionId: 'session-7', apiKey: 'sk-live-abcdefghijklmnop' },
  };
  const output = {
    id: 'chatcmpl-123',
    object: 'chat.completion',
    created: 1_763_900_000,
    service_tier: 'default',
    note: prose(4, 99),
    model: 'gpt-4o-mini-2024-07-18',
    choices: Array.from({ length: 8 }, (_, index) => ({
      index,
      finish_reason: 'stop',
      message: {
        role: 'assistant',
        content: prose(6, index),
        tool_calls: Array.from({ length: 4 }, (__, call) => ({
          id: `call_out_${index}_${call}`,
          type: 'function',
          function: { name: `lookup_${call}`, arguments: { orderId: `#${2000 + call}`, limit: call + 1 } },
        })),
      },
      logprobs: null,
    })),
    usage: { prompt_tokens: 2_812, completion_tokens: 464, total_tokens: 3_276 },
    request: { headers: { authorization: 'Bearer abc.def.ghi', 'x-request-id': 'req-1' } },
    system_fingerprint: 'fp_44709d6fcb',
  };
  return { input, output };
}
