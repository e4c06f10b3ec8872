import { getCurrentSpan } from '../context/async-context';
import { currentAttributeScope } from '../context/attribute-scope';
import type { DefaultAISpan } from '../spans/default-ai-span';
import { isSampledOutTrace } from '../spans/sampled-out-span';
import type { AISpanType } from '../types/span-type';
import type { AISpan } from '../types/tracing';
import { normalizeBaggage } from './baggage';
import { withAttributeBaggage } from './baggage-attributes';
import { formatTraceparent, parseTraceparent } from './traceparent';
import { normalizeTracestate } from './tracestate';

/**
 * Headers to read from or write to: a plain object (Node's
 * `IncomingHttpHeaders`, an outgoing headers record) or anything with
 * `get` / `set` (fetch `Headers`, `Map`).
 */
export type HeaderCarrier =
  | Record<string, string | string[] | number | undefined>
  | { get(name: string): unknown; set(name: string, value: string): unknown };

/**
 * A trace context received from another service. Spread it into
 * `startSpan` options to continue that trace.
 */
export interface RemoteTraceContext {
  /** Trace id of the remote trace (32 hex) */
  readonly traceId: string;
  /** Id of the remote parent span (16 hex) */
  readonly parentSpanId: string;
  /** The remote sampling decision */
  readonly sampled: boolean;
  /** Validated `tracestate`, when present */
  readonly traceState?: string;
  /** Validated `baggage`, when present */
  readonly baggage?: string;
}

function hasGetter(
  carrier: HeaderCarrier,
): carrier is { get(name: string): unknown; set(name: string, value: string): unknown } {
  return typeof (carrier as { get?: unknown }).get === 'function';
}

function readHeader(carrier: HeaderCarrier, name: string): string | undefined {
  let value: unknown;
  if (hasGetter(carrier)) {
    value = carrier.get(name);
  } else {
    value = carrier[name];
    if (value === undefined) {
      // Plain objects may keep the sender's capitalisation.
      for (const key of Object.keys(carrier)) {
        if (key.toLowerCase() === name) {
          value = carrier[key];
          break;
        }
      }
    }
  }
  if (typeof value === 'string') return value;
  // Repeated header lines: a list for tracestate and baggage, invalid for traceparent.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return name === 'traceparent' ? (value.length === 1 ? value[0] : undefined) : value.join(',');
  }
  return undefined;
}

function writeHeader(carrier: HeaderCarrier, name: string, value: string): void {
  if (hasGetter(carrier) && typeof carrier.set === 'function') carrier.set(name, value);
  else (carrier as Record<string, string>)[name] = value;
}

/**
 * Read W3C Trace Context (`traceparent`, `tracestate`) and `baggage` from
 * incoming headers. Returns undefined when there is no valid `traceparent`
 * (start a new trace). Never throws.
 *
 * @example
 * ```ts
 * const span = tracing.startSpan({ type: AISpanType.AGENT_RUN, name: 'handle', ...extractContext(req.headers) });
 * ```
 */
export function extractContext(carrier: HeaderCarrier | null | undefined): RemoteTraceContext | undefined {
  try {
    if (carrier === null || carrier === undefined || typeof carrier !== 'object') return undefined;
    const parent = parseTraceparent(readHeader(carrier, 'traceparent'));
    if (parent === undefined) return undefined;
    const traceState = normalizeTracestate(readHeader(carrier, 'tracestate'));
    const baggage = normalizeBaggage(readHeader(carrier, 'baggage'));
    const context: { -readonly [K in keyof RemoteTraceContext]: RemoteTraceContext[K] } = {
      traceId: parent.traceId,
      parentSpanId: parent.parentSpanId,
      sampled: parent.sampled,
    };
    if (traceState !== undefined) context.traceState = traceState;
    if (baggage !== undefined) context.baggage = baggage;
    return context;
  } catch {
    return undefined;
  }
}

/**
 * Write the W3C Trace Context of `span` (default: the current span) into
 * outgoing headers: `traceparent` with this span as parent and its sampling
 * decision, plus `tracestate` and `baggage` received from upstream (and,
 * when the span's instance sets `TracingConfig.baggage`, the span's user,
 * session and tags as `aitracing.*` baggage entries). A
 * sampled-out trace is propagated too, with its trace id and the sampled flag
 * `00`, so the next service keeps the decision instead of sampling on its
 * own. Writes nothing outside a traced context (or for a span that carries
 * no trace, e.g. with tracing not configured). Never throws; returns the
 * carrier.
 */
export function injectContext<TCarrier extends HeaderCarrier>(
  carrier: TCarrier,
  span?: AISpan<AISpanType>,
): TCarrier {
  try {
    const source = span ?? getCurrentSpan();
    if (source === undefined) return carrier;
    const sampled = source.isValid;
    if (!sampled && !isSampledOutTrace(source)) return carrier;
    writeHeader(carrier, 'traceparent', formatTraceparent(source.traceId, source.id, sampled));
    const recorded = source as Partial<DefaultAISpan<AISpanType>>;
    const propagated = recorded.propagated;
    if (propagated?.traceState !== undefined) writeHeader(carrier, 'tracestate', propagated.traceState);
    let baggage = propagated?.baggage;
    // User, session and tags travel only when the span's instance opted in (TracingConfig.baggage).
    const options = source.aiTracing?.getConfig().baggage;
    if (options !== undefined && options !== null) {
      const context = recorded.context ?? (span === undefined ? currentAttributeScope() : undefined);
      baggage = withAttributeBaggage(baggage, context, options);
    }
    if (baggage !== undefined) writeHeader(carrier, 'baggage', baggage);
  } catch {
    // A read-only or exotic carrier: propagation is best effort, never an error for the app.
  }
  return carrier;
}
