import { AISpanType, withSpan } from '@aitracing/core';
import { describe, expect, it } from 'vitest';
import { instrumentMCPClient, instrumentMCPServer } from '../src/index';
import {
  connectInMemory,
  createToolServer,
  describeError,
  newClient,
  SDK_VERSIONS,
  type Sdk,
  settle,
  setupTracing,
} from './support';

describe.each(SDK_VERSIONS)('MCP over InMemoryTransport ($label)', ({ load }) => {
  async function setup() {
    const sdk: Sdk = await load();
    const recording = setupTracing();
    const server = createToolServer(sdk, (s) => instrumentMCPServer(s, { tracing: recording.tracing }));
    const client = instrumentMCPClient(newClient(sdk), { tracing: recording.tracing });
    await connectInMemory(sdk, server, client);
    // The same tools, neither side instrumented: what the app would get without us.
    const plainClient = newClient(sdk);
    await connectInMemory(sdk, createToolServer(sdk), plainClient);
    return { sdk, ...recording, client, plainClient };
  }

  it('records one trace: app span → client tools/call → server tools/call → the span opened inside the tool', async () => {
    const { tracing, client, spans, byName } = await setup();
    const agent = tracing.startSpan({
      type: AISpanType.AGENT_RUN,
      name: 'agent',
      attributes: { agentId: 'a' },
    });
    const result = await withSpan(agent, () => client.callTool({ name: 'add', arguments: { a: 2, b: 3 } }));
    agent.end();
    expect(result).toEqual({ content: [{ type: 'text', text: '5' }] });

    const all = await spans();
    expect(new Set(all.map((span) => span.traceId))).toEqual(new Set([agent.traceId]));
    const clientSpan = all.find((span) => span.type === AISpanType.MCP_TOOL_CALL);
    const serverSpan = all.find((span) => span.type === AISpanType.TOOL_CALL);
    const inside = await byName('inside add');
    expect(clientSpan).toMatchObject({
      name: 'tools/call add',
      parentSpanId: agent.id,
      attributes: { toolId: 'add', mcpServer: 'weather', serverVersion: '2.1.0', success: true },
      metadata: { 'mcp.method.name': 'tools/call' },
      input: { a: 2, b: 3 },
      output: [{ type: 'text', text: '5' }],
    });
    expect(clientSpan?.errorInfo).toBeUndefined();
    expect(serverSpan).toMatchObject({
      name: 'tools/call add',
      parentSpanId: clientSpan?.id,
      attributes: { toolId: 'add', toolType: 'mcp', success: true },
      metadata: { 'mcp.method.name': 'tools/call' },
      input: { a: 2, b: 3 },
      output: [{ type: 'text', text: '5' }],
    });
    expect(inside.parentSpanId).toBe(serverSpan?.id);
  });

  it('returns exactly what an uninstrumented client gets, for results, isError results and errors', async () => {
    const { client, plainClient } = await setup();
    const calls = [
      { name: 'add', arguments: { a: 1, b: 41 } },
      { name: 'forecast', arguments: { city: 'Atlantis' } },
      { name: 'explode', arguments: {} },
      { name: 'no-such-tool', arguments: {} },
      { name: 'add', arguments: { a: 'not a number' } },
    ];
    for (const params of calls) {
      const traced = await settle(() => client.callTool(params));
      const plain = await settle(() => plainClient.callTool(params));
      expect(traced.result).toEqual(plain.result);
      expect(describeError(traced.error)).toEqual(describeError(plain.error));
    }
  });

  it('marks an isError result as a failed span and returns the result unchanged', async () => {
    const { client, spans } = await setup();
    const result = await client.callTool({ name: 'forecast', arguments: { city: 'Atlantis' } });
    expect(result).toEqual({ content: [{ type: 'text', text: 'no forecast for Atlantis' }], isError: true });
    for (const span of await spans()) {
      expect(span).toMatchObject({
        attributes: { success: false },
        metadata: { 'error.type': 'tool_error' },
        errorInfo: { message: 'no forecast for Atlantis' },
        output: [{ type: 'text', text: 'no forecast for Atlantis' }],
      });
    }
  });

  it('records the error a tool throws on the server span, with its own class', async () => {
    const { client, spans } = await setup();
    const result = await client.callTool({ name: 'explode', arguments: {} });
    expect(result).toMatchObject({ isError: true });
    const all = await spans();
    expect(all.find((span) => span.type === AISpanType.TOOL_CALL)?.errorInfo).toMatchObject({
      name: 'WeatherServiceError',
      message: 'weather service down',
    });
    expect(all.find((span) => span.type === AISpanType.MCP_TOOL_CALL)).toMatchObject({
      attributes: { success: false },
      errorInfo: { message: 'weather service down' },
    });
  });

  it('records an unknown tool as a failed call, whether the SDK answers with an error or an isError result', async () => {
    const { sdk, client, spans } = await setup();
    const outcome = await settle(() => client.callTool({ name: 'no-such-tool', arguments: {} }));
    const clientSpan = (await spans()).find((span) => span.type === AISpanType.MCP_TOOL_CALL);
    expect(clientSpan?.attributes).toMatchObject({ toolId: 'no-such-tool', success: false });
    expect(clientSpan?.errorInfo).toBeDefined();
    if (outcome.error !== undefined) {
      // Older SDKs answer with a JSON-RPC error (-32602): the same McpError reaches the app.
      expect(outcome.error).toBeInstanceOf(sdk.McpError);
      expect(clientSpan?.metadata).toMatchObject({
        'error.type': '-32602',
        'rpc.response.status_code': '-32602',
      });
      expect(clientSpan?.errorInfo?.details).toMatchObject({ code: -32602 });
    } else {
      expect(outcome.result).toMatchObject({ isError: true });
      expect(clientSpan?.metadata).toMatchObject({ 'error.type': 'tool_error' });
    }
  });
});
