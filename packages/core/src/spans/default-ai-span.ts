import { currentAttributeScope } from '../context/attribute-scope';
import { describeError } from '../exporter-kit/log-once';
import { generateSpanId, generateTraceId } from '../ids/id-generator';
import { nowWithOffset, wallClockOffset } from '../internal/clock';
import { hasContextOptions, mergeAttributes, type SpanContext } from '../internal/span-context';
import type { AISpanErrorInfo } from '../types/exported-span';
import type { SpanScoreInput } from '../types/score';
import type { AISpanTypeMap } from '../types/span-attributes';
import type {
  ChildEventOptions,
  ChildSpanOptions,
  EndSpanOptions,
  ErrorSpanOptions,
  UpdateSpanOptions,
} from '../types/span-options';
import { AISpanType } from '../types/span-type';
import type { AISpan, AITracing, AnyAISpan } from '../types/tracing';
import type { BridgedSpan } from '../types/tracing-bridge';
import type { ChunkFold } from './chunk-fold';
import { toErrorInfo } from './error-info';
import { isInternalSpan } from './internal-spans';
import type { SpanLifecycle } from './span-lifecycle';

/** The creation options a recorded span is built from (start and child options share them). */
export interface SpanCreateOptions<TType extends AISpanType> {
  type: TType;
  name: string;
  attributes?: AISpanTypeMap[TType];
  metadata?: Record<string, unknown>;
  input?: unknown;
  output?: unknown;
  tracingPolicy?: { internal?: number };
  /** Remote parent of a root span (already validated) */
  traceId?: string;
  parentSpanId?: string;
  traceState?: string;
  baggage?: string;
  userId?: string;
  sessionId?: string;
  tags?: readonly string[];
  /** Context a root span continues (read from incoming baggage), under the current scope */
  inheritedContext?: SpanContext;
}

/** What a trace continued from another service carries along for propagation. */
export interface PropagatedContext {
  readonly traceState: string | undefined;
  readonly baggage: string | undefined;
}

/**
 * A recorded (sampled-in) span. State lives in plain fields; methods only
 * merge what they are given and report to the tracing instance, which builds
 * the exported snapshot. No method throws.
 */
export class DefaultAISpan<TType extends AISpanType> implements AISpan<TType> {
  readonly id: string;
  readonly traceId: string;
  readonly type: TType;
  readonly name: string;
  readonly startTime: number;
  endTime: number | undefined;
  isInternal: boolean;
  parent: AnyAISpan | undefined;
  aiTracing: AITracing;
  attributes: AISpanTypeMap[TType] | undefined;
  metadata: Record<string, unknown> | undefined;
  input: unknown;
  output: unknown;
  errorInfo: AISpanErrorInfo | undefined;
  /** Event spans are a point in time and emit only `span_ended`. */
  readonly isEvent: boolean;
  /** Whether exporters see this span (false for hidden internal spans). */
  readonly isExported: boolean;
  /** Id of the nearest exported ancestor: the parent exporters see. */
  readonly exportedParentId: string | undefined;
  /** InternalSpans bits in force for this span and, by default, its children. */
  readonly internalFlags: number;
  /** Turns performance.now() into epoch ms; shared by the whole trace. */
  readonly clockOffset: number;
  /** tracestate and baggage received from a remote parent; shared by the whole trace. */
  readonly propagated: PropagatedContext | undefined;
  /**
   * The span mirroring this one in a bridged tracing system (whose ids this
   * span adopted); for a hidden internal span, its parent's. Undefined
   * without a bridge.
   */
  readonly bridged: BridgedSpan | undefined;
  readonly #lifecycle: SpanLifecycle<DefaultAISpan<AISpanType>>;
  /** A streamed chunk that ends into its parent generation instead of being exported. */
  readonly foldsIntoParent: boolean;
  /** On a generation: what its folded chunks add up to (see chunk-fold.ts). */
  chunkFold: ChunkFold | undefined;
  /** The `propagateAttributes` scope in force when the span started (shared, not copied). */
  readonly scope: SpanContext | undefined;
  /** User, session, tags… of this span: its scope, its parent's and its own options, merged. */
  readonly context: SpanContext | undefined;

  constructor(
    lifecycle: SpanLifecycle<DefaultAISpan<AISpanType>>,
    options: SpanCreateOptions<TType>,
    parent: DefaultAISpan<AISpanType> | undefined,
    isEvent: boolean,
  ) {
    this.#lifecycle = lifecycle;
    this.aiTracing = lifecycle.instance;
    this.type = options.type;
    this.name = options.name;
    this.attributes = options.attributes;
    this.metadata = options.metadata;
    this.input = options.input;
    this.output = options.output;
    this.errorInfo = undefined;
    this.endTime = undefined;
    this.chunkFold = undefined;
    this.isEvent = isEvent;
    this.parent = parent;
    this.internalFlags = options.tracingPolicy?.internal ?? parent?.internalFlags ?? 0;
    this.isInternal = isInternalSpan(options.type, this.internalFlags);
    // No scope and no options (the usual case): two reads, no allocation.
    const scope = currentAttributeScope();
    this.scope = scope;
    let context: SpanContext | undefined;
    if (parent === undefined) {
      const inherited = options.inheritedContext;
      context =
        inherited === undefined || scope === undefined
          ? (scope ?? inherited)
          : mergeAttributes(inherited, scope);
    } else {
      // A child started in its parent's scope (or none) shares the parent's context.
      context =
        scope === undefined || scope === parent.scope
          ? parent.context
          : mergeAttributes(parent.context, scope);
    }
    this.context = hasContextOptions(options) ? mergeAttributes(context, options) : context;
    if (parent === undefined) {
      this.clockOffset = wallClockOffset();
      // A trace continued from another service hangs under the remote parent.
      this.exportedParentId = options.traceId === undefined ? undefined : options.parentSpanId;
      this.propagated =
        options.traceState === undefined && options.baggage === undefined
          ? undefined
          : { traceState: options.traceState, baggage: options.baggage };
      // The root is always exported: a trace without its root is orphaned in every backend.
      this.isExported = true;
      this.foldsIntoParent = false;
    } else {
      this.clockOffset = parent.clockOffset;
      this.propagated = parent.propagated;
      this.exportedParentId = parent.isExported ? parent.id : parent.exportedParentId;
      // A chunk of a generation is folded into it: no span of its own (unless 'spans' is asked for).
      this.foldsIntoParent =
        options.type === AISpanType.LLM_CHUNK && parent.type === AISpanType.LLM_GENERATION;
      this.isExported =
        (!this.isInternal || lifecycle.includeInternalSpans) &&
        (!this.foldsIntoParent || lifecycle.streamChunks === 'spans');
    }
    this.startTime = nowWithOffset(this.clockOffset);
    const traceId = parent === undefined ? options.traceId : parent.traceId;
    const hooks = lifecycle.bridge;
    // With a bridge, an exported span takes the ids of its mirror so both systems name one span.
    const bridged =
      hooks === undefined || !this.isExported
        ? undefined
        : hooks.start(
            this.name,
            this.type,
            this.startTime,
            isEvent,
            parent?.bridged,
            traceId,
            this.exportedParentId,
          );
    if (bridged === undefined) {
      this.id = generateSpanId();
      this.traceId = traceId ?? generateTraceId();
      this.bridged = this.isExported ? undefined : parent?.bridged;
    } else {
      this.id = bridged.spanId;
      this.traceId = bridged.traceId;
      this.bridged = bridged;
    }
  }

  get isRootSpan(): boolean {
    return this.parent === undefined;
  }

  get isValid(): boolean {
    return true;
  }

  end(options?: EndSpanOptions<TType>): void {
    if (this.endTime !== undefined) {
      this.#lifecycle.logger.debug(`end() called on ended span "${this.name}" (${this.id}); ignored`);
      return;
    }
    if (options !== undefined) this.#merge(options, true);
    this.endTime = this.isEvent ? this.startTime : nowWithOffset(this.clockOffset);
    this.#lifecycle.spanEnded(this);
  }

  error(options: ErrorSpanOptions<TType>): void {
    if (this.endTime !== undefined) {
      this.#lifecycle.logger.debug(`error() called on ended span "${this.name}" (${this.id}); ignored`);
      return;
    }
    this.errorInfo = toErrorInfo(options?.error);
    if (options?.endSpan === false) {
      this.#merge(options, false);
      this.#lifecycle.spanUpdated(this);
    } else {
      this.end(options);
    }
  }

  update(options: UpdateSpanOptions<TType>): void {
    if (this.endTime !== undefined) {
      this.#lifecycle.logger.debug(`update() called on ended span "${this.name}" (${this.id}); ignored`);
      return;
    }
    if (options === undefined || options === null) return;
    this.#merge(options, true);
    if (options.input !== undefined) this.input = options.input;
    this.#lifecycle.spanUpdated(this);
  }

  createChildSpan<TChildType extends AISpanType>(options: ChildSpanOptions<TChildType>): AISpan<TChildType> {
    return this.#lifecycle.createChild(this, options, false) as unknown as AISpan<TChildType>;
  }

  createEventSpan<TChildType extends AISpanType>(options: ChildEventOptions<TChildType>): AISpan<TChildType> {
    return this.#lifecycle.createChild(this, options, true) as unknown as AISpan<TChildType>;
  }

  score(input: SpanScoreInput): void {
    this.#lifecycle.scoreSpan(this, input);
  }

  // Merges copy into fresh objects: the caller's objects are never written to.
  #merge(
    options: {
      output?: unknown;
      metadata?: Record<string, unknown>;
      attributes?: Partial<AISpanTypeMap[TType]>;
    },
    withOutput: boolean,
  ): void {
    try {
      if (withOutput && options.output !== undefined) this.output = options.output;
      // Only objects merge: Object.assign would copy a string given by mistake one character per key.
      if (options.metadata !== undefined && options.metadata !== null) {
        this.metadata = bothObjects(this.metadata, options.metadata)
          ? Object.assign({}, this.metadata, options.metadata)
          : options.metadata;
      }
      if (options.attributes !== undefined && options.attributes !== null) {
        this.attributes = (
          bothObjects(this.attributes, options.attributes)
            ? Object.assign({}, this.attributes, options.attributes)
            : options.attributes
        ) as AISpanTypeMap[TType];
      }
    } catch (error) {
      this.#lifecycle.logger.debug(`could not read span options for "${this.name}": ${describeError(error)}`);
    }
  }
}

function bothObjects(current: unknown, update: unknown): boolean {
  return typeof current === 'object' && current !== null && typeof update === 'object';
}
