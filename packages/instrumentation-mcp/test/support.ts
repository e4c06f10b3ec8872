import type { ExportedAISpan, SamplingStrategy } from '@aitracing/core';
import { AISpanType, DefaultAITracing, traced } from '@aitracing/core';
import { InMemoryExporter } from '@aitracing/core/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type * as InMemory from '@modelcontextprotocol/sdk/inMemory.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type * as Types from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** The SDK classes a test needs, from one installed version. */
export interface Sdk {
  readonly label: string;
  readonly Client: typeof Client;
  readonly McpServer: typeof McpServer;
  readonly Server: typeof Server;
  readonly InMemoryTransport: typeof InMemory.InMemoryTransport;
  readonly McpError: typeof Types.McpError;
  readonly CallToolRequestSchema: typeof Types.CallToolRequestSchema;
  readonly ListToolsRequestSchema: typeof Types.ListToolsRequestSchema;
}

/** The newest 1.x (the dev dependency) and the oldest supported (1.3.1, through an npm alias). */
export const SDK_VERSIONS = [
  {
    label: 'newest 1.x',
    load: async (): Promise<Sdk> => ({
      label: 'newest 1.x',
      Client: (await import('@modelcontextprotocol/sdk/client/index.js')).Client,
      McpServer: (await import('@modelcontextprotocol/sdk/server/mcp.js')).McpServer,
      Server: (await import('@modelcontextprotocol/sdk/server/index.js')).Server,
      InMemoryTransport: (await import('@modelcontextprotocol/sdk/inMemory.js')).InMemoryTransport,
      ...(await import('@modelcontextprotocol/sdk/types.js')),
    }),
  },
  {
    label: 'oldest 1.3.1',
    // Its types differ in private members only; the API used here is the same.
    load: async (): Promise<Sdk> =>
      ({
        label: 'oldest 1.3.1',
        Client: (await import('@modelcontextprotocol/sdk-v1-3/client/index.js')).Client,
        McpServer: (await import('@modelcontextprotocol/sdk-v1-3/server/mcp.js')).McpServer,
        Server: (await import('@modelcontextprotocol/sdk-v1-3/server/index.js')).Server,
        InMemoryTransport: (await import('@modelcontextprotocol/sdk-v1-3/inMemory.js')).InMemoryTransport,
        ...(await import('@modelcontextprotocol/sdk-v1-3/types.js')),
      }) as unknown as Sdk,
  },
] as const;

/** A tracing instance recording into memory. */
export function setupTracing(sampling: SamplingStrategy = { type: 'always' }) {
  const exporter = new InMemoryExporter();
  const tracing = new DefaultAITracing({
    serviceName: 'mcp-test',
    name: 'mcp-test',
    exporters: [exporter],
    sampling,
  });
  const spans = async (): Promise<ExportedAISpan[]> => {
    await tracing.flush();
    return exporter.getFinishedSpans();
  };
  const byName = async (name: string): Promise<ExportedAISpan> => {
    const found = (await spans()).filter((span) => span.name === name);
    if (found.length !== 1) throw new Error(`expected one span "${name}", got ${found.length}`);
    return found[0] as ExportedAISpan;
  };
  return { exporter, tracing, spans, byName };
}

/** Error class thrown by the `explode` tool. */
export class WeatherServiceError extends Error {
  override name = 'WeatherServiceError';
}

/**
 * Register the test tools on an McpServer: `add` (opens a user span inside),
 * `forecast` (returns an `isError` result) and `explode` (throws).
 */
export function registerTools(server: McpServer): void {
  server.tool('add', { a: z.number(), b: z.number() }, async ({ a, b }) =>
    traced({ type: AISpanType.GENERIC, name: 'inside add' }, () => ({
      content: [{ type: 'text' as const, text: String(a + b) }],
    })),
  );
  server.tool('forecast', { city: z.string() }, async ({ city }) => ({
    content: [{ type: 'text' as const, text: `no forecast for ${city}` }],
    isError: true,
  }));
  server.tool('explode', async () => {
    throw new WeatherServiceError('weather service down');
  });
}

/** A new McpServer with the test tools, instrumented first when `instrument` is given. */
export function createToolServer(sdk: Sdk, instrument?: (server: McpServer) => McpServer): McpServer {
  const server = new sdk.McpServer({ name: 'weather', version: '2.1.0' });
  registerTools(instrument === undefined ? server : instrument(server));
  return server;
}

/** Connect a client to a server over the SDK's own in-memory transport pair. */
export async function connectInMemory(
  sdk: Sdk,
  server: { connect(transport: never): Promise<void> },
  client: Client,
): Promise<Client> {
  const [clientTransport, serverTransport] = sdk.InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport as never), client.connect(clientTransport)]);
  return client;
}

/** A new client named like a real app. */
export function newClient(sdk: Sdk): Client {
  return new sdk.Client({ name: 'test-app', version: '1.0.0' }, { capabilities: {} });
}

/** What a test compares of a thrown error (class, code, message and own data). */
export function describeError(error: unknown): unknown {
  if (error === undefined) return undefined;
  const value = error as {
    constructor?: { name?: string };
    code?: unknown;
    message?: unknown;
    data?: unknown;
  };
  return { class: value.constructor?.name, code: value.code, message: value.message, data: value.data };
}

/** Call and capture either the result or the error. */
export async function settle(call: () => Promise<unknown>): Promise<{ result?: unknown; error?: unknown }> {
  try {
    return { result: await call() };
  } catch (error) {
    return { error };
  }
}
