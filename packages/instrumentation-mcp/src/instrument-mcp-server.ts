import type { AISpan, AITracing, AITracingLogger, SpanStarter, ToolCallAttributes } from '@aitracing/core';
import {
  AISpanType,
  DefaultLogger,
  getSelectedAITracing,
  startSpanInContext,
  withSpan,
} from '@aitracing/core';
import type { InstrumentationOptions } from '@aitracing/core/instrumentation';
import { resolveCaptureContent } from '@aitracing/core/instrumentation';
import { defineMethod, isMarked, mark } from './internal/instrumented-marker';
import { methodLiteral } from './internal/method-literal';
import { callbackErrorOf, watchCallbackErrors, withWatchedCallback } from './internal/tool-callback';
import { endWithError, endWithResult } from './internal/tool-outcome';
import type { RequestParamsLike } from './internal/trace-meta';
import { remoteContextOf } from './internal/trace-meta';

/** The low-level MCP `Server` (`@modelcontextprotocol/sdk/server/index.js`, any 1.x), as far as this package uses it. */
export interface MCPLowLevelServerLike {
  /** `Server.setRequestHandler(schema, handler)` */
  setRequestHandler(schema: never, handler: never): unknown;
  /** `Server.assertCanSetRequestHandler(method)`: throws when a handler is already set */
  assertCanSetRequestHandler?(method: string): void;
}

/** The high-level `McpServer` (`@modelcontextprotocol/sdk/server/mcp.js`, any 1.x), as far as this package uses it. */
export interface MCPHighLevelServerLike {
  /** The low-level server it registers its request handlers on */
  readonly server: MCPLowLevelServerLike;
}

/** An MCP server {@link instrumentMCPServer} accepts: an `McpServer` or a low-level `Server`. */
export type MCPServerLike = MCPHighLevelServerLike | MCPLowLevelServerLike;

/** Options of {@link instrumentMCPServer}. */
export interface MCPServerInstrumentationOptions extends Omit<InstrumentationOptions, 'captureChunks'> {
  /**
   * Where the one warning goes (tools registered before instrumenting).
   * @defaultValue the logger of `options.tracing`, else of the app's instance, else core's default logger
   */
  logger?: AITracingLogger;
}

type Handler = (this: unknown, request: unknown, extra: unknown) => unknown;
type Method = (this: unknown, ...args: unknown[]) => unknown;

interface RequestLike {
  readonly method?: unknown;
  readonly params?: RequestParamsLike;
}

interface ExtraLike {
  readonly sessionId?: unknown;
  readonly requestId?: unknown;
}

interface ServerState {
  readonly captureContent: boolean;
  readonly tracing: SpanStarter | AITracing | undefined;
}

function isLowLevel(server: unknown): server is MCPLowLevelServerLike {
  return typeof (server as { setRequestHandler?: unknown } | null)?.setRequestHandler === 'function';
}

function loggerFor(options: MCPServerInstrumentationOptions): AITracingLogger {
  if (options.logger !== undefined) return options.logger;
  const tracing = (options.tracing ?? getSelectedAITracing()) as Partial<AITracing> | undefined;
  return typeof tracing?.getLogger === 'function' ? tracing.getLogger() : new DefaultLogger();
}

function startServerSpan(
  state: ServerState,
  name: string,
  params: RequestParamsLike,
  extra: ExtraLike | undefined,
): AISpan<AISpanType.TOOL_CALL> {
  const metadata: Record<string, unknown> = { 'mcp.method.name': 'tools/call' };
  if (typeof extra?.sessionId === 'string') metadata['mcp.session.id'] = extra.sessionId;
  const requestId = extra?.requestId;
  if (typeof requestId === 'string' || typeof requestId === 'number') {
    metadata['jsonrpc.request.id'] = String(requestId);
  }
  const attributes: ToolCallAttributes = { toolId: name, toolType: 'mcp' };
  const options = {
    type: AISpanType.TOOL_CALL as const,
    name: `tools/call ${name}`,
    attributes,
    metadata,
    input: state.captureContent ? params.arguments : undefined,
  };
  // The client's span (from params._meta) is the parent, even when another span is current in this process.
  const remote = remoteContextOf(params);
  const starter = remote === undefined ? undefined : (state.tracing ?? getSelectedAITracing());
  if (remote !== undefined && starter !== undefined) {
    return starter.startSpan({
      ...options,
      traceId: remote.traceId,
      parentSpanId: remote.parentSpanId,
      sampled: remote.sampled,
      traceState: remote.traceState,
      baggage: remote.baggage,
    });
  }
  return startSpanInContext({ ...options, tracing: state.tracing });
}

function traceToolsCall(handler: Handler, state: ServerState): Handler {
  return function tracedToolsCall(this: unknown, request: unknown, extra: unknown): unknown {
    const toolRequest = request as RequestLike | null | undefined;
    const name = toolRequest?.params?.name;
    if (toolRequest?.method !== 'tools/call' || typeof name !== 'string') {
      return handler.call(this, request, extra);
    }
    let span: AISpan<AISpanType.TOOL_CALL>;
    try {
      span = startServerSpan(state, name, toolRequest.params as RequestParamsLike, extra as ExtraLike);
      if (span.isValid) watchCallbackErrors(span);
    } catch {
      return handler.call(this, request, extra);
    }
    if (!span.isValid) return handler.call(this, request, extra);

    let result: unknown;
    try {
      result = withSpan(span, () => handler.call(this, request, extra));
    } catch (error) {
      endWithError(span, error);
      throw error;
    }
    if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
      endWithResult(span, result, state.captureContent, callbackErrorOf(span));
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        endWithResult(span, value, state.captureContent, callbackErrorOf(span));
        return value;
      },
      (error: unknown) => {
        endWithError(span, error);
        throw error;
      },
    );
  };
}

function instrumentLowLevel(
  server: MCPLowLevelServerLike,
  state: ServerState,
  logger: AITracingLogger,
): void {
  if (isMarked(server, 'server')) return;
  try {
    server.assertCanSetRequestHandler?.('tools/call');
  } catch {
    logger.warn(
      'instrumentMCPServer: a tools/call handler (tools) was registered before instrumenting; those calls are not traced. Call instrumentMCPServer(server) right after creating the server.',
    );
  }
  const original = server.setRequestHandler as unknown as Method;
  defineMethod(
    server,
    'setRequestHandler',
    function setRequestHandler(
      this: unknown,
      schema: unknown,
      handler: unknown,
      ...rest: unknown[]
    ): unknown {
      let forwarded = handler;
      try {
        const method = methodLiteral(schema);
        if (typeof handler === 'function' && (method === undefined || method === 'tools/call')) {
          forwarded = traceToolsCall(handler as Handler, state);
        }
      } catch {
        forwarded = handler;
      }
      return original.call(this, schema, forwarded, ...rest);
    },
  );
  mark(server, 'server');
}

function watchRegistrations(server: object): void {
  for (const name of ['tool', 'registerTool']) {
    const original = (server as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    defineMethod(server, name, function registerWatched(this: unknown, ...args: unknown[]): unknown {
      let forwarded: unknown[] = args;
      try {
        forwarded = withWatchedCallback(args);
      } catch {
        forwarded = args;
      }
      return (original as Method).apply(this, forwarded);
    });
  }
}

/**
 * Trace the tool executions of an MCP server: every `tools/call` request
 * becomes a `TOOL_CALL` span named `tools/call {tool}` (`toolId`,
 * `toolType: 'mcp'`, `success`; arguments as input and the result's content
 * as output unless `captureContent` is off). When the request's
 * `params._meta` carries a `traceparent` (an instrumented client), the span
 * continues that trace with the client's span as parent; otherwise it is a
 * child of the current span, else a root of `options.tracing`, else of the
 * app's instance. The tool's callback runs with the span current, so spans
 * you start inside it nest under it.
 *
 * Accepts the high-level `McpServer` or the low-level `Server`. Call it
 * right after creating the server, before registering tools: it wraps the
 * instance's `setRequestHandler` (and `McpServer.tool` / `registerTool`, to
 * record the error a tool throws), never the SDK's modules. Tools registered
 * earlier stay untraced (one warning says so). Returns the same server;
 * results and errors reach the client unchanged. Instrumenting twice is
 * harmless. Never throws.
 *
 * @example
 * ```ts
 * const server = instrumentMCPServer(new McpServer({ name: 'weather', version: '1.0.0' }));
 * ```
 */
export function instrumentMCPServer<TServer extends MCPServerLike>(
  server: TServer,
  options: MCPServerInstrumentationOptions = {},
): TServer {
  try {
    if (typeof server !== 'object' || server === null) return server;
    const state: ServerState = {
      captureContent: resolveCaptureContent(options.captureContent),
      tracing: options.tracing,
    };
    if (isLowLevel(server)) {
      instrumentLowLevel(server, state, loggerFor(options));
      return server;
    }
    const inner = (server as MCPHighLevelServerLike).server;
    if (!isLowLevel(inner) || isMarked(server, 'server')) return server;
    instrumentLowLevel(inner, state, loggerFor(options));
    watchRegistrations(server);
    mark(server, 'server');
  } catch {
    // Instrumentation never breaks the app: the server keeps working untraced.
  }
  return server;
}
