import type { BridgedSpan, ExternalParent, TracingBridge } from '@aitracing/core';
import { loadDdTrace } from './internal/tracer-setup';

/** Options of {@link DatadogTraceBridge}. */
export interface DatadogTraceBridgeOptions {
  /**
   * The application's dd-trace tracer (`import tracer from 'dd-trace'`).
   * @defaultValue `require('dd-trace')`, resolved from this package
   */
  readonly tracer?: object;
}

// The slice of dd-trace's public API the bridge reads, typed structurally.
interface ActiveSpanSource {
  scope?(): {
    active(): { context(): { toTraceId(hex?: boolean): string; toSpanId(hex?: boolean): string } } | null;
  };
}

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * Puts AI traces inside the request the application's dd-trace is tracing:
 * a root AI span that starts while a dd-trace span is active (the HTTP
 * request of the app's web framework, a job) becomes its child, in the same
 * APM trace, so the LLM call shows up inside the request that made it. Set it
 * as the tracing config's `bridge`, beside a `DatadogExporter`, which sends
 * the AI spans (APM and LLM Observability) with those ids.
 *
 * It only reads dd-trace's active span: nothing is mirrored into dd-trace.
 * Without an active dd-trace span (or without dd-trace initialised) roots
 * start traces of their own, as without the bridge.
 *
 * @example
 * ```ts
 * new Observability({
 *   configs: {
 *     default: { serviceName: 'support', exporters: [new DatadogExporter()], bridge: new DatadogTraceBridge() },
 *   },
 * });
 * ```
 */
export class DatadogTraceBridge implements TracingBridge {
  readonly name = 'datadog';
  readonly #options: DatadogTraceBridgeOptions;
  #tracer: ActiveSpanSource | undefined;

  constructor(options: DatadogTraceBridgeOptions = {}) {
    this.#options = options;
  }

  /** The active dd-trace span as the parent of a new AI trace, if there is one. */
  externalParent(): ExternalParent | undefined {
    this.#tracer ??= (this.#options.tracer ?? loadDdTrace()) as ActiveSpanSource;
    const context = this.#tracer.scope?.().active()?.context();
    if (context === undefined) return undefined;
    const traceId = context.toTraceId(true);
    const spanId = context.toSpanId(true);
    // An id we cannot read as W3C hex (an old dd-trace) joins nothing rather than something wrong.
    if (!HEX_TRACE_ID.test(traceId) || !HEX_SPAN_ID.test(spanId)) return undefined;
    if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return undefined;
    return { traceId, spanId };
  }

  /** Nothing is mirrored into dd-trace: the exporter sends the AI spans itself. */
  startSpan(): BridgedSpan | undefined {
    return undefined;
  }
}
