// The slice of dd-trace's API this package uses, typed structurally so that
// our public types never depend on dd-trace's own declarations (which differ
// between 5.x and 6.x). Every optional member is feature-detected at run time.

/** A dd-trace span context. */
export interface DdSpanContext {
  toSpanId(): string;
  /** `true`: the full 128-bit id as hex (dd-trace >= 5.x) */
  toTraceId(hex?: boolean): string;
}

/** A dd-trace span (opentracing-style). */
export interface DdSpan {
  context(): DdSpanContext;
  setTag(key: string, value: unknown): unknown;
  addTags(tags: Record<string, unknown>): unknown;
  setOperationName(name: string): unknown;
  /** First call wins; `finishTime` is epoch milliseconds (fractional allowed) */
  finish(finishTime?: number): void;
  /** Span events (dd-trace >= 5.x with span events support) */
  addEvent?(name: string, attributes?: Record<string, unknown>, startTime?: number): void;
}

/** Options of `tracer.startSpan`. */
export interface DdStartSpanOptions {
  /** Parent span; `null` starts a new trace whatever span is active */
  childOf?: DdSpan | null;
  /** Epoch milliseconds, fractional allowed */
  startTime?: number;
  tags?: Record<string, unknown>;
}

/** A message of an LLM span's input or output. */
export interface DdLLMObsMessage {
  role: string;
  content: string;
}

/** Options of `llmobs.trace`. */
export interface DdLLMObsSpanOptions extends DdStartSpanOptions {
  kind: string;
  name: string;
  modelName?: string;
  modelProvider?: string;
  sessionId?: string;
  mlApp?: string;
}

/** Options of `llmobs.annotate`. */
export interface DdLLMObsAnnotation {
  inputData?: unknown;
  outputData?: unknown;
  metadata?: Record<string, unknown>;
  metrics?: Record<string, number>;
  tags?: Record<string, string>;
  prompt?: DdLLMObsPrompt;
}

/** A prompt as dd-trace stores it in `meta.input.prompt` of an LLM span (`tagPrompt`). */
export interface DdLLMObsPrompt {
  id: string;
  version?: string;
  variables?: Record<string, string>;
  template?: string;
  chat_template?: Array<{ role: string; content: string }>;
  _dd_context_variable_keys: string[];
  _dd_query_variable_keys: string[];
}

/** `tracer.llmobs`: the LLM Observability SDK. */
export interface DdLLMObs {
  readonly enabled?: boolean;
  trace<T>(options: DdLLMObsSpanOptions, fn: (span: DdSpan) => T): T;
  annotate(span: DdSpan, options: DdLLMObsAnnotation): void;
  flush(): void;
  /** Deprecated in dd-trace, still the only way to turn LLM Observability on after `init` */
  enable?(options: { mlApp?: string; agentlessEnabled?: boolean }): void;
}

/** The dd-trace tracer singleton (`require('dd-trace')`). */
export interface DdTracer {
  init(options?: Record<string, unknown>): unknown;
  startSpan(name: string, options?: DdStartSpanOptions): DdSpan;
  readonly llmobs?: DdLLMObs;
  /** Internal: true once `init()` ran (stable across 5.x and 6.x) */
  readonly _initialized?: boolean;
  readonly _tracer?: {
    /** Internal: the configuration dd-trace resolved (options, `DD_*` variables, defaults) */
    readonly _config?: DdTracerConfig;
  };
}

/** The fields of dd-trace's resolved configuration the exporter reads; each may be absent. */
export interface DdTracerConfig {
  readonly service?: unknown;
  readonly env?: unknown;
  readonly version?: unknown;
  readonly site?: unknown;
  /** The agent URL (a `URL`), resolved from the `url` option, `DD_TRACE_AGENT_URL` or host and port */
  readonly url?: unknown;
  /** `DD_TAGS` and the `tags` option */
  readonly parsedDdTags?: unknown;
  readonly llmobs?: { readonly mlApp?: unknown };
}
