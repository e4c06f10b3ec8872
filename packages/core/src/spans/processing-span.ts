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
import type { AISpanType } from '../types/span-type';
import type { AISpan, AITracing, AnyAISpan } from '../types/tracing';
import type { DefaultAISpan } from './default-ai-span';

/**
 * What processors receive: the span's identity plus private, already
 * serialised copies of its data. Processors may replace `attributes`,
 * `metadata`, `input`, `output` and `errorInfo` freely; neither the live span
 * nor the user's objects change. Methods act on the live span.
 */
export class ProcessingSpan implements AISpan<AISpanType> {
  readonly id: string;
  readonly traceId: string;
  readonly type: AISpanType;
  readonly name: string;
  readonly startTime: number;
  readonly endTime: number | undefined;
  isInternal: boolean;
  parent: AnyAISpan | undefined;
  aiTracing: AITracing;
  attributes: AISpanTypeMap[AISpanType] | undefined;
  metadata: Record<string, unknown> | undefined;
  input: unknown;
  output: unknown;
  errorInfo: AISpanErrorInfo | undefined;
  readonly #live: DefaultAISpan<AISpanType>;

  constructor(
    live: DefaultAISpan<AISpanType>,
    data: {
      attributes?: unknown;
      metadata?: unknown;
      input?: unknown;
      output?: unknown;
      errorInfo?: AISpanErrorInfo;
    },
  ) {
    this.#live = live;
    this.id = live.id;
    this.traceId = live.traceId;
    this.type = live.type;
    this.name = live.name;
    this.startTime = live.startTime;
    this.endTime = live.endTime;
    this.isInternal = live.isInternal;
    this.parent = live.parent;
    this.aiTracing = live.aiTracing;
    this.attributes = data.attributes as AISpanTypeMap[AISpanType] | undefined;
    this.metadata = data.metadata as Record<string, unknown> | undefined;
    this.input = data.input;
    this.output = data.output;
    this.errorInfo = data.errorInfo;
  }

  get isRootSpan(): boolean {
    return this.#live.isRootSpan;
  }

  get isValid(): boolean {
    return true;
  }

  end(options?: EndSpanOptions<AISpanType>): void {
    this.#live.end(options);
  }

  error(options: ErrorSpanOptions<AISpanType>): void {
    this.#live.error(options);
  }

  update(options: UpdateSpanOptions<AISpanType>): void {
    this.#live.update(options);
  }

  createChildSpan<TChildType extends AISpanType>(options: ChildSpanOptions<TChildType>): AISpan<TChildType> {
    return this.#live.createChildSpan(options);
  }

  createEventSpan<TChildType extends AISpanType>(options: ChildEventOptions<TChildType>): AISpan<TChildType> {
    return this.#live.createEventSpan(options);
  }

  score(input: SpanScoreInput): void {
    this.#live.score(input);
  }
}
