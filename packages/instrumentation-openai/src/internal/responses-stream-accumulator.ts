import type { LLMGenerationAttributes } from '@aitracing/core';
import { assistantOutput, type RecordedToolCall } from './assistant-output';
import {
  field,
  type GenerationRecord,
  responseModelOf,
  type StreamAccumulator,
  stringField,
} from './generation-operation';
import { responseRecord } from './response-record';

// Events that carry the final `response` (with output and usage).
const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Joins a Responses API event stream into one generation: the final
 * `response.completed` (or `incomplete` / `failed`) event's response gives
 * output, usage and status; until it arrives (an abandoned stream), the
 * `response.output_text.delta` and function-call argument deltas received so
 * far are the output.
 */
export class ResponsesStreamAccumulator implements StreamAccumulator {
  lastText: string | undefined;
  readonly #requestedModel: string | undefined;
  readonly #captureContent: boolean;
  #text = '';
  #servedModel: unknown;
  #finalResponse: unknown;
  readonly #toolCalls = new Map<string, RecordedToolCall>();

  constructor(requestedModel: string | undefined, captureContent: boolean) {
    this.#requestedModel = requestedModel;
    this.#captureContent = captureContent;
  }

  add(event: unknown): string | undefined {
    this.lastText = undefined;
    const type = field(event, 'type');
    if (type === 'response.output_text.delta') {
      const delta = stringField(event, 'delta');
      if (delta === undefined || delta === '') return undefined;
      this.lastText = delta;
      if (this.#captureContent) this.#text += delta;
      return 'text-delta';
    }
    if (type === 'response.function_call_arguments.delta') {
      if (this.#captureContent) {
        const call = this.#toolCall(stringField(event, 'item_id'));
        call.arguments += stringField(event, 'delta') ?? '';
      }
      return 'tool-call-delta';
    }
    if (type === 'response.output_item.added') {
      const item = field(event, 'item');
      if (field(item, 'type') === 'function_call' && this.#captureContent) {
        const call = this.#toolCall(stringField(item, 'id'));
        call.id = stringField(item, 'call_id') ?? call.id;
        call.name = stringField(item, 'name');
      }
      return undefined;
    }
    if (typeof type === 'string' && (type === 'response.created' || FINAL_EVENTS.has(type))) {
      const response = field(event, 'response');
      this.#servedModel ??= field(response, 'model');
      if (FINAL_EVENTS.has(type)) this.#finalResponse = response;
    }
    return undefined;
  }

  #toolCall(itemId: string | undefined): RecordedToolCall {
    const key = itemId ?? String(this.#toolCalls.size);
    let call = this.#toolCalls.get(key);
    if (call === undefined) {
      call = { id: itemId, name: undefined, arguments: '' };
      this.#toolCalls.set(key, call);
    }
    return call;
  }

  finish(): GenerationRecord {
    if (this.#finalResponse !== undefined) {
      return responseRecord(this.#finalResponse, this.#requestedModel, this.#captureContent, this.#text);
    }
    const attributes: LLMGenerationAttributes = {};
    const responseModel = responseModelOf(this.#servedModel, this.#requestedModel);
    if (responseModel !== undefined) attributes.responseModel = responseModel;
    const record: GenerationRecord = { attributes };
    if (this.#captureContent) record.output = assistantOutput(this.#text, [...this.#toolCalls.values()]);
    return record;
  }
}
