import type { ExportedAISpan } from './exported-span';
import type { AITracingExporter, ExporterInitOptions } from './exporter';
import type { AISpanType } from './span-type';

/**
 * A span owned by another tracing system (the active OpenTelemetry span) that
 * a new aitracing trace joins as its parent.
 */
export interface ExternalParent {
  /** 32 lowercase hex characters, not all zero */
  readonly traceId: string;
  /** 16 lowercase hex characters, not all zero */
  readonly spanId: string;
  /**
   * The other system's sampling decision, honoured for the whole trace:
   * `false` samples the trace out here too. Undefined: our sampler decides.
   */
  readonly sampled?: boolean;
  /** W3C `tracestate` to carry along */
  readonly traceState?: string;
}

/** What a bridge is told when a recorded, exported span starts. */
export interface BridgeSpanStart {
  readonly name: string;
  readonly type: AISpanType;
  /** Start time, epoch milliseconds (fractional) */
  readonly startTime: number;
  /** An event span: it ends at once, at `startTime` */
  readonly isEvent: boolean;
  /**
   * The bridged span of the nearest exported ancestor; undefined for a root
   * (or when that ancestor could not be bridged).
   */
  readonly parent: BridgedSpan | undefined;
  /**
   * For a root continuing a trace (remote parent, external parent, or a
   * span of another tracing instance): its trace id and parent span id.
   * Both undefined for a root that starts a new trace.
   */
  readonly traceId: string | undefined;
  readonly parentSpanId: string | undefined;
}

/**
 * The other system's span mirroring one aitracing span. The aitracing span
 * adopts its ids, so both systems name the same span.
 */
export interface BridgedSpan {
  /** Trace id the aitracing span adopts (32 hex); must be the parent's for a child */
  readonly traceId: string;
  /** Span id the aitracing span adopts (16 hex) */
  readonly spanId: string;
  /**
   * Run `fn` with this span active in the other system, so that spans it
   * creates there are children of this one. Must call `fn` exactly once and
   * return (or throw) what `fn` does.
   */
  run<TResult>(fn: () => TResult): TResult;
  /**
   * The aitracing span ended. `span` is the snapshot exporters receive
   * (redacted, processed); undefined when a processor dropped it or the
   * instance is shut down.
   */
  end(span: ExportedAISpan | undefined, endTime: number): void;
}

/** What a bridge receives once, when the tracing instance is created. */
export interface TracingBridgeInitOptions extends ExporterInitOptions {
  /** The instance's exporters (to warn about ones that would send spans twice) */
  readonly exporters: readonly AITracingExporter[];
}

/**
 * Connects a tracing instance to another tracing system running in the same
 * process (see `@aitracing/otel-bridge`): roots join the other system's
 * active span, each recorded span is mirrored there with the same ids, and
 * the other system's context is active while an aitracing span is current.
 *
 * Core calls every method inside try/catch: a failing bridge is logged once
 * and tracing goes on without it for that span. Unused (no `bridge` in the
 * config), none of this costs anything per span.
 */
export interface TracingBridge {
  /** Name used in log lines */
  readonly name: string;
  /** Called once, when the tracing instance is created */
  init?(options: TracingBridgeInitOptions): void;
  /**
   * The other system's active span, asked when a root span starts with no
   * aitracing span current, no remote parent and `root` not true.
   */
  externalParent(): ExternalParent | undefined;
  /**
   * A recorded span that exporters see starts: start the mirrored span.
   * Undefined: not mirrored (the span keeps ids of its own).
   */
  startSpan(start: BridgeSpanStart): BridgedSpan | undefined;
}
