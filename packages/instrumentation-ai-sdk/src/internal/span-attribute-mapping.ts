import type { LLMGenerationAttributes } from '@aitracing/core';
import { type AssistantOutput, assistantOutput } from './assistant-output';
import { llmParameters } from './llm-parameters';
import { providerName } from './provider-name';
import { embeddingUsageFromAttributes, usageFromAttributes } from './usage-mapping';

// Pure mapping of the AI SDK's own `ai.*` OpenTelemetry span attributes (v5 and v6)
// to aitracing span data.

/** Attributes the AI SDK set on one of its spans. */
export type SdkAttributes = Readonly<Record<string, unknown>>;

/** A JSON attribute value, parsed; a value that is not JSON is returned as it is. */
export function parseJsonAttribute(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The string attribute `key`, or undefined. */
export function stringAttribute(attributes: SdkAttributes, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Model parameters of a call (`ai.settings.*`), overridden by a step's `gen_ai.request.*`. */
export function parametersFromAttributes(attributes: SdkAttributes): LLMGenerationAttributes['parameters'] {
  return llmParameters((key) => attributes[`ai.settings.${key}`]);
}

/** Generation attributes known once the AI SDK span ended: response model, usage, finish reason. */
export function generationResultAttributes(
  attributes: SdkAttributes,
  embedding: boolean,
): Partial<LLMGenerationAttributes> {
  const result: Partial<LLMGenerationAttributes> = {};
  const model = stringAttribute(attributes, 'ai.model.id');
  const responseModel = stringAttribute(attributes, 'ai.response.model');
  if (responseModel !== undefined && responseModel !== model) result.responseModel = responseModel;
  const usage = embedding ? embeddingUsageFromAttributes(attributes) : usageFromAttributes(attributes);
  if (usage !== undefined) result.usage = usage;
  const finishReason = stringAttribute(attributes, 'ai.response.finishReason');
  if (finishReason !== undefined) result.finishReason = finishReason;
  return result;
}

/** Model and provider from `ai.model.id` / `ai.model.provider`. */
export function modelAttributes(
  attributes: SdkAttributes,
): Pick<LLMGenerationAttributes, 'model' | 'provider'> {
  return {
    model: stringAttribute(attributes, 'ai.model.id'),
    provider: providerName(attributes['ai.model.provider']),
  };
}

/** The call's prompt as the app gave it (`ai.prompt`: `{ system?, prompt?, messages? }`). */
export function promptInput(attributes: SdkAttributes): unknown {
  return parseJsonAttribute(attributes['ai.prompt']);
}

/** The messages sent to the model in one step (`ai.prompt.messages`). */
export function stepMessagesInput(attributes: SdkAttributes): unknown {
  return parseJsonAttribute(attributes['ai.prompt.messages']);
}

/** The generation output: the text (or object JSON) and the requested tool calls. */
export function generationOutput(attributes: SdkAttributes): AssistantOutput | undefined {
  const text = attributes['ai.response.text'] ?? attributes['ai.response.object'];
  const toolCalls = parseJsonAttribute(attributes['ai.response.toolCalls']);
  if (text === undefined && toolCalls === undefined) return undefined;
  return assistantOutput(text, toolCalls);
}

/** Names of the tools offered to the model (`ai.prompt.tools`: one JSON definition per tool). */
export function toolNames(attributes: SdkAttributes): string[] | undefined {
  const tools = attributes['ai.prompt.tools'];
  if (!Array.isArray(tools)) return undefined;
  const names: string[] = [];
  for (const tool of tools) {
    const name = (parseJsonAttribute(tool) as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** The embedded values (`ai.value` for `embed`, `ai.values` for `embedMany`). */
export function embeddingInput(attributes: SdkAttributes): unknown {
  const values = attributes['ai.values'];
  if (Array.isArray(values)) return values.map(parseJsonAttribute);
  return parseJsonAttribute(attributes['ai.value']);
}

/** `count` and `dimensions` of an embedding call; the vectors themselves are not recorded. */
export function embeddingMetadata(attributes: SdkAttributes): Record<string, unknown> | undefined {
  const single = parseJsonAttribute(attributes['ai.embedding']);
  const many = attributes['ai.embeddings'];
  const first = Array.isArray(many) ? parseJsonAttribute(many[0]) : single;
  const metadata: Record<string, unknown> = {};
  if (Array.isArray(many)) metadata.count = many.length;
  else if (Array.isArray(single)) metadata.count = 1;
  if (Array.isArray(first)) metadata.dimensions = first.length;
  return metadata.count === undefined ? undefined : metadata;
}

/** `functionId` and the app's `metadata` (`ai.telemetry.functionId`, `ai.telemetry.metadata.*`). */
export function telemetryMetadata(attributes: SdkAttributes): Record<string, unknown> | undefined {
  let metadata: Record<string, unknown> | undefined;
  const functionId = stringAttribute(attributes, 'ai.telemetry.functionId');
  if (functionId !== undefined) metadata = { functionId };
  for (const key in attributes) {
    if (key.startsWith('ai.telemetry.metadata.')) {
      metadata ??= {};
      metadata[key.slice('ai.telemetry.metadata.'.length)] = attributes[key];
    }
  }
  return metadata;
}
