// The slice of the OpenTelemetry API (`@opentelemetry/api` 1.x) the AI SDK v5
// and v6 call on the tracer of `experimental_telemetry`. Declared here, shape
// for shape, so that this package needs no OpenTelemetry dependency while its
// tracer stays assignable to the SDK's `Tracer` type.

/** An OpenTelemetry `SpanContext`. */
export interface OpenTelemetrySpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

/** An OpenTelemetry `Span`, as the AI SDK uses it. */
export interface OpenTelemetrySpanLike {
  spanContext(): OpenTelemetrySpanContextLike;
  setAttribute(key: string, value: unknown): this;
  setAttributes(attributes: Record<string, unknown>): this;
  addEvent(name: string, attributesOrStartTime?: unknown, startTime?: unknown): this;
  addLink(link: unknown): this;
  addLinks(links: unknown[]): this;
  setStatus(status: { code: number; message?: string }): this;
  updateName(name: string): this;
  end(endTime?: unknown): void;
  isRecording(): boolean;
  recordException(exception: unknown, time?: unknown): void;
}

/** OpenTelemetry `SpanOptions`: only `attributes` is read. */
export interface OpenTelemetrySpanOptionsLike {
  attributes?: Record<string, unknown>;
}

/** An OpenTelemetry `Tracer`, as the AI SDK uses it. */
export interface OpenTelemetryTracerLike {
  startSpan(name: string, options?: OpenTelemetrySpanOptionsLike, context?: unknown): OpenTelemetrySpanLike;
  startActiveSpan<F extends (span: OpenTelemetrySpanLike) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: OpenTelemetrySpanLike) => unknown>(
    name: string,
    options: OpenTelemetrySpanOptionsLike,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: OpenTelemetrySpanLike) => unknown>(
    name: string,
    options: OpenTelemetrySpanOptionsLike,
    context: unknown,
    fn: F,
  ): ReturnType<F>;
}
