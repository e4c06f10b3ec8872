/**
 * Trace-level context that every span created inside `propagateAttributes`
 * carries: who the trace is for, which conversation it belongs to, how to
 * group it. Exporters map these fields to their backend's native places
 * (Langfuse user/session/tags, Datadog LLM Observability `session_id` and
 * tags, OpenTelemetry `user.id` / `session.id`).
 */
export interface PropagatedAttributes {
  /** The end user the work is done for. Control characters are stripped; at most 200 characters */
  userId?: string;
  /** The conversation or session the trace belongs to. Same limits as `userId` */
  sessionId?: string;
  /** Labels to filter and group traces by. Nested scopes add to them; at most 50 tags of 200 characters */
  tags?: readonly string[];
  /** Metadata merged under each span's own metadata (the span's own keys win) */
  metadata?: Record<string, unknown>;
  /** Deployment environment for these spans, e.g. `'staging'` (overrides the exporter's default) */
  environment?: string;
  /** Release or version of the code that produced these spans, e.g. a git sha */
  release?: string;
}

/**
 * The per-span trace context options: explicit values win over
 * `propagateAttributes` and are inherited by the span's descendants.
 */
export interface SpanContextOptions {
  /** The end user; wins over the scoped `userId` */
  userId?: string;
  /** The session; wins over the scoped `sessionId` */
  sessionId?: string;
  /** Tags of this span and its descendants, added to the scoped ones */
  tags?: readonly string[];
}

/** Which attributes `injectContext` carries to downstream services in W3C `baggage`. */
export type BaggageAttributeKey = 'userId' | 'sessionId' | 'tags';

/**
 * W3C `baggage` propagation of user, session and tags (see
 * `TracingConfig.baggage`). Values are percent-encoded and sanitised; the
 * whole header is capped at `maxBytes`.
 */
export interface BaggagePropagationOptions {
  /**
   * The attributes carried, as baggage entries `aitracing.user_id`,
   * `aitracing.session_id` and `aitracing.tags` (comma-separated).
   * @defaultValue `['userId', 'sessionId']`
   */
  keys?: readonly BaggageAttributeKey[];
  /**
   * Most bytes of the written `baggage` header; entries past it are left out.
   * @defaultValue `1024`
   */
  maxBytes?: number;
}
