import { describeError, type LogOnce } from '../exporter-kit/log-once';
import { type SpanContext, sanitizeContextValue } from '../internal/span-context';
import { safeSerialize, serializeToTape } from '../serialization/safe-serialize';
import type { SerializationLimits } from '../serialization/serialization-options';
import { SerializedTape } from '../serialization/tape-tokens';
import { withChunkFold } from '../spans/chunk-fold';
import type { DefaultAISpan } from '../spans/default-ai-span';
import { ProcessingSpan } from '../spans/processing-span';
import type { AISpanErrorInfo, ExportedAISpan } from '../types/exported-span';
import type { AISpanType } from '../types/span-type';
import type { AISpanProcessor, AnyAISpan } from '../types/tracing';
import type { SnapshotPlans } from './snapshot-plan';

const PROCESSOR_FAILED = '[REDACTED: processor failed]';
// Metadata the span set by hand is the user's business: what sanitising cuts there is not warned about.
const IGNORED = { count: 0 };

/** The data fields of a span snapshot, as processors may change them. */
interface SpanData {
  attributes?: ExportedAISpan['attributes'];
  metadata?: ExportedAISpan['metadata'];
  input?: unknown;
  output?: unknown;
  errorInfo?: AISpanErrorInfo;
}

type MutableExportedSpan = { -readonly [Key in keyof ExportedAISpan]: ExportedAISpan[Key] };

/**
 * Builds the plain snapshot exporters share from a live span: serialise once
 * (our own copy: processors may change it freely), run the processors in
 * order, add the trace context (user, session, tags). Processors that throw
 * fail closed: the span's data is replaced by a marker.
 */
export class SpanSnapshotBuilder {
  readonly #plans: SnapshotPlans;
  readonly #limits: SerializationLimits;
  readonly #includeIO: boolean;
  readonly #log: LogOnce;

  constructor(plans: SnapshotPlans, limits: SerializationLimits, includeIO: boolean, log: LogOnce) {
    this.#plans = plans;
    this.#limits = limits;
    this.#includeIO = includeIO;
    this.#log = log;
  }

  /** The frozen snapshot of `span`, or undefined when a processor dropped it. */
  build(span: DefaultAISpan<AISpanType>): ExportedAISpan | undefined {
    const limits = this.#limits;
    const plan = this.#plans.byType.get(span.type) ?? this.#plans.other;
    const redactor = plan.redactor;
    const context = span.context;
    // Plain locals, not a data object: most spans go through no processor at all.
    let attributes = safeSerialize(span.attributes, limits, redactor) as SpanData['attributes'];
    const fold = span.chunkFold;
    if (fold !== undefined) attributes = withChunkFold(attributes, fold) as SpanData['attributes'];
    let metadata = safeSerialize(
      context?.metadata === undefined ? span.metadata : scopedMetadata(context.metadata, span.metadata),
      limits,
      redactor,
    ) as SpanData['metadata'];
    // Objects and arrays stay tapes until an exporter reads them: cheaper to keep alive in a batch.
    let input = this.#includeIO ? serializeToTape(span.input, limits, redactor) : undefined;
    let output = this.#includeIO ? serializeToTape(span.output, limits, redactor) : undefined;
    let errorInfo =
      span.errorInfo === undefined
        ? undefined
        : (safeSerialize(span.errorInfo, limits, redactor) as AISpanErrorInfo);
    for (const { processor, fastPath } of plan.enrichments) {
      try {
        attributes = fastPath.enrichAttributes(
          attributes as Record<string, unknown> | undefined,
        ) as SpanData['attributes'];
      } catch (error) {
        this.#processorFailed(processor, error);
        attributes = undefined;
        input = undefined;
        output = undefined;
        metadata = { processorError: PROCESSOR_FAILED };
        if (errorInfo !== undefined) errorInfo = { message: PROCESSOR_FAILED };
      }
    }
    const processors = plan.processors;
    if (processors.length > 0) {
      const data: SpanData = {
        attributes,
        metadata,
        input: input instanceof SerializedTape ? input.materialize() : input,
        output: output instanceof SerializedTape ? output.materialize() : output,
        errorInfo,
      };
      const processed = this.#process(processors, new ProcessingSpan(span, data));
      if (processed === undefined) return undefined;
      ({ attributes, metadata, input, output, errorInfo } = processed);
    }
    const exported: MutableExportedSpan =
      input instanceof SerializedTape || output instanceof SerializedTape
        ? withLazyIO(span, attributes, metadata, input, output, errorInfo)
        : {
            id: span.id,
            traceId: span.traceId,
            parentSpanId: span.exportedParentId,
            name: span.name,
            type: span.type,
            startTime: span.startTime,
            endTime: span.endTime,
            attributes,
            metadata,
            input,
            output,
            errorInfo,
            isEvent: span.isEvent,
            isRootSpan: span.isRootSpan,
          };
    if (fold?.events !== undefined) exported.events = fold.events.slice();
    if (context !== undefined) this.#addContext(exported, context);
    // Spans that set `metadata.userId` / `metadata.sessionId` by hand get the fields too.
    if (exported.userId === undefined || exported.sessionId === undefined)
      addFromMetadata(exported, metadata);
    return Object.freeze(exported);
  }

  #addContext(exported: MutableExportedSpan, context: SpanContext): void {
    if (context.userId !== undefined) exported.userId = context.userId;
    if (context.sessionId !== undefined) exported.sessionId = context.sessionId;
    if (context.tags !== undefined) exported.tags = context.tags;
    if (context.environment !== undefined) exported.environment = context.environment;
    if (context.release !== undefined) exported.release = context.release;
    if (context.capped > 0) {
      this.#log.warn(
        'context-capped',
        `${context.capped} user/session/tag value(s) were cut or dropped to stay within limits ` +
          '(200 characters, no control characters, at most 50 tags; logged once)',
      );
    }
  }

  #process(processors: readonly AISpanProcessor[], view: AnyAISpan): AnyAISpan | undefined {
    for (const processor of processors) {
      try {
        const result = processor.process(view);
        if (result === undefined || result === null) return undefined;
        view = result;
      } catch (error) {
        this.#processorFailed(processor, error);
        view.attributes = undefined;
        view.input = undefined;
        view.output = undefined;
        view.metadata = { processorError: PROCESSOR_FAILED };
        if (view.errorInfo !== undefined) view.errorInfo = { message: PROCESSOR_FAILED };
      }
    }
    return view;
  }

  #processorFailed(processor: AISpanProcessor, error: unknown): void {
    this.#log.error(
      `processor:${processor.name}`,
      `processor "${processor.name}" threw; span data is withheld from export (fail closed):`,
      describeError(error),
    );
  }
}

// Scoped metadata under the span's own (its keys win); a fresh object, the user's are never written to.
function scopedMetadata(
  scoped: Readonly<Record<string, unknown>>,
  own: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return typeof own === 'object' && own !== null ? Object.assign({}, scoped, own) : Object.assign({}, scoped);
}

function addFromMetadata(exported: MutableExportedSpan, metadata: SpanData['metadata']): void {
  if (metadata === undefined || metadata === null || typeof metadata !== 'object') return;
  const { userId, sessionId } = metadata as { userId?: unknown; sessionId?: unknown };
  const user = exported.userId === undefined ? sanitizeContextValue(userId, IGNORED) : undefined;
  if (user !== undefined) exported.userId = user;
  const session = exported.sessionId === undefined ? sanitizeContextValue(sessionId, IGNORED) : undefined;
  if (session !== undefined) exported.sessionId = session;
}

// Where a snapshot with lazy input/output keeps them (a non-enumerable own property).
const LAZY_IO: unique symbol = Symbol('aitracing.lazyIO');

interface LazyIO {
  input: unknown;
  output: unknown;
}

type WithLazyIO = { [LAZY_IO]?: LazyIO };

// Shared getters, not closures per span: an object literal with accessors (or a
// closure context holding the tapes) costs more in the garbage collector than the tapes save.
const LAZY_IO_PROPERTIES: PropertyDescriptorMap = {
  input: {
    get(this: WithLazyIO): unknown {
      const lazy = this[LAZY_IO];
      if (lazy === undefined) return undefined;
      if (lazy.input instanceof SerializedTape) lazy.input = lazy.input.materialize();
      return lazy.input;
    },
    enumerable: true,
  },
  output: {
    get(this: WithLazyIO): unknown {
      const lazy = this[LAZY_IO];
      if (lazy === undefined) return undefined;
      if (lazy.output instanceof SerializedTape) lazy.output = lazy.output.materialize();
      return lazy.output;
    },
    enumerable: true,
  },
};

/**
 * The snapshot with `input` and `output` as own enumerable getters (spread,
 * `Object.keys`, `JSON.stringify` and `structuredClone` all see them): a tape
 * is materialised on first read, and every later read returns that object.
 * Keys in the same order as the plain snapshot's.
 */
function withLazyIO(
  span: DefaultAISpan<AISpanType>,
  attributes: SpanData['attributes'],
  metadata: SpanData['metadata'],
  input: unknown,
  output: unknown,
  errorInfo: AISpanErrorInfo | undefined,
): MutableExportedSpan {
  const exported = {
    id: span.id,
    traceId: span.traceId,
    parentSpanId: span.exportedParentId,
    name: span.name,
    type: span.type,
    startTime: span.startTime,
    endTime: span.endTime,
    attributes,
    metadata,
  } as MutableExportedSpan;
  const lazy: LazyIO = { input, output };
  Object.defineProperty(exported, LAZY_IO, { value: lazy });
  Object.defineProperties(exported, LAZY_IO_PROPERTIES);
  exported.errorInfo = errorInfo;
  exported.isEvent = span.isEvent;
  exported.isRootSpan = span.isRootSpan;
  return exported;
}
