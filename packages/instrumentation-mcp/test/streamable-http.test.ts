import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AISpanType } from '@aitracing/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentMCPClient, instrumentMCPServer } from '../src/index';
import { registerTools, setupTracing } from './support';

// Client and server each have their own tracing instance, as in two processes, and talk over
// real HTTP on loopback: the only thing joining their spans is params._meta.
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function startHttpServer(instrument: boolean) {
  const recording = setupTracing();
  const mcpServer = new McpServer({ name: 'weather-http', version: '3.0.0' });
  registerTools(instrument ? instrumentMCPServer(mcpServer, { tracing: recording.tracing }) : mcpServer);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await mcpServer.connect(transport);
  const http: HttpServer = createServer((request, response) => {
    void transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    await mcpServer.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  const url = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
  return { ...recording, url };
}

async function connectClient(url: URL, client: Client): Promise<Client> {
  await client.connect(new StreamableHTTPClientTransport(url));
  closers.push(() => client.close());
  return client;
}

describe('MCP over Streamable HTTP on 127.0.0.1', () => {
  it('joins the client and server spans of two tracing instances into one trace through params._meta', async () => {
    const server = await startHttpServer(true);
    const clientSide = setupTracing();
    const client = await connectClient(
      server.url,
      instrumentMCPClient(new Client({ name: 'app', version: '1.0.0' }), { tracing: clientSide.tracing }),
    );

    const result = await client.callTool({ name: 'add', arguments: { a: 20, b: 22 } });
    expect(result).toEqual({ content: [{ type: 'text', text: '42' }] });

    const clientSpan = await clientSide.byName('tools/call add');
    const serverSpans = await server.spans();
    const serverSpan = serverSpans.find((span) => span.type === AISpanType.TOOL_CALL);
    const inside = serverSpans.find((span) => span.name === 'inside add');
    expect(clientSpan).toMatchObject({
      isRootSpan: true,
      attributes: { toolId: 'add', mcpServer: 'weather-http', serverVersion: '3.0.0', success: true },
    });
    expect(serverSpan).toMatchObject({ traceId: clientSpan.traceId, parentSpanId: clientSpan.id });
    expect(inside).toMatchObject({ traceId: clientSpan.traceId, parentSpanId: serverSpan?.id });

    const sessionId = clientSpan.metadata?.['mcp.session.id'];
    expect(sessionId).toEqual(expect.any(String));
    expect(serverSpan?.metadata).toMatchObject({
      'mcp.method.name': 'tools/call',
      'mcp.session.id': sessionId,
      'jsonrpc.request.id': expect.any(String),
    });
  });

  it('continues a trace from a traceparent another MCP client put in _meta (OTel convention)', async () => {
    const server = await startHttpServer(true);
    const client = await connectClient(server.url, new Client({ name: 'otel-app', version: '1.0.0' }));
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await client.callTool({
      name: 'add',
      arguments: { a: 1, b: 1 },
      _meta: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: 'vendor=1' },
    });
    expect(await server.byName('tools/call add')).toMatchObject({
      traceId,
      parentSpanId: '00f067aa0ba902b7',
    });
  });

  it('starts a new trace on the server when the client sends no trace context', async () => {
    const server = await startHttpServer(true);
    const client = await connectClient(server.url, new Client({ name: 'plain-app', version: '1.0.0' }));
    await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    expect(await server.byName('tools/call add')).toMatchObject({
      isRootSpan: true,
      parentSpanId: undefined,
    });
  });

  it('gives an instrumented client the same results and errors as a plain one over HTTP', async () => {
    const server = await startHttpServer(false);
    const plain = await connectClient(server.url, new Client({ name: 'plain', version: '1.0.0' }));
    const otherServer = await startHttpServer(false);
    const traced = await connectClient(
      otherServer.url,
      instrumentMCPClient(new Client({ name: 'traced', version: '1.0.0' }), {
        tracing: setupTracing().tracing,
      }),
    );
    for (const params of [
      { name: 'add', arguments: { a: 2, b: 2 } },
      { name: 'forecast', arguments: { city: 'Nowhere' } },
      { name: 'explode', arguments: {} },
    ]) {
      expect(await traced.callTool(params)).toEqual(await plain.callTool(params));
    }
  });
});
