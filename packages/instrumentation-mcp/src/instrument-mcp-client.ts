import type { AISpan, MCPToolCallAttributes } from '@aitracing/core';
import { AISpanType, startSpanInContext, withSpan } from '@aitracing/core';
import type { InstrumentationOptions } from '@aitracing/core/instrumentation';
import { resolveCaptureContent } from '@aitracing/core/instrumentation';
import { defineMethod, isMarked, mark } from './internal/instrumented-marker';
import { endWithError, endWithResult } from './internal/tool-outcome';
import type { RequestParamsLike } from './internal/trace-meta';
import { withTraceMeta } from './internal/trace-meta';

/** The parts of an MCP `Client` (`@modelcontextprotocol/sdk/client/index.js`, any 1.x) this package uses. */
export interface MCPClientLike {
  /** `Client.callTool(params, resultSchema?, options?)` */
  callTool(params: { name: string; arguments?: Record<string, unknown> }, ...rest: never[]): Promise<unknown>;
  /** `Client.getServerVersion()`: the server's `{ name, version }` after `connect` */
  getServerVersion?(): { name?: string; version?: string } | undefined;
}

/** Options of {@link instrumentMCPClient}. */
export interface MCPClientInstrumentationOptions extends Omit<InstrumentationOptions, 'captureChunks'> {
  /**
   * `mcpServer` of the spans when the server announced no name (before
   * `connect`, or a server that sends none).
   * @defaultValue `'unknown'`
   */
  serverName?: string;
}

type CallTool = (this: unknown, params: unknown, ...rest: unknown[]) => Promise<unknown>;

const UNKNOWN_SERVER = 'unknown';

function serverInfoOf(client: MCPClientLike): { name?: unknown; version?: unknown } | undefined {
  try {
    return client.getServerVersion?.();
  } catch {
    return undefined;
  }
}

function sessionIdOf(client: object): string | undefined {
  const sessionId = (client as { transport?: { sessionId?: unknown } }).transport?.sessionId;
  return typeof sessionId === 'string' ? sessionId : undefined;
}

/**
 * Trace the tool calls of an MCP `Client`: every `callTool(...)` becomes an
 * `MCP_TOOL_CALL` span named `tools/call {tool}` with `toolId`, `mcpServer`
 * (the name the server announced, else `options.serverName`),
 * `serverVersion` and `success`; arguments as input and the result's content
 * as output (unless `captureContent` is off). The span is a child of the
 * current span, else a root of `options.tracing`, else of the app's instance.
 *
 * The W3C trace context travels to the server in the request's
 * `params._meta` (`traceparent`, `tracestate`, `baggage`), on a copy of your
 * params, so an instrumented server continues the same trace.
 *
 * Returns the same client object. The app sees the same results and errors:
 * a result with `isError: true` marks the span failed but is returned
 * unchanged; a thrown error (an `McpError` with its code) is recorded and
 * rethrown as is. Instrumenting twice is harmless. Never throws.
 *
 * @example
 * ```ts
 * const client = instrumentMCPClient(new Client({ name: 'app', version: '1.0.0' }));
 * ```
 */
export function instrumentMCPClient<TClient extends MCPClientLike>(
  client: TClient,
  options: MCPClientInstrumentationOptions = {},
): TClient {
  try {
    if (typeof client !== 'object' || client === null || typeof client.callTool !== 'function') return client;
    if (isMarked(client, 'client')) return client;
    const original = client.callTool as unknown as CallTool;
    const captureContent = resolveCaptureContent(options.captureContent);
    const tracing = options.tracing;
    const fallbackServerName = options.serverName ?? UNKNOWN_SERVER;

    const callTool: CallTool = function callTool(this: unknown, params, ...rest) {
      const name = (params as RequestParamsLike | null | undefined)?.name;
      // Not a call we can describe: the SDK reports the problem itself.
      if (typeof name !== 'string') return original.call(this, params, ...rest);
      let span: AISpan<AISpanType.MCP_TOOL_CALL>;
      let forwarded: object;
      try {
        const info = serverInfoOf(client);
        const metadata: Record<string, unknown> = { 'mcp.method.name': 'tools/call' };
        const sessionId = sessionIdOf(client);
        if (sessionId !== undefined) metadata['mcp.session.id'] = sessionId;
        const attributes: MCPToolCallAttributes = {
          toolId: name,
          mcpServer: typeof info?.name === 'string' && info.name !== '' ? info.name : fallbackServerName,
        };
        if (typeof info?.version === 'string') attributes.serverVersion = info.version;
        span = startSpanInContext({
          type: AISpanType.MCP_TOOL_CALL,
          name: `tools/call ${name}`,
          attributes,
          metadata,
          input: captureContent ? (params as RequestParamsLike).arguments : undefined,
          tracing,
        });
        // A sampled-out span may still carry a decision to pass on; nothing else to record.
        forwarded = withTraceMeta(params as object, span);
      } catch {
        return original.call(this, params, ...rest);
      }
      if (!span.isValid) return original.call(this, forwarded, ...rest);

      let pending: Promise<unknown>;
      try {
        pending = withSpan(span, () => original.call(this, forwarded, ...rest));
      } catch (error) {
        endWithError(span, error);
        throw error;
      }
      return Promise.resolve(pending).then(
        (result) => {
          endWithResult(span, result, captureContent);
          return result;
        },
        (error: unknown) => {
          endWithError(span, error);
          throw error;
        },
      );
    };
    defineMethod(client, 'callTool', callTool);
    mark(client, 'client');
  } catch {
    // Instrumentation never breaks the app: the client keeps working untraced.
  }
  return client;
}
