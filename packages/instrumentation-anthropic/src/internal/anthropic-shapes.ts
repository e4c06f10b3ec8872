// The parts of `@anthropic-ai/sdk` objects we read, typed structurally so one
// build works with every supported SDK version (0.33 through 1.x) without
// importing the SDK. Every field is optional: the SDK and API grow over time.

/** Usage as the Messages API reports it (in a message, `message_start` and `message_delta`). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** One content block of a response message. */
export interface AnthropicContentBlock {
  type?: string;
  text?: string;
  thinking?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

/** A response message (`messages.create` without streaming, `message_start.message`). */
export interface AnthropicMessage {
  id?: string;
  model?: string;
  role?: string;
  content?: AnthropicContentBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
}

/** The request body of `messages.create` / `messages.stream`. */
export interface AnthropicMessageParams {
  model?: string;
  messages?: unknown;
  system?: unknown;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  stream?: boolean;
  tools?: Array<{ name?: string }>;
}

/** One server-sent event of a streamed message. */
export interface AnthropicStreamEvent {
  type?: string;
  index?: number;
  message?: AnthropicMessage;
  content_block?: AnthropicContentBlock;
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    stop_reason?: string | null;
    stop_sequence?: string | null;
  };
  usage?: AnthropicUsage;
}

/** The SDK's `Stream`: its events come from the `iterator` function it was built with. */
export interface AnthropicStream {
  iterator: (...args: unknown[]) => AsyncIterator<unknown>;
  controller?: { signal?: { aborted?: boolean } };
}

/** The SDK's `APIPromise`: parsing the body starts in `parse()`, `asResponse()` skips it. */
export interface AnthropicAPIPromise {
  parse?: (...args: unknown[]) => PromiseLike<unknown>;
  asResponse?: (...args: unknown[]) => PromiseLike<unknown>;
  then: PromiseLike<unknown>['then'];
}

/** Is `value` the SDK's `Stream` (what `create({ stream: true })` resolves to)? */
export function isAnthropicStream(value: unknown): value is AnthropicStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { iterator?: unknown }).iterator === 'function' &&
    Symbol.asyncIterator in value
  );
}
