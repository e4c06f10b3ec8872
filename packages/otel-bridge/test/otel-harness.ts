import type * as http from 'node:http';
import type { SpanContext, SpanKind } from '@opentelemetry/api';

/** A finished OpenTelemetry span, as both SDK majors' in-memory exporters hand it back. */
export interface FinishedOtelSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly spanContext: () => SpanContext;
  readonly parentSpanContext?: SpanContext;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { readonly code: number; readonly message?: string };
  readonly events: readonly { readonly name: string }[];
}

/**
 * An app's OpenTelemetry setup, registered globally: an SDK with an in-memory
 * exporter, async-local-storage context, W3C propagation and the HTTP
 * instrumentation (requests to `/collector` are not recorded server-side:
 * in production the collector is another process).
 */
export interface OtelHarness {
  /** Node's `http` module as the instrumentation patched it */
  readonly http: typeof http;
  finishedSpans(): readonly FinishedOtelSpan[];
  /** Forget the finished spans */
  reset(): void;
  shutdown(): Promise<void>;
}

/** The path a fake collector listens on; ignored by the server-side HTTP instrumentation. */
export const COLLECTOR_PATH = '/collector';
