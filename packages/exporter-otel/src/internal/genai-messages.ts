import { toJson } from './attribute-values';

/**
 * Our generation inputs and outputs in the GenAI conventions' message format
 * (`{ role, parts: [{ type: 'text', content } | { type: 'tool_call', ... } | ...] }`,
 * see gen-ai-input-messages.json / gen-ai-output-messages.json). Instrumentations
 * record the provider's own shapes (OpenAI, Anthropic, AI SDK), so each part
 * kind is recognised under the names those SDKs use; anything unknown stays
 * as a text part with its JSON, never dropped.
 */

type Fields = Record<string, unknown>;

/** One message part of the convention. */
export type MessagePart = Fields & { readonly type: string };

/** One message of the convention. */
export interface ConventionMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(content: unknown): MessagePart {
  return { type: 'text', content: typeof content === 'string' ? content : toJson(content) };
}

// Tool arguments are an object in the convention: a JSON string is parsed when it can be.
function parsedArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toolCall(id: unknown, name: unknown, args: unknown): MessagePart {
  const part: MessagePart = { type: 'tool_call', name: typeof name === 'string' ? name : '' };
  if (typeof id === 'string' && id !== '') part.id = id;
  part.arguments = parsedArguments(args);
  return part;
}

function toolResponse(id: unknown, response: unknown): MessagePart {
  const part: MessagePart = { type: 'tool_call_response', response: response ?? null };
  if (typeof id === 'string' && id !== '') part.id = id;
  return part;
}

/** One content block (OpenAI, Anthropic or AI SDK spelling) as a convention part. */
function toPart(block: unknown): MessagePart {
  if (typeof block === 'string') return text(block);
  if (!isRecord(block)) return text(block);
  switch (block.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return text(block.text ?? block.content ?? '');
    case 'reasoning':
    case 'thinking':
      return { type: 'reasoning', content: String(block.text ?? block.thinking ?? block.content ?? '') };
    case 'tool_use':
      return toolCall(block.id, block.name, block.input);
    case 'tool-call':
      return toolCall(block.toolCallId, block.toolName, block.input ?? block.args);
    case 'tool_result':
      return toolResponse(block.tool_use_id, block.content);
    case 'tool-result':
      return toolResponse(block.toolCallId, block.output ?? block.result);
    case 'image_url':
      return {
        type: 'uri',
        modality: 'image',
        uri: String((block.image_url as Fields | undefined)?.url ?? ''),
      };
    default:
      return typeof block.text === 'string' ? text(block.text) : text(block);
  }
}

function contentParts(content: unknown): MessagePart[] {
  if (content === undefined || content === null || content === '') return [];
  return Array.isArray(content) ? content.map(toPart) : [toPart(content)];
}

/** Tool calls recorded beside the content: OpenAI `tool_calls`, our instrumentations' `toolCalls`. */
function toolCallParts(message: Fields): MessagePart[] {
  const calls = message.tool_calls ?? message.toolCalls;
  if (!Array.isArray(calls)) return [];
  return calls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : undefined;
    return toolCall(
      call.id ?? call.toolCallId,
      fn?.name ?? call.name ?? call.toolName,
      fn?.arguments ?? call.arguments ?? call.input ?? call.args,
    );
  });
}

function toMessage(value: unknown, defaultRole: string): ConventionMessage {
  if (!isRecord(value) || !('role' in value || 'content' in value)) {
    return { role: defaultRole, parts: [text(value)] };
  }
  const role = typeof value.role === 'string' && value.role !== '' ? value.role : defaultRole;
  const parts: MessagePart[] = [];
  if (typeof value.reasoning === 'string' && value.reasoning !== '')
    parts.push({ type: 'reasoning', content: value.reasoning });
  // An OpenAI tool message is a response to the call it names.
  if (role === 'tool' && typeof value.tool_call_id === 'string') {
    parts.push(toolResponse(value.tool_call_id, value.content));
  } else {
    parts.push(...contentParts(value.content));
  }
  parts.push(...toolCallParts(value));
  return { role, parts };
}

/** Anthropic-style input `{ system, messages }`: the system prompt travels beside the history. */
function historyOf(input: unknown): unknown {
  return isRecord(input) && Array.isArray(input.messages) ? input.messages : input;
}

/** `gen_ai.input.messages` for a generation input (a string, a message list, `{ system, messages }`). */
export function toInputMessages(input: unknown): ConventionMessage[] {
  const history = historyOf(input);
  if (Array.isArray(history)) return history.map((message) => toMessage(message, 'user'));
  return [toMessage(history, 'user')];
}

/** `gen_ai.system_instructions` (parts) from an agent's instructions or an input's separate `system`. */
export function toSystemInstructions(value: unknown): MessagePart[] | undefined {
  const system = isRecord(value) && 'system' in value ? value.system : value;
  if (system === undefined || system === null || system === '') return undefined;
  return contentParts(system);
}

/** Whether an input carries its system prompt beside the history (Anthropic's `system`). */
export function separateSystemOf(input: unknown): unknown {
  return isRecord(input) && Array.isArray(input.messages) ? input.system : undefined;
}

/** `gen_ai.output.messages` for a generation output: one message per choice (we record one). */
export function toOutputMessages(output: unknown, finishReason: string | undefined): ConventionMessage[] {
  const messages = Array.isArray(output)
    ? output.map((item) => toMessage(item, 'assistant'))
    : [toMessage(output, 'assistant')];
  if (finishReason !== undefined) {
    for (const message of messages) message.finish_reason = finishReason;
  }
  return messages;
}
