import type { AnthropicStreamEvent, AnthropicUsage } from './anthropic-shapes';
import { type GenerationOutput, type ToolCallOutput, toGenerationOutput } from './response-mapping';
import { mergeUsage } from './usage-mapping';

interface ToolBlock {
  id: string | undefined;
  name: string | undefined;
  json: string;
  sawDelta: boolean;
  initialInput: unknown;
}

/**
 * Folds the events of a streamed message into what the generation records:
 * usage (`message_start` input side, `message_delta` cumulative counts), the
 * stop reason, the served model, the text, thinking, and tool_use blocks with
 * their `input_json_delta` pieces joined into complete calls. Text is kept
 * only when content is captured.
 */
export class StreamAccumulator {
  chunkCount = 0;
  /** Set by the caller when the first content delta arrived */
  firstContentSeen = false;
  usage: AnthropicUsage | undefined;
  stopReason: string | undefined;
  model: string | undefined;
  messageId: string | undefined;
  readonly #captureContent: boolean;
  #text = '';
  #reasoning: string | undefined;
  // Sparse by block index: content_block_start opens a block, deltas extend it.
  readonly #tools = new Map<number, ToolBlock>();

  constructor(captureContent: boolean) {
    this.#captureContent = captureContent;
  }

  /** Record one event. Returns true when it carried the first streamed content. */
  add(event: AnthropicStreamEvent): boolean {
    this.chunkCount += 1;
    if (event === null || typeof event !== 'object') return false;
    switch (event.type) {
      case 'message_start': {
        const message = event.message;
        if (message !== undefined && message !== null) {
          if (typeof message.model === 'string') this.model = message.model;
          if (typeof message.id === 'string') this.messageId = message.id;
          this.usage = mergeUsage(this.usage, message.usage);
        }
        return false;
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block?.type === 'tool_use' && typeof event.index === 'number') {
          this.#tools.set(event.index, {
            id: block.id,
            name: block.name,
            json: '',
            sawDelta: false,
            initialInput: block.input,
          });
        } else if (this.#captureContent && block?.type === 'text' && typeof block.text === 'string') {
          this.#text += block.text;
        }
        return false;
      }
      case 'content_block_delta':
        return this.#addDelta(event);
      case 'message_delta':
        if (typeof event.delta?.stop_reason === 'string') this.stopReason = event.delta.stop_reason;
        this.usage = mergeUsage(this.usage, event.usage);
        return false;
      default:
        return false;
    }
  }

  #addDelta(event: AnthropicStreamEvent): boolean {
    const delta = event.delta;
    if (delta === undefined || delta === null) return false;
    if (delta.type === 'input_json_delta') {
      const tool = typeof event.index === 'number' ? this.#tools.get(event.index) : undefined;
      if (this.#captureContent && tool !== undefined && typeof delta.partial_json === 'string') {
        tool.json += delta.partial_json;
        tool.sawDelta = true;
      }
    } else if (this.#captureContent) {
      if (delta.type === 'text_delta' && typeof delta.text === 'string') {
        this.#text += delta.text;
      } else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
        this.#reasoning = (this.#reasoning ?? '') + delta.thinking;
      }
    }
    // Any content delta (text, tool input, thinking, …) is the model's first output.
    const first = !this.firstContentSeen;
    this.firstContentSeen = true;
    return first;
  }

  /** The output so far: joined text, complete tool calls, thinking. */
  output(): GenerationOutput {
    const toolCalls: ToolCallOutput[] = [];
    for (const index of [...this.#tools.keys()].sort((a, b) => a - b)) {
      const tool = this.#tools.get(index) as ToolBlock;
      // A tool without parameters streams no pieces: its input is the one content_block_start carried.
      const args = tool.sawDelta ? tool.json : JSON.stringify(tool.initialInput ?? {});
      toolCalls.push({ id: tool.id, name: tool.name, arguments: args });
    }
    return toGenerationOutput(this.#text, toolCalls, this.#reasoning);
  }
}
