import type { AISpan, AISpanType, HeaderCarrier, RemoteTraceContext } from '@aitracing/core';
import { extractContext, injectContext } from '@aitracing/core';

/** `params` of an MCP request as far as this package reads them. */
export interface RequestParamsLike {
  readonly name?: unknown;
  readonly arguments?: unknown;
  readonly _meta?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `params` whose `_meta` also carries `traceparent` / `tracestate` /
 * `baggage` for `span` (OTel MCP semantic conventions, SEP-414). The caller's
 * object is never mutated and its own `_meta` keys (e.g. `progressToken`) are
 * kept; our trace keys win because our span is the real parent. Returns
 * `params` itself when there is nothing to propagate.
 */
export function withTraceMeta<TParams extends object>(params: TParams, span: AISpan<AISpanType>): TParams {
  const carrier: Record<string, string> = {};
  injectContext(carrier, span);
  if (carrier.traceparent === undefined) return params;
  const existing = (params as RequestParamsLike)._meta;
  const meta: Record<string, unknown> = isRecord(existing) ? Object.assign({}, existing, carrier) : carrier;
  return Object.assign({}, params, { _meta: meta });
}

/** The remote trace context in a request's `params._meta`, if any valid one. Never throws. */
export function remoteContextOf(params: unknown): RemoteTraceContext | undefined {
  if (!isRecord(params)) return undefined;
  const meta = params._meta;
  if (!isRecord(meta)) return undefined;
  return extractContext(meta as HeaderCarrier);
}
