import type { ExportedAISpan } from '@aitracing/core';
import type { Attributes, TracerProvider } from '@opentelemetry/api';

/** What a custom mapping writes on the OpenTelemetry span when an aitracing span ends. */
export interface OtelBridgeSpanMapping {
  /** The span's final name; omitted: the name it started with */
  readonly name?: string;
  readonly attributes: Attributes;
}

/** Options of {@link OtelBridge}. Every field is optional. */
export interface OtelBridgeOptions {
  /**
   * Where spans go. The global provider is looked up lazily, so an SDK
   * registered after the bridge is created (or never) is fine.
   * @defaultValue the global `TracerProvider` (`trace.getTracerProvider()`)
   */
  readonly tracerProvider?: TracerProvider;
  /**
   * Put span input and output (prompts, completions, tool arguments and
   * results, after the sensitive-data filter) on the OpenTelemetry spans as
   * `aitracing.input` / `aitracing.output`.
   * @defaultValue `AITRACING_CAPTURE_CONTENT`, else `true`
   */
  readonly captureContent?: boolean;
  /**
   * Replace the built-in attribute mapping, e.g. with the OTLP exporter's
   * full GenAI mapping:
   * `mapSpan: (span) => mapGenAi(span, { captureContent: true })`.
   * A mapping that throws is logged once; the span still ends, without its
   * AI attributes.
   */
  readonly mapSpan?: (span: ExportedAISpan) => OtelBridgeSpanMapping;
  /**
   * Say that the tracing instance's OTLP exporter (`OtelExporter`) sends to
   * another backend than your OpenTelemetry SDK does. Without it, having
   * both warns once at startup: to the same backend, every AI span would
   * arrive twice.
   * @defaultValue `false`
   */
  readonly alongsideOtlpExporter?: boolean;
}
