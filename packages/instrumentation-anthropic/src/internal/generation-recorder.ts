import { type AISpan, AISpanType, type LLMGenerationAttributes } from '@aitracing/core';
import { spanNow } from '@aitracing/core/instrumentation';
import type { AnthropicMessage, AnthropicStreamEvent } from './anthropic-shapes';
import { errorView } from './error-view';
import { messageOutput, toResponseAttributes } from './response-mapping';
import { StreamAccumulator } from './stream-accumulator';

/** How a stream ended, as `metadata.streamStatus`. */
export type StreamStatus = 'completed' | 'aborted' | 'abandoned' | 'errored';

/**
 * Records one generation span from the moment the request is sent to the
 * moment its response (or stream) ends. Ends the span exactly once; every
 * method swallows its own failures, so recording never reaches the app.
 */
export class GenerationRecorder {
  readonly span: AISpan<AISpanType.LLM_GENERATION>;
  #ended = false;
  readonly #requestedModel: string | undefined;
  readonly #captureContent: boolean;
  readonly #captureChunks: boolean;
  #stream: StreamAccumulator | undefined;
  #completionStartTime: number | undefined;

  constructor(
    span: AISpan<AISpanType.LLM_GENERATION>,
    requestedModel: string | undefined,
    captureContent: boolean,
    captureChunks: boolean,
  ) {
    this.span = span;
    this.#requestedModel = requestedModel;
    this.#captureContent = captureContent;
    this.#captureChunks = captureChunks;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** A non-streamed response arrived: usage, finish reason, output. */
  endWithMessage(message: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      const value = (message ?? {}) as AnthropicMessage;
      const metadata = typeof value.id === 'string' ? { responseId: value.id } : undefined;
      this.span.end({
        attributes: toResponseAttributes(this.#requestedModel, value.model, value.usage, value.stop_reason),
        output: this.#captureContent ? messageOutput(value) : undefined,
        metadata,
      });
    } catch {
      this.#endQuietly();
    }
  }

  /** The app read the raw response (`asResponse()`) instead of the parsed body: nothing more to see. */
  endWithoutBody(): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      this.span.end({ metadata: { responseReadByApp: true } });
    } catch {
      this.#endQuietly();
    }
  }

  /** The response is a stream: from now on the span ends with the stream. */
  startStream(): void {
    this.#stream ??= new StreamAccumulator(this.#captureContent);
  }

  /** One event of a streamed response reached the app. */
  streamEvent(event: unknown): void {
    if (this.#ended) return;
    try {
      this.#stream ??= new StreamAccumulator(this.#captureContent);
      const accumulator = this.#stream;
      if (accumulator.add(event as AnthropicStreamEvent)) this.#completionStartTime = spanNow(this.span);
      if (this.#captureChunks) this.#chunkSpan(event as AnthropicStreamEvent, accumulator.chunkCount);
    } catch {
      // A malformed event is the SDK's to report; the span keeps what it has.
    }
  }

  /** The stream ended (completed, aborted or abandoned): end with what was received. */
  endStream(status: StreamStatus): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      this.span.end({
        attributes: this.#streamAttributes(),
        output: this.#captureContent
          ? (this.#stream?.output() ?? { role: 'assistant', content: '' })
          : undefined,
        metadata: this.#streamMetadata(status),
      });
    } catch {
      this.#endQuietly();
    }
  }

  /** The request or its stream failed: record the SDK's error (the app gets it unchanged). */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      const streaming = this.#stream !== undefined;
      // `error()` takes no output: what the stream delivered before failing is set directly.
      if (streaming && this.#captureContent) this.span.output = this.#stream?.output();
      this.span.error({
        error: errorView(error),
        attributes: streaming ? this.#streamAttributes() : undefined,
        metadata: streaming ? this.#streamMetadata('errored') : undefined,
      });
    } catch {
      this.#endQuietly();
    }
  }

  #streamAttributes(): Partial<LLMGenerationAttributes> {
    const stream = this.#stream;
    if (stream === undefined) return {};
    const attributes = toResponseAttributes(
      this.#requestedModel,
      stream.model,
      stream.usage,
      stream.stopReason,
    );
    if (this.#completionStartTime !== undefined) attributes.completionStartTime = this.#completionStartTime;
    return attributes;
  }

  #streamMetadata(status: StreamStatus): Record<string, unknown> {
    const metadata: Record<string, unknown> = {
      streamStatus: status,
      chunkCount: this.#stream?.chunkCount ?? 0,
    };
    if (this.#stream?.messageId !== undefined) metadata.responseId = this.#stream.messageId;
    return metadata;
  }

  #chunkSpan(event: AnthropicStreamEvent, sequenceNumber: number): void {
    const delta = event?.delta;
    const chunkType = typeof delta?.type === 'string' ? delta.type : String(event?.type);
    let output: unknown;
    if (this.#captureContent && delta !== undefined && delta !== null) {
      output = delta.text ?? delta.partial_json ?? delta.thinking;
    }
    this.span.createEventSpan({
      type: AISpanType.LLM_CHUNK,
      name: `chunk ${chunkType}`,
      attributes: { chunkType, sequenceNumber },
      output,
    });
  }

  #endQuietly(): void {
    try {
      this.span.end();
    } catch {
      // Nothing left to do: core logs its own failures.
    }
  }
}
