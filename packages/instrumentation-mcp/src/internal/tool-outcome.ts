import type { AISpan, AISpanType } from '@aitracing/core';

/** What a tool span of this package is: the client's MCP call or the server's execution. */
export type ToolSpan = AISpan<AISpanType.MCP_TOOL_CALL> | AISpan<AISpanType.TOOL_CALL>;

/** `error.type` of a CallToolResult with `isError: true` (OTel MCP semantic conventions). */
export const TOOL_ERROR_TYPE = 'tool_error';

interface ToolResultLike {
  readonly content?: unknown;
  readonly structuredContent?: unknown;
  readonly isError?: unknown;
}

function asToolResult(result: unknown): ToolResultLike | undefined {
  return typeof result === 'object' && result !== null ? (result as ToolResultLike) : undefined;
}

/**
 * What a span records as output: the result's `content`, or
 * `{ content, structuredContent }` when the tool returned structured content.
 */
export function toolOutput(result: unknown): unknown {
  const toolResult = asToolResult(result);
  if (toolResult === undefined) return result;
  if (toolResult.structuredContent === undefined) return toolResult.content;
  return { content: toolResult.content, structuredContent: toolResult.structuredContent };
}

const MAX_MESSAGE_LENGTH = 500;
const GENERIC_MESSAGE = 'The tool returned an error result (isError: true)';

/** The tool's own error text: the first text block of the result. */
function errorText(result: ToolResultLike): string | undefined {
  if (!Array.isArray(result.content)) return undefined;
  for (const block of result.content) {
    const text = (block as { type?: unknown; text?: unknown } | null)?.text;
    if ((block as { type?: unknown } | null)?.type === 'text' && typeof text === 'string' && text !== '') {
      return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
    }
  }
  return undefined;
}

/**
 * An Error describing a result with `isError: true`, for the span only (the
 * app gets the result unchanged). The message is the tool's own error text
 * when content is captured, a generic sentence otherwise.
 */
function toolResultError(result: ToolResultLike, captureContent: boolean): Error {
  const error = new Error((captureContent ? errorText(result) : undefined) ?? GENERIC_MESSAGE);
  error.name = 'MCPToolError';
  return error;
}

/** JSON-RPC error code of an McpError (or any error with a numeric `code`). */
function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * End `span` with a tool result: output (when capturing content) and
 * `success`; a result with `isError: true` marks the span failed with
 * `error.type: tool_error`, using `thrown` (the error the tool callback threw,
 * when we saw it) as the recorded error. Never throws.
 */
export function endWithResult(
  span: ToolSpan,
  result: unknown,
  captureContent: boolean,
  thrown?: unknown,
): void {
  try {
    const toolResult = asToolResult(result);
    if (toolResult?.isError !== true) {
      // One call on the common path: end() takes the output and attributes together.
      span.end(
        captureContent
          ? { output: toolOutput(result), attributes: { success: true } }
          : { attributes: { success: true } },
      );
      return;
    }
    if (captureContent) span.update({ output: toolOutput(result) });
    span.error({
      error: thrown === undefined ? toolResultError(toolResult, captureContent) : asError(thrown),
      attributes: { success: false },
      metadata: { 'error.type': TOOL_ERROR_TYPE },
    });
  } catch {
    // Recording is best effort; the app's result is untouched.
  }
}

/**
 * End `span` with an error the call threw (an McpError's JSON-RPC code goes
 * to `error.type` and `rpc.response.status_code`). Never throws.
 */
export function endWithError(span: ToolSpan, error: unknown): void {
  try {
    const code = errorCode(error);
    const recorded = asError(error);
    const metadata: Record<string, unknown> =
      code === undefined
        ? { 'error.type': recorded.name || 'Error' }
        : { 'error.type': String(code), 'rpc.response.status_code': String(code) };
    span.error({ error: recorded, attributes: { success: false }, metadata });
  } catch {
    // Recording is best effort; the app's error is rethrown unchanged.
  }
}
