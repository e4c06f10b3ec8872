import type { AnyAISpan } from '@aitracing/core';
import { spanNow } from '@aitracing/core/instrumentation';
import type { OpenTelemetrySpanContextLike, OpenTelemetrySpanLike } from '../opentelemetry-shapes';

const ERROR_STATUS = 2;
const INVALID_CONTEXT: OpenTelemetrySpanContextLike = {
  traceId: '00000000000000000000000000000000',
  spanId: '0000000000000000',
  traceFlags: 0,
};

/** Called once when an AI SDK span ends, with the error that ended it (if any). */
export type SdkSpanEnd = (span: SdkSpan, error: Error | undefined) => void;

function errorFromException(exception: unknown, statusMessage: string | undefined): Error {
  if (exception instanceof Error) return exception;
  const fields = (exception !== null && typeof exception === 'object' ? exception : {}) as Record<
    string,
    unknown
  >;
  const message =
    typeof fields.message === 'string'
      ? fields.message
      : typeof exception === 'string'
        ? exception
        : (statusMessage ?? 'AI SDK operation failed');
  const error = new Error(message);
  if (typeof fields.name === 'string') error.name = fields.name;
  error.stack = typeof fields.stack === 'string' ? fields.stack : undefined;
  return error;
}

/**
 * The span object handed to the AI SDK (v5/v6): it collects the attributes,
 * events and errors the SDK records, and on `end()` hands them to its
 * recorder once. When the SDK records an error and ends the span before the
 * operation's promise rejects, the end waits for that rejection so the
 * recorder gets the SDK's own error object (status, code, …) rather than the
 * name/message copy passed to `recordException`.
 */
export class SdkSpan implements OpenTelemetrySpanLike {
  /** Every attribute the SDK set, at start and later */
  readonly attributes: Record<string, unknown>;
  /** Time (on the span's clock) of the SDK's `ai.stream.firstChunk` event */
  firstChunkTime: number | undefined;
  /** Ended by {@link interrupt}: its operation ended before the SDK ended this span */
  interrupted = false;
  #exception: unknown;
  #statusError: string | undefined;
  #failed = false;
  #pending = false;
  #endRequested = false;
  #ended = false;

  constructor(
    readonly name: string,
    attributes: Record<string, unknown> | undefined,
    private readonly span: AnyAISpan | undefined,
    private readonly onEnd: SdkSpanEnd,
  ) {
    this.attributes = {};
    if (attributes !== undefined) this.setAttributes(attributes);
  }

  spanContext(): OpenTelemetrySpanContextLike {
    const span = this.span;
    if (span === undefined || !span.isValid) return INVALID_CONTEXT;
    return { traceId: span.traceId, spanId: span.id, traceFlags: 1 };
  }

  setAttribute(key: string, value: unknown): this {
    if (value !== undefined) this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Record<string, unknown>): this {
    if (attributes === null || typeof attributes !== 'object') return this;
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(name: string): this {
    if (name === 'ai.stream.firstChunk' && this.firstChunkTime === undefined && this.span !== undefined) {
      this.firstChunkTime = spanNow(this.span);
    }
    return this;
  }

  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(status: { code: number; message?: string }): this {
    if (status?.code === ERROR_STATUS) {
      this.#failed = true;
      this.#statusError = typeof status.message === 'string' ? status.message : undefined;
    }
    return this;
  }

  updateName(): this {
    return this;
  }

  isRecording(): boolean {
    return this.span?.isValid === true && !this.#ended;
  }

  recordException(exception: unknown): void {
    this.#failed = true;
    this.#exception = exception;
  }

  end(): void {
    if (this.#ended) return;
    if (this.#pending && this.#failed) {
      this.#endRequested = true;
      return;
    }
    this.#finish(undefined);
  }

  /**
   * End a span the SDK left open because its operation ended first (an
   * aborted stream): it ends with what it received so far.
   */
  interrupt(): void {
    if (this.#ended) return;
    this.interrupted = true;
    this.#finish(undefined);
  }

  /** The operation run under this span (`startActiveSpan`'s callback) is still running. */
  markPending(): void {
    this.#pending = true;
  }

  /** The operation settled: `rejected` with `reason`, or resolved. */
  settle(rejected: boolean, reason: unknown): void {
    this.#pending = false;
    if (this.#ended) return;
    if (rejected) {
      this.#failed = true;
      this.#exception = reason;
      this.#finish(reason);
    } else if (this.#endRequested) {
      this.#finish(undefined);
    }
  }

  #finish(thrown: unknown): void {
    this.#ended = true;
    const error = this.#failed ? errorFromException(thrown ?? this.#exception, this.#statusError) : undefined;
    this.onEnd(this, error);
  }
}
