import type { LLMGenerationAttributes, LLMParameters } from '@aitracing/core';

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

/**
 * What the span starts with: read before core decides whether the trace is
 * sampled, so only a few field reads and no walk over the request.
 */
export interface GenerationStart {
  name: string;
  /** `model`, `provider`, `operation` and `streaming`. */
  attributes: LLMGenerationAttributes;
  /** Constant metadata (a custom sampler sees it), e.g. `{ api: 'responses' }`. */
  metadata?: Record<string, unknown>;
}

/** The rest of the request, mapped only once the span is known to record. */
export interface GenerationDetails {
  parameters?: LLMParameters;
  input?: unknown;
}

/** One traced SDK method: how its request and its result map to a generation span. */
export interface GenerationOperation {
  /** Span name and the attributes a sampler sees (cheap: the sampled-out path pays for it). */
  start(body: Record<string, unknown>): GenerationStart;
  /** Parameters, input (`captureContent` decides) and metadata of a recorded call. */
  details(body: Record<string, unknown>, captureContent: boolean): GenerationDetails;
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
