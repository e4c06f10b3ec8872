import type { LLMGenerationAttributes } from '@aitracing/core';
import { type AssistantOutput, assistantOutput } from './assistant-output';
import { definedFields, eventField, eventString } from './event-fields';
import { llmParameters } from './llm-parameters';
import { providerName } from './provider-name';

// Pure mapping of the AI SDK v7 telemetry events to aitracing span data.

/** Model and provider of an event (`modelId`, `provider`). */
export function eventModel(event: unknown): Pick<LLMGenerationAttributes, 'model' | 'provider'> {
  return { model: eventString(event, 'modelId'), provider: providerName(eventField(event, 'provider')) };
}

/** Model parameters of an event carrying the call settings. */
export function eventParameters(event: unknown): LLMGenerationAttributes['parameters'] {
  return llmParameters((key) => eventField(event, key));
}

/** The call's prompt as the app gave it: `{ system?, prompt?, messages? }`. */
export function eventPrompt(event: unknown): Record<string, unknown> | undefined {
  return definedFields({
    system: eventField(event, 'instructions') ?? eventField(event, 'system'),
    prompt: eventField(event, 'prompt'),
    messages: eventField(event, 'messages'),
  });
}

/** The messages of one model call: the messages array, or `{ system, messages }` when instructions are separate. */
export function eventModelMessages(event: unknown): unknown {
  const system = eventField(event, 'instructions');
  const messages = eventField(event, 'messages');
  return system === undefined ? messages : { system, messages };
}

/** The model call's output from its content parts: text parts joined, tool-call parts as tool calls. */
export function contentOutput(content: unknown): AssistantOutput | undefined {
  if (!Array.isArray(content)) return undefined;
  let text = '';
  const toolCalls: unknown[] = [];
  for (const part of content) {
    const type = eventField(part, 'type');
    if (type === 'text') {
      const value = eventField(part, 'text');
      if (typeof value === 'string') text += value;
    } else if (type === 'tool-call') {
      toolCalls.push(part);
    }
  }
  return assistantOutput(text, toolCalls);
}

/** `count` and `dimensions` of an embedding result (one vector or many). */
export function embeddingResultMetadata(embedding: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(embedding)) return undefined;
  const first: unknown = embedding[0];
  if (Array.isArray(first)) return { count: embedding.length, dimensions: first.length };
  return { count: 1, dimensions: embedding.length };
}
