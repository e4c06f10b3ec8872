import { AISpanType, registerAITracing, unregisterAITracing, withSpan } from '@aitracing/core';
import { RecordingLogger } from '@aitracing/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentMCPClient, instrumentMCPServer } from '../src/index';
import {
  connectInMemory,
  createToolServer,
  describeError,
  newClient,
  registerTools,
  SDK_VERSIONS,
  type Sdk,
  settle,
  setupTracing,
} from './support';

/** A low-level Server whose tools/call handler echoes the `_meta` it received, or throws an McpError for `deny`. */
function echoServer(sdk: Sdk, instrument?: (server: InstanceType<Sdk['Server']>) => void) {
  const server = new sdk.Server({ name: 'echo', version: '0.1.0' }, { capabilities: { tools: {} } });
  instrument?.(server);
  server.setRequestHandler(sdk.ListToolsRequestSchema, () => ({ tools: [] }));
  server.setRequestHandler(sdk.CallToolRequestSchema, (request) => {
    if (request.params.name === 'deny') throw new sdk.McpError(-32001, 'quota exceeded', { retryAfterS: 30 });
    return { content: [{ type: 'text' as const, text: JSON.stringify(request.params._meta ?? null) }] };
  });
  return server;
}

function metaOf(result: unknown): Record<string, unknown> | null {
  const text = (result as { content: Array<{ text: string }> }).content[0]?.text ?? 'null';
  return JSON.parse(text) as Record<string, unknown> | null;
}

describe.each(SDK_VERSIONS)('options and edge cases ($label)', ({ load }) => {
  afterEach(() => {
    unregisterAITracing('mcp-app');
  });

  it('adds the trace context to a copy of params._meta, keeping the caller’s own keys and object intact', async () => {
    const sdk = await load();
    const { tracing } = setupTracing();
    const client = instrumentMCPClient(newClient(sdk), { tracing });
    await connectInMemory(sdk, echoServer(sdk), client);
    const params = { name: 'echo', arguments: { q: 1 }, _meta: { progressToken: 7, 'example.com/tag': 'x' } };
    const snapshot = structuredClone(params);
    const meta = metaOf(await client.callTool(params));
    expect(params).toEqual(snapshot);
    expect(meta).toMatchObject({ progressToken: 7, 'example.com/tag': 'x' });
    expect(meta?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('records an McpError thrown by a low-level Server handler on both sides and rethrows it unchanged', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const server = echoServer(sdk, (s) => instrumentMCPServer(s, { tracing }));
    const client = instrumentMCPClient(newClient(sdk), { tracing });
    await connectInMemory(sdk, server, client);
    const plainClient = newClient(sdk);
    await connectInMemory(sdk, echoServer(sdk), plainClient);

    const traced = await settle(() => client.callTool({ name: 'deny', arguments: {} }));
    const plain = await settle(() => plainClient.callTool({ name: 'deny', arguments: {} }));
    expect(traced.error).toBeInstanceOf(sdk.McpError);
    expect(describeError(traced.error)).toEqual(describeError(plain.error));

    const all = await spans();
    const clientSpan = all.find((span) => span.type === AISpanType.MCP_TOOL_CALL);
    const serverSpan = all.find((span) => span.type === AISpanType.TOOL_CALL);
    expect(clientSpan).toMatchObject({
      attributes: { toolId: 'deny', mcpServer: 'echo', success: false },
      metadata: { 'error.type': '-32001', 'rpc.response.status_code': '-32001' },
      errorInfo: { details: { code: -32001 } },
    });
    expect(serverSpan).toMatchObject({
      parentSpanId: clientSpan?.id,
      attributes: { success: false },
      // The SDK's own error object (older releases leave its name as 'Error').
      errorInfo: { name: (traced.error as Error).name, details: { code: -32001 } },
    });
  });

  it('keeps arguments and results out of spans with captureContent: false, and still records the failure', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const server = createToolServer(sdk, (s) => instrumentMCPServer(s, { tracing, captureContent: false }));
    const client = instrumentMCPClient(newClient(sdk), { tracing, captureContent: false });
    await connectInMemory(sdk, server, client);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    await client.callTool({ name: 'forecast', arguments: { city: 'secret-city' } });
    const all = (await spans()).filter((span) => span.name.startsWith('tools/call'));
    expect(all).toHaveLength(4);
    for (const span of all) {
      expect(span.input).toBeUndefined();
      expect(span.output).toBeUndefined();
      expect(JSON.stringify(span)).not.toContain('secret-city');
    }
    const failed = all.filter((span) => (span.attributes as { success?: boolean }).success === false);
    expect(failed).toHaveLength(2);
  });

  it('records nothing and passes the not-sampled decision on when the trace is sampled out', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing({ type: 'never' });
    const server = echoServer(sdk, (s) => instrumentMCPServer(s, { tracing }));
    const client = instrumentMCPClient(newClient(sdk), { tracing });
    await connectInMemory(sdk, server, client);
    // The server continues the trace as sampled out (flag 00) instead of deciding for itself.
    const meta = metaOf(await client.callTool({ name: 'echo', arguments: {} }));
    expect(meta?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(await spans()).toEqual([]);
  });

  it('starts a root in the app’s instance when no span is current and no tracing is given', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    registerAITracing('mcp-app', tracing, true);
    const server = createToolServer(sdk, (s) => instrumentMCPServer(s));
    const client = instrumentMCPClient(newClient(sdk));
    await connectInMemory(sdk, server, client);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
    const clientSpan = (await spans()).find((span) => span.type === AISpanType.MCP_TOOL_CALL);
    expect(clientSpan?.isRootSpan).toBe(true);
  });

  it('prefers the current span over options.tracing as parent', async () => {
    const sdk = await load();
    const app = setupTracing();
    const other = setupTracing();
    const client = instrumentMCPClient(newClient(sdk), { tracing: other.tracing });
    await connectInMemory(sdk, createToolServer(sdk), client);
    const root = app.tracing.startSpan({
      type: AISpanType.WORKFLOW_RUN,
      name: 'flow',
      attributes: { workflowId: 'w' },
    });
    await withSpan(root, () => client.callTool({ name: 'add', arguments: { a: 1, b: 1 } }));
    root.end();
    expect(await app.byName('tools/call add')).toMatchObject({
      parentSpanId: root.id,
      traceId: root.traceId,
    });
    expect(await other.spans()).toEqual([]);
  });

  it('records one span per call when a client or server is instrumented twice', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const server = createToolServer(sdk, (s) => {
      instrumentMCPServer(s, { tracing });
      instrumentMCPServer(s.server, { tracing });
      return instrumentMCPServer(s, { tracing });
    });
    const client = instrumentMCPClient(instrumentMCPClient(newClient(sdk), { tracing }), { tracing });
    await connectInMemory(sdk, server, client);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
    expect((await spans()).map((span) => span.name).sort()).toEqual([
      'inside add',
      'tools/call add',
      'tools/call add',
    ]);
  });

  it('warns once and keeps working untraced when tools were registered before instrumenting', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const logger = new RecordingLogger();
    const server = new sdk.McpServer({ name: 'late', version: '1.0.0' });
    registerTools(server);
    instrumentMCPServer(server, { tracing, logger });
    const client = newClient(sdk);
    await connectInMemory(sdk, server, client);
    expect(await client.callTool({ name: 'add', arguments: { a: 1, b: 1 } })).toEqual({
      content: [{ type: 'text', text: '2' }],
    });
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect((await spans()).filter((span) => span.name === 'tools/call add')).toEqual([]);
  });

  it('passes a call it cannot describe straight to the SDK, which reports it as before', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const client = instrumentMCPClient(newClient(sdk), { tracing });
    await connectInMemory(sdk, createToolServer(sdk), client);
    const plainClient = newClient(sdk);
    await connectInMemory(sdk, createToolServer(sdk), plainClient);
    const bad = { arguments: {} } as unknown as { name: string };
    const traced = await settle(() => client.callTool(bad));
    const plain = await settle(() => plainClient.callTool(bad));
    expect(describeError(traced.error)).toEqual(describeError(plain.error));
    expect(traced.result).toEqual(plain.result);
    expect(await spans()).toEqual([]);
  });

  it('runs a tool that returns a lazy thenable exactly once', async () => {
    const sdk = await load();
    const { tracing, spans } = setupTracing();
    const server = new sdk.McpServer({ name: 'lazy', version: '1.0.0' });
    instrumentMCPServer(server, { tracing });
    let runs = 0;
    server.tool('lazy', () => {
      const thenable = {
        // biome-ignore lint/suspicious/noThenProperty: a lazy query-builder-like result is the case under test
        then(resolve: (value: unknown) => void) {
          runs += 1;
          resolve({ content: [{ type: 'text', text: 'done' }] });
        },
      };
      return thenable as never;
    });
    const client = instrumentMCPClient(newClient(sdk), { tracing });
    await connectInMemory(sdk, server, client);
    expect(await client.callTool({ name: 'lazy', arguments: {} })).toEqual({
      content: [{ type: 'text', text: 'done' }],
    });
    expect(runs).toBe(1);
    expect((await spans()).filter((span) => span.name === 'tools/call lazy')).toHaveLength(2);
  });
});
