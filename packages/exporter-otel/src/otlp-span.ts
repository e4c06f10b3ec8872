/**
 * An attribute value as OTLP carries it (`AnyValue`): strings, booleans,
 * numbers (integers in the int64 range as `int_value`, others as
 * `double_value`), bytes, arrays and key-value lists of these. `null` and
 * `undefined` are written as an empty value, as OpenTelemetry's serializer
 * does. Every OpenTelemetry `AttributeValue` is one.
 */
export type OtlpAttributeValue =
  | string
  | number
  | boolean
  | Uint8Array
  | null
  | undefined
  | readonly OtlpAttributeValue[]
  | { readonly [key: string]: OtlpAttributeValue };

/** Attributes by key, written in key order of the object (own enumerable keys). */
export type OtlpAttributes = { [key: string]: OtlpAttributeValue };

/** The service that produced the spans (`Resource`): `service.name`, `telemetry.sdk.*`, … */
export interface OtlpResource {
  readonly attributes: OtlpAttributes;
  readonly schemaUrl?: string;
}

/** What produced the spans (`InstrumentationScope`). */
export interface OtlpInstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly attributes?: OtlpAttributes;
  readonly schemaUrl?: string;
}

/** A timed event of a span (e.g. `exception`). */
export interface OtlpSpanEvent {
  readonly name: string;
  /** Epoch milliseconds with a fraction (written as Unix nanoseconds). */
  readonly timeMs: number;
  readonly attributes?: OtlpAttributes;
}

/** A link to another span, possibly in another trace. */
export interface OtlpSpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState?: string;
  /** W3C trace flags. @defaultValue `1` (sampled) */
  readonly traceFlags?: number;
  readonly isRemote?: boolean;
  readonly attributes?: OtlpAttributes;
}

/** OTLP span kinds (`Span.SpanKind`); OpenTelemetry API's `SpanKind` plus one. */
export const OtlpSpanKind = {
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
/** One of {@link OtlpSpanKind}. */
export type OtlpSpanKind = (typeof OtlpSpanKind)[keyof typeof OtlpSpanKind];

/** OTLP status codes: 0 unset, 1 ok, 2 error (the same numbers as OpenTelemetry's `SpanStatusCode`). */
export type OtlpStatusCode = 0 | 1 | 2;

/**
 * One finished span, ready for OTLP encoding: what `SpanConverter` makes of
 * an exported AI span and `OtlpTraceEncoder` writes. Plain data; resource
 * and scope are shared objects (spans are grouped by their identity).
 */
export interface OtlpSpan {
  /** 32 hex characters. */
  readonly traceId: string;
  /** 16 hex characters. */
  readonly spanId: string;
  /** 16 hex characters; undefined for a root span. */
  readonly parentSpanId: string | undefined;
  /** Whether the parent lives in another process (a continued remote trace). */
  readonly parentIsRemote: boolean;
  /** W3C `tracestate`, as received. */
  readonly traceState?: string;
  /** W3C trace flags (1 = sampled). */
  readonly traceFlags: number;
  readonly name: string;
  readonly kind: OtlpSpanKind;
  /** Epoch milliseconds with a fraction (written as Unix nanoseconds). */
  readonly startTimeMs: number;
  /** Epoch milliseconds with a fraction. */
  readonly endTimeMs: number;
  readonly attributes: OtlpAttributes;
  readonly events: readonly OtlpSpanEvent[];
  readonly links: readonly OtlpSpanLink[];
  readonly statusCode: OtlpStatusCode;
  /** Set only with an error status. */
  readonly statusMessage?: string;
  readonly resource: OtlpResource;
  readonly scope: OtlpInstrumentationScope;
}
