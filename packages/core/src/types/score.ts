/** How a score's value is read: inferred from the value when omitted. */
export type ScoreDataType = 'numeric' | 'boolean' | 'categorical';

/**
 * Where a score comes from. Well-known values: `'user-feedback'` (a thumbs
 * up from the end user), `'evaluator'` (an automatic judge), `'annotation'`
 * (a human reviewer); any other string is passed on as is.
 */
export type ScoreSource = 'user-feedback' | 'evaluator' | 'annotation' | (string & {});

/**
 * A quality judgement attached to a trace or to one span of it, after the
 * fact: user feedback, an evaluator's verdict, a reviewer's label. Routed to
 * every exporter that has a place for it (Langfuse scores, Datadog LLM
 * Observability evaluations, the OpenTelemetry `gen_ai.evaluation.result`
 * event, the console).
 */
export interface AIScore {
  /** Trace scored, 32 hex characters */
  traceId: string;
  /** Span scored, 16 hex characters; omitted: the whole trace */
  spanId?: string;
  /** What is judged, e.g. `'helpfulness'`, `'user-feedback'`; non-empty */
  name: string;
  /** A finite number, a boolean or a category */
  value: number | boolean | string;
  /** How `value` is read. @defaultValue inferred: number → numeric, boolean → boolean, string → categorical */
  dataType?: ScoreDataType;
  /** Free-text explanation, e.g. the user's comment */
  comment?: string;
  /** Where the score comes from */
  source?: ScoreSource;
  /** Idempotency key: a backend keeps one score per id. @defaultValue 32 random hex characters */
  id?: string;
  /** When the judgement was made, epoch milliseconds. @defaultValue now */
  timestamp?: number;
  /** Anything else to keep with the score (redacted and size-limited like span metadata) */
  metadata?: Record<string, unknown>;
  /** The end user the scored trace was for */
  userId?: string;
  /** The session the scored trace belongs to */
  sessionId?: string;
  /** Deployment environment of the scored trace */
  environment?: string;
}

/** What `score()` accepts: an `AIScore` whose `id`, `timestamp` and `dataType` are filled in when omitted. */
export type ScoreInput = AIScore;

/** What a span's `score()` accepts: the ids come from the span. */
export type SpanScoreInput = Omit<ScoreInput, 'traceId' | 'spanId'>;

/**
 * A score as exporters receive it (`score_added` events): frozen, every
 * default filled, `comment` and `metadata` redacted and serialised within
 * the instance's limits.
 */
export interface ExportedScore {
  readonly id: string;
  readonly traceId: string;
  readonly spanId?: string;
  readonly name: string;
  readonly value: number | boolean | string;
  readonly dataType: ScoreDataType;
  readonly comment?: string;
  readonly source?: string;
  /** Epoch milliseconds */
  readonly timestamp: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly environment?: string;
}
