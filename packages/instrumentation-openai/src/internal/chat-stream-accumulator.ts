import type { LLMGenerationAttributes } from '@aitracing/core';
import { assistantOutput, type RecordedToolCall } from './assistant-output';
import {
  field,
  type GenerationRecord,
  responseModelOf,
  type StreamAccumulator,
  stringField,
} from './generation-operation';
import { chatUsage } from './usage';

/**
 * Joins a Chat Completions stream (`chat.completion.chunk` objects) into one
 * generation: the text of the first choice, tool-call argument pieces joined
 * per tool-call index, the finish reason, and usage from the final usage
 * chunk (present only when the app asked with `stream_options.include_usage`).
 */
export class ChatStreamAccumulator implements StreamAccumulator {
  lastText: string | undefined;
  readonly #requestedModel: string | undefined;
  readonly #captureContent: boolean;
  #text = '';
  #toolCalls: RecordedToolCall[] | undefined;
  #servedModel: unknown;
  #finishReason: string | undefined;
  #usage: unknown;

  constructor(requestedModel: string | undefined, captureContent: boolean) {
    this.#requestedModel = requestedModel;
    this.#captureContent = captureContent;
  }

  add(chunk: unknown): string | undefined {
    this.lastText = undefined;
    if (this.#servedModel === undefined) this.#servedModel = field(chunk, 'model');
    const usage = field(chunk, 'usage');
    if (usage !== undefined && usage !== null) this.#usage = usage;
    const choices = field(chunk, 'choices');
    if (!Array.isArray(choices)) return undefined;
    let kind: string | undefined;
    for (const choice of choices) {
      // Other choices (n > 1) are counted in the chunks, not joined.
      if ((field(choice, 'index') ?? 0) !== 0) continue;
      const finishReason = stringField(choice, 'finish_reason');
      if (finishReason !== undefined) this.#finishReason = finishReason;
      const delta = field(choice, 'delta');
      const content = stringField(delta, 'content');
      if (content !== undefined && content !== '') {
        kind = 'text-delta';
        this.lastText = content;
        if (this.#captureContent) this.#text += content;
      }
      const toolCalls = field(delta, 'tool_calls');
      if (Array.isArray(toolCalls) && toolCalls.length > 0) {
        kind ??= 'tool-call-delta';
        if (this.#captureContent) this.#addToolCalls(toolCalls);
      }
    }
    return kind;
  }

  #addToolCalls(pieces: unknown[]): void {
    this.#toolCalls ??= [];
    for (const piece of pieces) {
      const index = field(piece, 'index');
      const slot = typeof index === 'number' && index >= 0 && index < 1024 ? index : this.#toolCalls.length;
      let call = this.#toolCalls[slot];
      if (call === undefined) {
        call = { id: undefined, name: undefined, arguments: '' };
        this.#toolCalls[slot] = call;
      }
      const id = stringField(piece, 'id');
      if (id !== undefined) call.id = id;
      const fn = field(piece, 'function');
      const name = stringField(fn, 'name');
      if (name !== undefined) call.name = name;
      const argumentsPiece = stringField(fn, 'arguments');
      if (argumentsPiece !== undefined) call.arguments += argumentsPiece;
    }
  }

  finish(): GenerationRecord {
    const attributes: LLMGenerationAttributes = {};
    const responseModel = responseModelOf(this.#servedModel, this.#requestedModel);
    if (responseModel !== undefined) attributes.responseModel = responseModel;
    const usage = chatUsage(this.#usage);
    if (usage !== undefined) attributes.usage = usage;
    if (this.#finishReason !== undefined) attributes.finishReason = this.#finishReason;
    const record: GenerationRecord = { attributes };
    if (this.#captureContent) {
      record.output = assistantOutput(
        this.#text,
        this.#toolCalls?.filter((call) => call !== undefined),
      );
    }
    return record;
  }
}
