import type { LLMGenerationAttributes } from '@aitracing/core';
import { assistantOutput, type RecordedToolCall } from './assistant-output';
import { field, type GenerationRecord, responseModelOf, stringField } from './generation-operation';
import { responsesUsage } from './usage';

/**
 * A Responses API `response` object as a generation record: text of the
 * `output_text` parts, `function_call` items as tool calls, usage, the served
 * model, and as finish reason the status (`completed`, `failed`, …) or, for
 * an incomplete response, its reason (`max_output_tokens`, `content_filter`).
 */
export function responseRecord(
  response: unknown,
  requestedModel: string | undefined,
  captureContent: boolean,
  streamedText?: string,
): GenerationRecord {
  const attributes: LLMGenerationAttributes = {};
  const responseModel = responseModelOf(field(response, 'model'), requestedModel);
  if (responseModel !== undefined) attributes.responseModel = responseModel;
  const usage = responsesUsage(field(response, 'usage'));
  if (usage !== undefined) attributes.usage = usage;
  const status = stringField(response, 'status');
  const finishReason =
    status === 'incomplete'
      ? (stringField(field(response, 'incomplete_details'), 'reason') ?? status)
      : status;
  if (finishReason !== undefined) attributes.finishReason = finishReason;
  const record: GenerationRecord = { attributes };
  if (captureContent) {
    let text = '';
    const toolCalls: RecordedToolCall[] = [];
    const output = field(response, 'output');
    if (Array.isArray(output)) {
      for (const item of output) {
        const type = field(item, 'type');
        if (type === 'message') {
          const parts = field(item, 'content');
          if (!Array.isArray(parts)) continue;
          for (const part of parts) {
            if (field(part, 'type') === 'output_text') text += stringField(part, 'text') ?? '';
          }
        } else if (type === 'function_call') {
          toolCalls.push({
            id: stringField(item, 'call_id') ?? stringField(item, 'id'),
            name: stringField(item, 'name'),
            arguments: stringField(item, 'arguments') ?? '',
          });
        }
      }
    }
    record.output = assistantOutput(
      text === '' && streamedText !== undefined ? streamedText : text,
      toolCalls,
    );
  }
  return record;
}
