import type { LLMGenerationAttributes } from '@aitracing/core';

/** What a finished call adds to its generation span. */
export interface GenerationRecord {
  attributes: LLMGenerationAttributes;
  output?: unknown;
  metadata?: Record<string, unknown>;
}

/** Collects a stream's chunks into one generation. */
export interface StreamAccumulator {
  /**
   * Take one chunk; returns its kind (`'text-delta'`, `'tool-call-delta'`, …)
   * when it carries content, else undefined. Never throws on odd chunks.
   */
  add(chunk: unknown): string | undefined;
  /** The text the last chunk added, for `LLM_CHUNK` spans. */
  readonly lastText: string | undefined;
  /** What was received so far, as the generation's record. */
  finish(): GenerationRecord;
}

/** The request as the span starts it. */
export interface GenerationRequest {
  name: string;
  attributes: LLMGenerationAttributes;
  input: unknown;
  metadata?: Record<string, unknown>;
}

/** One traced SDK method: how its request and its result map to a generation span. */
export interface GenerationOperation {
  /** Span attributes and input of a request body (`captureContent` decides the input). */
  request(body: Record<string, unknown>, captureContent: boolean): GenerationRequest;
  /** A parsed, non-streamed result. */
  result(value: unknown, requestedModel: string | undefined, captureContent: boolean): GenerationRecord;
  /** An accumulator for a streamed call. */
  accumulator(requestedModel: string | undefined, captureContent: boolean): StreamAccumulator;
}

/** Reads an object field safely: undefined for anything that is not an object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A string field, else undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  const result = field(value, key);
  return typeof result === 'string' ? result : undefined;
}

/** The served model when it differs from the requested one. */
export function responseModelOf(served: unknown, requested: string | undefined): string | undefined {
  return typeof served === 'string' && served !== requested ? served : undefined;
}
