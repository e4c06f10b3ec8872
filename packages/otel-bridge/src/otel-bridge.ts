import {
  AITracingConfigError,
  type BridgedSpan,
  type BridgeSpanStart,
  type ExportedAISpan,
  type ExternalParent,
  getCurrentSpan,
  type TracingBridge,
  type TracingBridgeInitOptions,
} from '@aitracing/core';
import { describeError, genAiOperationOf, LogOnce } from '@aitracing/core/exporter-kit';
import { resolveCaptureContent } from '@aitracing/core/instrumentation';
import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  type Span,
  SpanStatusCode,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { OtelBridgedSpan } from './internal/otel-bridged-span';
import { kindOf, mapSpan, startName } from './internal/span-mapping';
import { PACKAGE_NAME, PACKAGE_VERSION } from './internal/version';
import type { OtelBridgeOptions, OtelBridgeSpanMapping } from './otel-bridge-options';

/** The name `OtelExporter` (from `@aitracing/exporter-otel`) reports. */
const OTLP_EXPORTER_NAME = 'otel';

/**
 * Joins aitracing to the OpenTelemetry SDK your app already runs, in
 * process. Give it to a tracing config as `bridge`:
 *
 * - a root span started inside an active OpenTelemetry span (the HTTP server
 *   span of `@opentelemetry/instrumentation-http`, a span of yours) joins its
 *   trace as a child, honouring its sampling decision;
 * - every exported aitracing span is also an OpenTelemetry span in your
 *   `TracerProvider`, with the same trace and span ids, exact start and end
 *   times, GenAI attributes and an error status;
 * - while an aitracing span is current (`withSpan`, `traced`, the
 *   instrumentations), its OpenTelemetry span is the active one, so the HTTP
 *   calls and DB queries made there are its children.
 *
 * Needs only `@opentelemetry/api` (1.9 or 1.10: SDK 2 or 3). Never throws
 * into your code, except the constructor for invalid options.
 *
 * @example
 * ```ts
 * const observability = new Observability({
 *   configs: { default: { serviceName: 'support', bridge: new OtelBridge() } },
 * });
 * ```
 */
export class OtelBridge implements TracingBridge {
  readonly name = 'otel-bridge';
  readonly #tracer: Tracer;
  readonly #captureContent: boolean;
  readonly #mapSpan: ((span: ExportedAISpan) => OtelBridgeSpanMapping) | undefined;
  readonly #alongsideOtlpExporter: boolean;
  #log: LogOnce | undefined;

  /** @throws `AITracingConfigError` for an option of the wrong kind. */
  constructor(options: OtelBridgeOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new AITracingConfigError('OtelBridge options', 'must be an object');
    }
    const { tracerProvider, captureContent, mapSpan, alongsideOtlpExporter } = options;
    if (tracerProvider !== undefined && typeof tracerProvider?.getTracer !== 'function') {
      throw new AITracingConfigError('tracerProvider', 'must be an OpenTelemetry TracerProvider');
    }
    if (captureContent !== undefined && typeof captureContent !== 'boolean') {
      throw new AITracingConfigError('captureContent', 'must be true or false');
    }
    if (mapSpan !== undefined && typeof mapSpan !== 'function') {
      throw new AITracingConfigError('mapSpan', 'must be a function (span) => { name?, attributes }');
    }
    if (alongsideOtlpExporter !== undefined && typeof alongsideOtlpExporter !== 'boolean') {
      throw new AITracingConfigError('alongsideOtlpExporter', 'must be true or false');
    }
    // The global provider is a proxy: an SDK registered later is picked up.
    this.#tracer = (tracerProvider ?? trace.getTracerProvider()).getTracer(PACKAGE_NAME, PACKAGE_VERSION);
    this.#captureContent = resolveCaptureContent(captureContent);
    this.#mapSpan = mapSpan;
    this.#alongsideOtlpExporter = alongsideOtlpExporter ?? false;
  }

  /** Called by the tracing instance once: takes its logger, warns about spans that would be sent twice. */
  init(options: TracingBridgeInitOptions): void {
    this.#log = new LogOnce(options.logger);
    const otlp = options.exporters.some((exporter) => exporter.name === OTLP_EXPORTER_NAME);
    if (otlp && !this.#alongsideOtlpExporter) {
      this.#log.warn(
        `duplicate:${options.tracingName}`,
        `tracing instance "${options.tracingName}" has both an OtelBridge and an OtelExporter: if your OpenTelemetry SDK exports to the same backend, every AI span arrives there twice. Keep one (the bridge puts AI spans in your app's traces; the exporter sends them on their own), or pass new OtelBridge({ alongsideOtlpExporter: true }) if they go to different backends.`,
      );
    }
  }

  /** The active OpenTelemetry span, when there is a valid one. */
  externalParent(): ExternalParent | undefined {
    const parent = trace.getSpanContext(context.active());
    if (parent === undefined || !isSpanContextValid(parent)) return undefined;
    return {
      traceId: parent.traceId,
      spanId: parent.spanId,
      sampled: (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
      traceState: parent.traceState?.serialize() || undefined,
    };
  }

  /** Start the OpenTelemetry span of a starting aitracing span. */
  startSpan(start: BridgeSpanStart): BridgedSpan | undefined {
    const parent = start.parent instanceof OtelBridgedSpan ? start.parent : undefined;
    const parentContext = this.#parentContext(start, parent);
    const operation = genAiOperationOf(start.type);
    const attributes: Attributes = { 'aitracing.span.type': start.type };
    if (operation !== undefined) attributes['gen_ai.operation.name'] = operation;
    const span = this.#tracer.startSpan(
      startName(start.name, start.type),
      {
        kind: kindOf(start.type),
        startTime: start.startTime,
        attributes,
        root: start.traceId === undefined,
      },
      parentContext,
    );
    const ids = span.spanContext();
    // No SDK registered: the no-op tracer hands back an invalid context or the parent's own.
    if (!isSpanContextValid(ids) || ids.spanId === start.parentSpanId) return undefined;
    return new OtelBridgedSpan(span, trace.setSpan(parentContext, span), this.#finish);
  }

  // The parent's own context when it is bridged here; else the trace the span
  // joins, as a remote parent, unless it is the active span already.
  #parentContext(start: BridgeSpanStart, parent: OtelBridgedSpan | undefined): Context {
    if (parent !== undefined && parent.traceId === start.traceId && parent.spanId === start.parentSpanId) {
      return this.#spanOfTheAppInside(parent) ?? parent.context;
    }
    const active = context.active();
    if (start.traceId === undefined || start.parentSpanId === undefined) return active;
    const current = trace.getSpanContext(active);
    if (current !== undefined && current.traceId === start.traceId && current.spanId === start.parentSpanId) {
      return active;
    }
    return trace.setSpanContext(active, {
      traceId: start.traceId,
      spanId: start.parentSpanId,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
  }

  // Inside the parent's scope, an OpenTelemetry span the app started there (a
  // retrieval step, a framework's span) is the closer parent: the mirror goes
  // under it, so the app's trace nests as the code ran. Our exporters keep the
  // aitracing parent (they do not know that span).
  #spanOfTheAppInside(parent: OtelBridgedSpan): Context | undefined {
    const current = getCurrentSpan() as { readonly bridged?: unknown } | undefined;
    if (current?.bridged !== parent) return undefined;
    const active = context.active();
    const activeSpan = trace.getSpanContext(active);
    if (
      activeSpan === undefined ||
      activeSpan.traceId !== parent.traceId ||
      activeSpan.spanId === parent.spanId
    ) {
      return undefined;
    }
    return active;
  }

  readonly #finish = (span: Span, exported: ExportedAISpan | undefined, endTime: number): void => {
    if (exported !== undefined) {
      const mapping = this.#mapping(exported);
      if (mapping !== undefined) {
        if (typeof mapping.name === 'string' && mapping.name !== '') span.updateName(mapping.name);
        span.setAttributes(mapping.attributes);
      }
      const error = exported.errorInfo;
      if (error !== undefined) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        const exception: Attributes = {
          'exception.type': error.name ?? 'Error',
          'exception.message': error.message,
        };
        if (error.stack !== undefined) exception['exception.stacktrace'] = error.stack;
        span.addEvent('exception', exception, endTime);
      }
    }
    span.end(endTime);
  };

  #mapping(exported: ExportedAISpan): OtelBridgeSpanMapping | undefined {
    if (this.#mapSpan === undefined) return mapSpan(exported, this.#captureContent);
    try {
      return this.#mapSpan(exported);
    } catch (error) {
      this.#log?.error(
        'map-span',
        'OtelBridge mapSpan threw; spans end without AI attributes (logged once):',
        describeError(error),
      );
      return undefined;
    }
  }
}
