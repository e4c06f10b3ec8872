import type { ExportedAISpan } from '@aitracing/core';
import { mapGenAi } from './genai-attributes';
import type { GenAiConventions } from './genai-conventions';
import { mapOpenInference } from './openinference-attributes';
import type {
  OtlpAttributes,
  OtlpInstrumentationScope,
  OtlpResource,
  OtlpSpan,
  OtlpSpanEvent,
} from './otlp-span';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version';

/** Options of {@link SpanConverter}. */
export interface SpanConverterOptions {
  /** The resource every span carries (see `createResource`). */
  readonly resource: OtlpResource;
  /**
   * The instrumentation scope of every span.
   * @defaultValue {@link INSTRUMENTATION_SCOPE} (this package)
   */
  readonly scope?: OtlpInstrumentationScope;
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
  /** Attributes added to every span (after the mapping, so they win). Called once per span, at conversion. */
  readonly extraAttributes?: (span: ExportedAISpan) => OtlpAttributes | undefined;
  /**
   * Which flavour of the GenAI conventions to emit (see `GenAiConventions`).
   * @defaultValue from the environment (`OTEL_SEMCONV_STABILITY_OPT_IN`, `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`)
   */
  readonly conventions?: GenAiConventions;
}

/** The instrumentation scope of every converted span: this package, name and version. */
export const INSTRUMENTATION_SCOPE: OtlpInstrumentationScope = {
  name: PACKAGE_NAME,
  version: PACKAGE_VERSION,
};

const NO_EVENTS: readonly OtlpSpanEvent[] = [];
const NO_LINKS: OtlpSpan['links'] = [];
// W3C trace flags: every span that reaches an exporter was sampled.
const SAMPLED = 1;
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

/**
 * Turns finished AI spans into {@link OtlpSpan}s for `OtlpTraceEncoder`:
 * same trace and span ids, the exported parent (remote when the span
 * continues a trace from another process), exact start and end times,
 * status and an `exception` event on error, GenAI semantic-convention
 * attributes (from `mapGenAi`), the configured resource and this package
 * as instrumentation scope. Reused by the Langfuse exporter through
 * `spanNames` and `extraAttributes`.
 *
 * @example
 * ```ts
 * const converter = new SpanConverter({ resource: createResource({ serviceName: 'support' }) });
 * const body = new OtlpTraceEncoder().encodeProtobuf([converter.convert(exportedSpan)]);
 * ```
 */
export class SpanConverter {
  readonly #resource: OtlpResource;
  readonly #scope: OtlpInstrumentationScope;
  readonly #captureContent: boolean;
  readonly #openInference: boolean;
  readonly #extraAttributes: SpanConverterOptions['extraAttributes'];
  readonly #originalNames: boolean;
  readonly #conventions: GenAiConventions | undefined;

  constructor(options: SpanConverterOptions) {
    this.#resource = options.resource;
    this.#scope = options.scope ?? INSTRUMENTATION_SCOPE;
    this.#captureContent = options.captureContent ?? true;
    this.#openInference = options.openInference ?? false;
    this.#extraAttributes = options.extraAttributes;
    this.#originalNames = options.spanNames === 'original';
    this.#conventions = options.conventions;
  }

  /** Convert one finished span. Throws only if a mapping hook throws. */
  convert(span: ExportedAISpan): OtlpSpan {
    const mapping = mapGenAi(
      span,
      this.#conventions === undefined
        ? { captureContent: this.#captureContent }
        : { captureContent: this.#captureContent, conventions: this.#conventions },
    );
    let attributes = mapping.attributes as OtlpAttributes;
    if (this.#openInference)
      attributes = Object.assign(attributes, mapOpenInference(span, this.#captureContent));
    const extra = this.#extraAttributes?.(span);
    if (extra !== undefined) attributes = Object.assign(attributes, extra);
    const endTimeMs = span.endTime ?? span.startTime;
    const error = span.errorInfo;
    // Folded chunks and the opt-in message event come from the mapping; an error adds `exception`.
    let events: readonly OtlpSpanEvent[] = mapping.events.length === 0 ? NO_EVENTS : mapping.events;
    if (error !== undefined) {
      const exceptionAttributes: OtlpAttributes = {
        'exception.type': error.name ?? 'Error',
        'exception.message': error.message,
      };
      if (error.stack !== undefined) exceptionAttributes['exception.stacktrace'] = error.stack;
      events = [...events, { name: 'exception', timeMs: endTimeMs, attributes: exceptionAttributes }];
    }
    return {
      traceId: span.traceId,
      spanId: span.id,
      parentSpanId: span.parentSpanId,
      // A root span with a parent continues a trace that started elsewhere.
      parentIsRemote: span.parentSpanId !== undefined && span.isRootSpan,
      traceFlags: SAMPLED,
      name: this.#originalNames ? span.name : mapping.name,
      kind: mapping.kind,
      startTimeMs: span.startTime,
      endTimeMs,
      attributes,
      events,
      links: NO_LINKS,
      statusCode: error === undefined ? STATUS_UNSET : STATUS_ERROR,
      statusMessage: error?.message,
      resource: this.#resource,
      scope: this.#scope,
    };
  }
}
