import type { ExportedAISpan } from '@aitracing/core';
import { type Attributes, type SpanContext, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { mapGenAi } from './genai-attributes';
import { durationHrTime, millisToHrTime } from './internal/hr-time';
import { mapOpenInference } from './openinference-attributes';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version';

/** Options of {@link SpanConverter}. */
export interface SpanConverterOptions {
  /** The resource every span carries (see `createResource`). */
  readonly resource: Resource;
  /**
   * Include prompts, completions, tool arguments and results.
   * @defaultValue `true`
   */
  readonly captureContent?: boolean;
  /**
   * Add OpenInference attributes (Arize Phoenix, Arize) next to the GenAI ones.
   * @defaultValue `false`
   */
  readonly openInference?: boolean;
  /**
   * Span names: `'genai'` follows the GenAI conventions (`chat gpt-4o`,
   * `execute_tool search`); `'original'` keeps the AI span's own name (what
   * Langfuse shows as the observation name).
   * @defaultValue `'genai'`
   */
  readonly spanNames?: 'genai' | 'original';
  /** Attributes added to every span (after the mapping, so they win). */
  readonly extraAttributes?: (span: ExportedAISpan) => Attributes | undefined;
}

/** The instrumentation scope of every converted span. */
export const INSTRUMENTATION_SCOPE: InstrumentationScope = { name: PACKAGE_NAME, version: PACKAGE_VERSION };

/**
 * Turns finished AI spans into OpenTelemetry `ReadableSpan`s that any OTel
 * span exporter accepts: same trace and span ids, the exported parent,
 * exact start and end times, status and an `exception` event on error,
 * GenAI semantic-convention attributes, the configured resource and this
 * package as instrumentation scope. Reused by the Langfuse exporter.
 *
 * @example
 * ```ts
 * const converter = new SpanConverter({ resource: createResource({ serviceName: 'support' }) });
 * otlpExporter.export([converter.convert(exportedSpan)], done);
 * ```
 */
export class SpanConverter {
  readonly #resource: Resource;
  readonly #captureContent: boolean;
  readonly #openInference: boolean;
  readonly #extraAttributes: SpanConverterOptions['extraAttributes'];
  readonly #originalNames: boolean;

  constructor(options: SpanConverterOptions) {
    this.#resource = options.resource;
    this.#captureContent = options.captureContent ?? true;
    this.#openInference = options.openInference ?? false;
    this.#extraAttributes = options.extraAttributes;
    this.#originalNames = options.spanNames === 'original';
  }

  /** Convert one finished span. Never throws for any exported span. */
  convert(span: ExportedAISpan): ReadableSpan {
    const mapping = mapGenAi(span, { captureContent: this.#captureContent });
    let attributes = mapping.attributes;
    if (this.#openInference)
      attributes = Object.assign(attributes, mapOpenInference(span, this.#captureContent));
    const extra = this.#extraAttributes?.(span);
    if (extra !== undefined) attributes = Object.assign(attributes, extra);
    const endTime = span.endTime ?? span.startTime;
    const spanContext: SpanContext = {
      traceId: span.traceId,
      spanId: span.id,
      traceFlags: TraceFlags.SAMPLED,
    };
    const parentSpanContext: SpanContext | undefined =
      span.parentSpanId === undefined
        ? undefined
        : {
            traceId: span.traceId,
            spanId: span.parentSpanId,
            traceFlags: TraceFlags.SAMPLED,
            isRemote: span.isRootSpan,
          };
    const events: TimedEvent[] = [];
    if (span.errorInfo !== undefined) {
      const exceptionAttributes: Attributes = {
        'exception.type': span.errorInfo.name ?? 'Error',
        'exception.message': span.errorInfo.message,
      };
      if (span.errorInfo.stack !== undefined)
        exceptionAttributes['exception.stacktrace'] = span.errorInfo.stack;
      events.push({
        name: 'exception',
        time: millisToHrTime(endTime),
        attributes: exceptionAttributes,
        droppedAttributesCount: 0,
      });
    }
    return {
      name: this.#originalNames ? span.name : mapping.name,
      kind: mapping.kind,
      spanContext: () => spanContext,
      parentSpanContext,
      startTime: millisToHrTime(span.startTime),
      endTime: millisToHrTime(endTime),
      duration: durationHrTime(span.startTime, endTime),
      status:
        span.errorInfo === undefined
          ? { code: SpanStatusCode.UNSET }
          : { code: SpanStatusCode.ERROR, message: span.errorInfo.message },
      attributes,
      links: [],
      events,
      ended: true,
      resource: this.#resource,
      instrumentationScope: INSTRUMENTATION_SCOPE,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }
}
