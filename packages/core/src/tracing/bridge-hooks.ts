import { describeError, type LogOnce } from '../exporter-kit/log-once';
import type { ExportedAISpan } from '../types/exported-span';
import type { AITracingExporter, ExporterInitOptions } from '../types/exporter';
import type { AISpanType } from '../types/span-type';
import type { BridgedSpan, ExternalParent, TracingBridge } from '../types/tracing-bridge';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

function validIds(traceId: unknown, spanId: unknown): boolean {
  return (
    typeof traceId === 'string' &&
    TRACE_ID.test(traceId) &&
    traceId !== ZERO_TRACE_ID &&
    typeof spanId === 'string' &&
    SPAN_ID.test(spanId) &&
    spanId !== ZERO_SPAN_ID
  );
}

/**
 * Core's side of a {@link TracingBridge}: every call guarded (a failing
 * bridge is logged once per kind of failure and skipped for that span), and
 * the ids it hands back checked before a span adopts them. Exists only when
 * a bridge is configured, so spans of other instances pay nothing.
 */
export class BridgeHooks {
  readonly #bridge: TracingBridge;
  readonly #log: LogOnce;

  constructor(bridge: TracingBridge, log: LogOnce) {
    this.#bridge = bridge;
    this.#log = log;
  }

  init(options: ExporterInitOptions, exporters: readonly AITracingExporter[]): void {
    try {
      this.#bridge.init?.({
        logger: options.logger,
        serviceName: options.serviceName,
        tracingName: options.tracingName,
        exporters,
      });
    } catch (error) {
      this.#failed('init', error);
    }
  }

  /** The other system's active span, when it is a valid parent. */
  externalParent(): ExternalParent | undefined {
    try {
      const parent = this.#bridge.externalParent();
      if (parent === undefined || parent === null) return undefined;
      return validIds(parent.traceId, parent.spanId) ? parent : undefined;
    } catch (error) {
      this.#failed('external-parent', error);
      return undefined;
    }
  }

  /**
   * Mirror a starting span. `traceId` and `parentSpanId` are what the span
   * will have (undefined for a new trace); a mirrored span in another trace,
   * or with ids that are not W3C ids, is not adopted.
   */
  start(
    name: string,
    type: AISpanType,
    startTime: number,
    isEvent: boolean,
    parent: BridgedSpan | undefined,
    traceId: string | undefined,
    parentSpanId: string | undefined,
  ): BridgedSpan | undefined {
    try {
      const bridged = this.#bridge.startSpan({
        name,
        type,
        startTime,
        isEvent,
        parent,
        traceId,
        parentSpanId,
      });
      if (bridged === undefined || bridged === null) return undefined;
      const adoptable =
        validIds(bridged.traceId, bridged.spanId) &&
        (traceId === undefined || bridged.traceId === traceId) &&
        bridged.spanId !== parentSpanId;
      if (adoptable) return bridged;
      this.#log.warn(
        'bridge-ids',
        `tracing bridge "${this.#bridge.name}" returned ids that do not fit the trace; those spans keep ids of their own (logged once)`,
      );
      return undefined;
    } catch (error) {
      this.#failed('start', error);
      return undefined;
    }
  }

  end(bridged: BridgedSpan, span: ExportedAISpan | undefined, endTime: number): void {
    try {
      bridged.end(span, endTime);
    } catch (error) {
      this.#failed('end', error);
    }
  }

  #failed(where: string, error: unknown): void {
    this.#log.error(
      `bridge:${where}`,
      `tracing bridge "${this.#bridge.name}" failed in ${where}; tracing goes on without it there (logged once):`,
      describeError(error),
    );
  }
}
