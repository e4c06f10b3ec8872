import {
  AISpanType,
  type AITracing,
  DefaultAITracing,
  type ExportedAISpan,
  type StreamChunksMode,
} from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INFERENCE_DETAILS_EVENT, mapGenAi } from './genai-attributes';
import { type GenAiConventions, resolveGenAiConventions } from './genai-conventions';
import { OtlpSpanKind } from './otlp-span';

const LATEST: GenAiConventions = { messages: 'attributes', deprecatedSystemAttribute: false };

/** Run `record` on a real tracing instance and return what core exported, by span name. */
async function exported(
  record: (tracing: AITracing) => void,
  streamChunks: StreamChunksMode = 'fold',
): Promise<Map<string, ExportedAISpan>> {
  const memory = new InMemoryExporter();
  const tracing = new DefaultAITracing({ serviceName: 'genai', exporters: [memory], streamChunks });
  record(tracing);
  await tracing.shutdown();
  return new Map(memory.getFinishedSpans().map((span) => [span.name, span]));
}

async function one(record: (tracing: AITracing) => void): Promise<ExportedAISpan> {
  const [span] = (await exported(record)).values();
  if (span === undefined) throw new Error('no span exported');
  return span;
}

function json(value: unknown): unknown {
  return JSON.parse(String(value));
}

describe('mapGenAi: generations', () => {
  it('names a chat call after operation and model, as a CLIENT span with request, response and usage', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'llm',
          attributes: {
            model: 'claude-sonnet-4',
            responseModel: 'claude-sonnet-4-20250514',
            provider: 'anthropic',
            streaming: true,
            parameters: { temperature: 0.3, topP: 0.8, topK: 40, maxOutputTokens: 512, seed: 7 },
          },
        })
        .end({
          attributes: {
            finishReason: 'end_turn',
            usage: {
              promptTokens: 1_000,
              completionTokens: 50,
              promptCacheHitTokens: 200,
              promptCacheWriteTokens: 700,
              reasoningTokens: 10,
            },
          },
        });
    });
    const withStart = {
      ...span,
      attributes: { ...span.attributes, completionStartTime: span.startTime + 250 },
    };
    const { name, kind, attributes, events } = mapGenAi(withStart as ExportedAISpan, {
      captureContent: true,
      conventions: LATEST,
    });
    expect(name).toBe('chat claude-sonnet-4');
    expect(kind).toBe(OtlpSpanKind.CLIENT);
    expect(attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4',
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.8,
      'gen_ai.request.top_k': 40,
      'gen_ai.request.max_tokens': 512,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stream': true,
      'gen_ai.response.model': 'claude-sonnet-4-20250514',
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.response.time_to_first_chunk': 0.25,
      'gen_ai.usage.input_tokens': 1_000,
      'gen_ai.usage.output_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.usage.cache_creation.input_tokens': 700,
      'gen_ai.usage.reasoning.output_tokens': 10,
      'aitracing.time_to_first_token_ms': 250,
      'aitracing.completion_start_time': new Date(span.startTime + 250).toISOString(),
    });
    expect(attributes).not.toHaveProperty('gen_ai.system');
    expect(attributes).not.toHaveProperty('aitracing.completionStartTime');
    expect(events).toEqual([]);
  });

  it('names embeddings calls by their operation', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'embed',
          attributes: { model: 'text-embedding-3-small', provider: 'openai', operation: 'embeddings' },
        })
        .end();
    });
    const { name, attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(name).toBe('embeddings text-embedding-3-small');
    expect(attributes['gen_ai.operation.name']).toBe('embeddings');
    expect(attributes).not.toHaveProperty('aitracing.operation');
  });

  it('carries the chunk count and time to first chunk core folded from a stream', async () => {
    const span = await one((tracing) => {
      const generation = tracing.startSpan({
        type: AISpanType.LLM_GENERATION,
        name: 'stream',
        attributes: { model: 'gpt-4o', streaming: true },
      });
      for (let index = 0; index < 4; index++)
        generation.createEventSpan({ type: AISpanType.LLM_CHUNK, name: 'chunk', output: 'x' });
      generation.end();
    });
    const { attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(attributes['aitracing.chunk_count']).toBe(4);
    expect(attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
  });

  it('writes OpenAI messages with tool calls and tool results in the structured parts format', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'llm',
          attributes: { model: 'gpt-4o' },
          input: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Weather in Paris?' },
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'call_1', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
            },
            { role: 'tool', tool_call_id: 'call_1', content: 'rainy' },
          ],
        })
        .end({
          output: {
            role: 'assistant',
            content: 'Take an umbrella.',
            toolCalls: [{ id: 'call_2', name: 'remind', arguments: '{"at":"8:00"}' }],
          },
          attributes: { finishReason: 'stop' },
        });
    });
    const { attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(json(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy' }] },
    ]);
    expect(json(attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Take an umbrella.' },
          { type: 'tool_call', id: 'call_2', name: 'remind', arguments: { at: '8:00' } },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  it("puts Anthropic's separate system prompt in gen_ai.system_instructions and maps its content blocks", async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'llm',
          attributes: { model: 'claude-sonnet-4' },
          input: {
            system: 'You are terse.',
            messages: [
              { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
              { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'clock', input: {} }] },
              { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: '9:00' }] },
            ],
          },
        })
        .end({ output: { role: 'assistant', content: 'It is nine.', reasoning: 'Read the clock.' } });
    });
    const { attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(json(attributes['gen_ai.system_instructions'])).toEqual([
      { type: 'text', content: 'You are terse.' },
    ]);
    expect(json(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'tu_1', name: 'clock', arguments: {} }] },
      { role: 'user', parts: [{ type: 'tool_call_response', id: 'tu_1', response: '9:00' }] },
    ]);
    expect(json(attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Read the clock.' },
          { type: 'text', content: 'It is nine.' },
        ],
      },
    ]);
  });

  it('records no content without captureContent', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm', input: 'secret', attributes: {} })
        .end({ output: 'answer' });
    });
    const { attributes, events } = mapGenAi(span, {
      captureContent: false,
      conventions: { messages: 'attributes-and-event', deprecatedSystemAttribute: false },
    });
    expect(JSON.stringify(attributes)).not.toContain('secret');
    expect(events).toEqual([]);
  });
});

describe('mapGenAi: message content as the opt-in event', () => {
  async function chat(): Promise<ExportedAISpan> {
    return one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'llm',
          attributes: { model: 'gpt-4o', provider: 'openai' },
          input: 'Hello?',
        })
        .end({ output: 'Hi!' });
    });
  }

  it(`moves messages to the ${INFERENCE_DETAILS_EVENT} event at the end of the span with messages: 'event'`, async () => {
    const span = await chat();
    const { attributes, events } = mapGenAi(span, {
      captureContent: true,
      conventions: { messages: 'event', deprecatedSystemAttribute: false },
    });
    expect(attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(attributes).not.toHaveProperty('gen_ai.output.messages');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: INFERENCE_DETAILS_EVENT,
      timeMs: span.endTime,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
      },
    });
    expect(json(events[0]?.attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Hello?' }] },
    ]);
    expect(json(events[0]?.attributes['gen_ai.output.messages'])).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hi!' }] },
    ]);
  });

  it("writes both with 'attributes-and-event', and neither with 'none'", async () => {
    const span = await chat();
    const both = mapGenAi(span, {
      captureContent: true,
      conventions: { messages: 'attributes-and-event', deprecatedSystemAttribute: false },
    });
    expect(both.attributes).toHaveProperty('gen_ai.input.messages');
    expect(both.events.map((event) => event.name)).toEqual([INFERENCE_DETAILS_EVENT]);
    const none = mapGenAi(span, {
      captureContent: true,
      conventions: { messages: 'none', deprecatedSystemAttribute: false },
    });
    expect(none.attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(none.events).toEqual([]);
  });

  it('adds the deprecated gen_ai.system only on request', async () => {
    const span = await chat();
    const legacy = mapGenAi(span, {
      captureContent: true,
      conventions: { messages: 'attributes', deprecatedSystemAttribute: true },
    });
    expect(legacy.attributes).toMatchObject({ 'gen_ai.system': 'openai', 'gen_ai.provider.name': 'openai' });
  });

  it('turns chunks core kept as events into span events of the generation', async () => {
    const spans = await exported((tracing) => {
      const generation = tracing.startSpan({ type: AISpanType.LLM_GENERATION, name: 'llm' });
      generation.createEventSpan({
        type: AISpanType.LLM_CHUNK,
        name: 'chunk',
        attributes: { chunkType: 'text-delta', sequenceNumber: 0 },
      });
      generation.end();
    }, 'events');
    const span = spans.get('llm')!;
    const { events } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(events).toEqual([
      {
        name: 'chunk',
        timeMs: span.events?.[0]?.time,
        attributes: { 'aitracing.chunk.type': 'text-delta', 'aitracing.chunk.sequence_number': 0 },
      },
    ]);
  });
});

describe('mapGenAi: agents and tools', () => {
  it('maps an agent run to invoke_agent with name, id, description, tool definitions and instructions', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.AGENT_RUN,
          name: 'support',
          attributes: {
            agentId: 'agent-7',
            instructions: 'Help customers.',
            availableTools: ['lookup', 'refund'],
            description: 'Answers order questions',
          } as never,
          input: 'Where is my order?',
          metadata: { threadId: 'thread-1' },
        })
        .end({ output: 'Shipped.' });
    });
    const { name, kind, attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(name).toBe('invoke_agent support');
    expect(kind).toBe(OtlpSpanKind.INTERNAL);
    expect(attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.agent.id': 'agent-7',
      'gen_ai.agent.description': 'Answers order questions',
      'gen_ai.conversation.id': 'thread-1',
    });
    expect(json(attributes['gen_ai.tool.definitions'])).toEqual([
      { type: 'function', name: 'lookup' },
      { type: 'function', name: 'refund' },
    ]);
    expect(json(attributes['gen_ai.system_instructions'])).toEqual([
      { type: 'text', content: 'Help customers.' },
    ]);
    expect(json(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] },
    ]);
  });

  it('maps a function tool to execute_tool with its call id, arguments, result and error type', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.TOOL_CALL,
          name: 'lookup',
          attributes: { toolId: 'lookup-order', toolType: 'function', toolDescription: 'Finds orders' },
          metadata: { toolCallId: 'call_9' },
          input: { orderId: 'A-1' },
        })
        .error({ error: new TypeError('bad id') });
    });
    const { name, kind, attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(name).toBe('execute_tool lookup-order');
    expect(kind).toBe(OtlpSpanKind.INTERNAL);
    expect(attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup-order',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Finds orders',
      'gen_ai.tool.call.id': 'call_9',
      'gen_ai.tool.call.arguments': '{"orderId":"A-1"}',
      'error.type': 'TypeError',
    });
    const withoutContent = mapGenAi(span, { captureContent: false, conventions: LATEST });
    expect(withoutContent.attributes).not.toHaveProperty('gen_ai.tool.call.arguments');
  });

  it('maps an MCP client call to a CLIENT span named after the MCP method, with mcp.* and jsonrpc.* attributes', async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.MCP_TOOL_CALL,
          name: 'tools/call get-weather',
          attributes: { toolId: 'get-weather', mcpServer: 'weather', serverVersion: '1.0.0' },
          metadata: {
            'mcp.method.name': 'tools/call',
            'mcp.session.id': 'sess-1',
            'mcp.protocol.version': '2025-06-18',
            'jsonrpc.request.id': '4',
          },
        })
        .end({ output: { content: [] } });
    });
    const { name, kind, attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(name).toBe('tools/call get-weather');
    expect(kind).toBe(OtlpSpanKind.CLIENT);
    expect(attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get-weather',
      'gen_ai.tool.type': 'extension',
      'mcp.method.name': 'tools/call',
      'mcp.session.id': 'sess-1',
      'mcp.protocol.version': '2025-06-18',
      'jsonrpc.request.id': '4',
      'aitracing.mcpServer': 'weather',
    });
    expect(attributes).not.toHaveProperty('aitracing.metadata.mcp.session.id');
  });

  it("maps a tool served by our MCP server to a SERVER span, keeping the instrumentation's error.type", async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.TOOL_CALL,
          name: 'tools/call add',
          attributes: { toolId: 'add', toolType: 'mcp' },
          metadata: { 'mcp.method.name': 'tools/call', 'jsonrpc.request.id': '2' },
        })
        .error({ error: new Error('failed'), metadata: { 'error.type': 'tool_error' } });
    });
    const { name, kind, attributes } = mapGenAi(span, { captureContent: true, conventions: LATEST });
    expect(name).toBe('tools/call add');
    expect(kind).toBe(OtlpSpanKind.SERVER);
    expect(attributes).toMatchObject({ 'error.type': 'tool_error', 'jsonrpc.request.id': '2' });
  });
});

describe('mapGenAi without explicit conventions', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("follows the process's OTEL_SEMCONV_STABILITY_OPT_IN and content mode, read once", async () => {
    const span = await one((tracing) => {
      tracing
        .startSpan({
          type: AISpanType.LLM_GENERATION,
          name: 'llm',
          attributes: { provider: 'openai' },
          input: 'Hi?',
        })
        .end({ output: 'Hello.' });
    });
    vi.stubEnv('OTEL_SEMCONV_STABILITY_OPT_IN', 'gen_ai_latest_experimental');
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'EVENT_ONLY');
    vi.resetModules();
    const fresh = await import('./genai-attributes');
    const { attributes, events } = fresh.mapGenAi(span, { captureContent: true });
    expect(attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(events.map((event) => event.name)).toEqual([INFERENCE_DETAILS_EVENT]);
  });
});

describe('resolveGenAiConventions', () => {
  it('emits the latest conventions by default, without the deprecated gen_ai.system', () => {
    expect(resolveGenAiConventions({})).toEqual({ messages: 'attributes', deprecatedSystemAttribute: false });
    expect(resolveGenAiConventions({}, { deprecatedSystemAttribute: true }).deprecatedSystemAttribute).toBe(
      true,
    );
  });

  it('reads where content goes from OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT once opted in', () => {
    const optIn = { OTEL_SEMCONV_STABILITY_OPT_IN: 'http, gen_ai_latest_experimental' };
    const cases = {
      SPAN_ONLY: 'attributes',
      EVENT_ONLY: 'event',
      span_and_event: 'attributes-and-event',
      NO_CONTENT: 'none',
      bogus: 'attributes',
    } as const;
    for (const [value, messages] of Object.entries(cases)) {
      expect(
        resolveGenAiConventions({ ...optIn, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: value })
          .messages,
      ).toBe(messages);
    }
    // Without the opt-in the variable is not ours to read: the default stays.
    expect(
      resolveGenAiConventions({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'EVENT_ONLY' }).messages,
    ).toBe('attributes');
  });

  it('never emits the deprecated attribute once the latest conventions are opted into', () => {
    const conventions = resolveGenAiConventions(
      { OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental' },
      { deprecatedSystemAttribute: true, messages: 'event' },
    );
    expect(conventions).toEqual({ messages: 'event', deprecatedSystemAttribute: false });
  });
});
