import type { DdLLMObsMessage } from './dd-trace-api';
import { isRecord, toText } from './values';

/**
 * An LLM span's input as LLM Observability messages. Understands a prompt
 * string, an array of messages (`{ role, content }` with string content or
 * content parts such as `{ type: 'text', text }`), and objects carrying
 * `messages`, `prompt` or `system`. Anything else becomes one user message
 * holding its JSON.
 */
export function toInputMessages(input: unknown): DdLLMObsMessage[] | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (Array.isArray(input)) return input.map((item) => toMessage(item, 'user'));
  if (isRecord(input)) {
    const messages: DdLLMObsMessage[] = [];
    const system = input.system ?? input.instructions;
    if (typeof system === 'string' && system !== '') messages.push({ role: 'system', content: system });
    if (Array.isArray(input.messages)) {
      for (const item of input.messages) messages.push(toMessage(item, 'user'));
      return messages;
    }
    if (typeof input.prompt === 'string') {
      messages.push({ role: 'user', content: input.prompt });
      return messages;
    }
    if (isMessage(input)) return [toMessage(input, 'user')];
  }
  return [{ role: 'user', content: toText(input) }];
}

/**
 * An LLM span's output as LLM Observability messages: a string, a message or
 * an array of messages, an object with `text`, `content` or `messages`;
 * anything else becomes one assistant message holding its JSON.
 */
export function toOutputMessages(output: unknown): DdLLMObsMessage[] | undefined {
  if (output === undefined || output === null || output === '') return undefined;
  if (typeof output === 'string') return [{ role: 'assistant', content: output }];
  if (Array.isArray(output)) return output.map((item) => toMessage(item, 'assistant'));
  if (isRecord(output)) {
    if (isMessage(output)) return [toMessage(output, 'assistant')];
    if (Array.isArray(output.messages)) return output.messages.map((item) => toMessage(item, 'assistant'));
    if (typeof output.text === 'string') return [{ role: 'assistant', content: output.text }];
    if (typeof output.content === 'string') return [{ role: 'assistant', content: output.content }];
  }
  return [{ role: 'assistant', content: toText(output) }];
}

function isMessage(value: Record<string, unknown>): boolean {
  return typeof value.role === 'string' && 'content' in value;
}

function toMessage(item: unknown, defaultRole: string): DdLLMObsMessage {
  if (typeof item === 'string') return { role: defaultRole, content: item };
  if (isRecord(item) && (typeof item.role === 'string' || 'content' in item)) {
    return {
      role: typeof item.role === 'string' ? item.role : defaultRole,
      content: contentToText(item.content),
    };
  }
  return { role: defaultRole, content: toText(item) };
}

/** Message content as text: string parts and `text` parts joined, other parts as JSON. */
function contentToText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return '';
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        if (isRecord(part) && typeof part.text === 'string') return part.text;
        return toText(part);
      })
      .join('');
  }
  return toText(content);
}
