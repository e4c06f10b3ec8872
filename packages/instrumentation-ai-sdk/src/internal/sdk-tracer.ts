import {
  type AISpan,
  AISpanType,
  type AnyAISpan,
  getCurrentSpan,
  startSpanInContext,
  withSpan,
} from '@aitracing/core';
import { insideInstrumentedGeneration, markInstrumentedGeneration } from '@aitracing/core/instrumentation';
import type {
  OpenTelemetrySpanLike,
  OpenTelemetrySpanOptionsLike,
  OpenTelemetryTracerLike,
} from '../opentelemetry-shapes';
import { neverThrow } from './never-throw';
import { generationName, isStreamingOperation, type OperationKind, operationKind } from './operation-kind';
import type { RecordingSettings } from './recording-settings';
import { SdkSpan } from './sdk-span';
import {
  embeddingInput,
  embeddingMetadata,
  generationOutput,
  generationResultAttributes,
  modelAttributes,
  parametersFromAttributes,
  parseJsonAttribute,
  promptInput,
  type SdkAttributes,
  stepMessagesInput,
  stringAttribute,
  telemetryMetadata,
  toolNames,
} from './span-attribute-mapping';

/** One AI SDK call (`ai.generateText`, …) being recorded. */
interface CallRecord {
  readonly operationId: string;
  readonly kind: OperationKind;
  /** AGENT_RUN for `agent`, else the call's LLM_GENERATION */
  readonly span: AnyAISpan;
  readonly parameters: ReturnType<typeof parametersFromAttributes>;
  /** Attributes of the model-call spans folded into an object/embedding generation */
  readonly folded: Record<string, unknown>;
  firstChunkTime: number | undefined;
  toolsRecorded: boolean;
  /** Step and tool spans the SDK has not ended yet */
  readonly open: Set<SdkSpan>;
}

/** What a started AI SDK span becomes, and the span to make current while it runs. */
interface Opened {
  readonly sdkSpan: SdkSpan;
  readonly current: AnyAISpan | undefined;
}

const STEP_SUFFIX = /\.(doGenerate|doStream|doEmbed)$/;

// The calls being recorded, by their aitracing span. A step or tool span finds
// its call through the current span and its ancestors: the call's span is
// current while the call runs (the step before it, or a tool, may be nearer).
const calls = new WeakMap<AnyAISpan, CallRecord>();

function currentCall(): CallRecord | undefined {
  for (let span = getCurrentSpan(); span !== undefined; span = span.parent) {
    const call = calls.get(span);
    if (call !== undefined) return call;
  }
  return undefined;
}

const NOOP_END = (): void => {};

/**
 * The OpenTelemetry-shaped tracer given to the AI SDK v5/v6 through
 * `experimental_telemetry.tracer`. It turns the SDK's own spans into
 * aitracing spans: `ai.generateText`/`ai.streamText` → AGENT_RUN,
 * `*.doGenerate`/`*.doStream` → LLM_GENERATION, `ai.toolCall` → TOOL_CALL,
 * object and embedding calls → one LLM_GENERATION. Each span's callback runs
 * with its aitracing span current (`withSpan`). Never throws into the SDK.
 */
export class SdkTracer implements OpenTelemetryTracerLike {
  constructor(private readonly settings: RecordingSettings) {}

  startSpan(name: string, options?: OpenTelemetrySpanOptionsLike): OpenTelemetrySpanLike {
    return (
      this.#open(name, options?.attributes)?.sdkSpan ?? new SdkSpan(name, undefined, undefined, NOOP_END)
    );
  }

  startActiveSpan<F extends (span: OpenTelemetrySpanLike) => unknown>(
    name: string,
    ...rest: unknown[]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as OpenTelemetrySpanOptionsLike | undefined) : undefined;
    const opened = this.#open(name, options?.attributes);
    if (opened === undefined) return fn(new SdkSpan(name, undefined, undefined, NOOP_END)) as ReturnType<F>;
    const { sdkSpan, current } = opened;
    let result: unknown;
    try {
      result = current === undefined ? fn(sdkSpan) : withSpan(current, () => fn(sdkSpan));
    } catch (error) {
      sdkSpan.settle(true, error);
      throw error;
    }
    if (
      result !== null &&
      typeof result === 'object' &&
      typeof (result as PromiseLike<unknown>).then === 'function'
    ) {
      sdkSpan.markPending();
      // A side branch: the SDK gets its own promise back, and this branch handles its rejection.
      (result as PromiseLike<unknown>).then(
        () => sdkSpan.settle(false, undefined),
        (error: unknown) => sdkSpan.settle(true, error),
      );
    } else {
      sdkSpan.settle(false, undefined);
    }
    return result as ReturnType<F>;
  }

  #open(name: string, attributes: Record<string, unknown> | undefined): Opened | undefined {
    try {
      const attrs: SdkAttributes = attributes ?? {};
      const kind = operationKind(name);
      if (kind !== undefined) return this.#openCall(name, kind, attrs);
      const step = STEP_SUFFIX.exec(name);
      if (step !== null) return this.#openStep(name, name.slice(0, step.index), attrs);
      if (name === 'ai.toolCall') return this.#openTool(name, attrs);
    } catch {
      // Unexpected attribute shapes: the SDK runs untraced.
    }
    return undefined;
  }

  #openCall(operationId: string, kind: OperationKind, attrs: SdkAttributes): Opened | undefined {
    // An outer instrumented layer already records this generation.
    if (insideInstrumentedGeneration()) return undefined;
    const capture = this.settings.captureContent;
    const metadata = telemetryMetadata(attrs);
    const parameters = parametersFromAttributes(attrs);
    let span: AnyAISpan;
    if (kind === 'agent') {
      span = startSpanInContext({
        type: AISpanType.AGENT_RUN,
        name: operationId,
        attributes: { agentId: stringAttribute(attrs, 'ai.telemetry.functionId') ?? operationId },
        input: capture ? promptInput(attrs) : undefined,
        metadata,
        tracing: this.settings.tracing,
      }) as AnyAISpan;
    } else {
      const generation = startSpanInContext({
        type: AISpanType.LLM_GENERATION,
        name: generationName(kind, attrs['ai.model.id']),
        attributes: {
          ...modelAttributes(attrs),
          operation: kind === 'embedding' ? 'embeddings' : 'chat',
          streaming: isStreamingOperation(operationId),
          parameters,
        },
        input: capture ? (kind === 'embedding' ? embeddingInput(attrs) : promptInput(attrs)) : undefined,
        metadata,
        tracing: this.settings.tracing,
      });
      markInstrumentedGeneration(generation);
      span = generation as AnyAISpan;
    }
    // Sampled out or tracing off: the SDK runs untouched, and its steps find no call to record into.
    if (!span.isValid) return undefined;
    const call: CallRecord = {
      operationId,
      kind,
      span,
      parameters,
      folded: {},
      firstChunkTime: undefined,
      toolsRecorded: false,
      open: new Set(),
    };
    calls.set(span, call);
    const sdkSpan = new SdkSpan(operationId, attrs, span, (ended, error) =>
      this.#endCall(call, ended, error),
    );
    return { sdkSpan, current: span };
  }

  #openStep(name: string, operationId: string, attrs: SdkAttributes): Opened | undefined {
    const call = currentCall();
    if (call === undefined || call.operationId !== operationId) return undefined;
    if (call.kind !== 'agent') {
      // Object and embedding calls make one model call: fold it into the call's generation.
      if (
        this.settings.captureContent &&
        call.kind === 'object' &&
        attrs['ai.prompt.messages'] !== undefined
      ) {
        call.span.update({ input: stepMessagesInput(attrs) });
      }
      const sdkSpan = new SdkSpan(name, attrs, call.span, (ended) => {
        Object.assign(call.folded, ended.attributes);
        call.firstChunkTime ??= ended.firstChunkTime;
      });
      return { sdkSpan, current: undefined };
    }
    if (!call.toolsRecorded) {
      call.toolsRecorded = true;
      const availableTools = toolNames(attrs);
      if (availableTools !== undefined) call.span.update({ attributes: { availableTools } });
    }
    const generation = call.span.createChildSpan({
      type: AISpanType.LLM_GENERATION,
      name: generationName('agent', attrs['ai.model.id']),
      attributes: {
        ...modelAttributes(attrs),
        operation: 'chat',
        streaming: name.endsWith('.doStream'),
        parameters: call.parameters,
      },
      input: this.settings.captureContent ? stepMessagesInput(attrs) : undefined,
    });
    markInstrumentedGeneration(generation);
    const sdkSpan = new SdkSpan(name, attrs, generation as AnyAISpan, (ended, error) => {
      call.open.delete(ended);
      this.#endGeneration(generation, error, ended.attributes, ended.firstChunkTime, ended.interrupted);
    });
    call.open.add(sdkSpan);
    return { sdkSpan, current: generation as AnyAISpan };
  }

  #openTool(name: string, attrs: SdkAttributes): Opened | undefined {
    const call = currentCall();
    if (call === undefined) return undefined;
    const toolName = stringAttribute(attrs, 'ai.toolCall.name') ?? 'tool';
    const options = {
      type: AISpanType.TOOL_CALL,
      name: `execute_tool ${toolName}`,
      attributes: { toolId: toolName, toolType: 'function' },
      metadata: { toolCallId: stringAttribute(attrs, 'ai.toolCall.id') },
      input: this.settings.captureContent ? parseJsonAttribute(attrs['ai.toolCall.args']) : undefined,
    } as const;
    const tool = call.span.createChildSpan(options);
    const sdkSpan = new SdkSpan(name, attrs, tool as AnyAISpan, (ended, error) =>
      neverThrow(() => {
        call.open.delete(ended);
        if (ended.interrupted) {
          tool.end({ metadata: { streamStatus: 'aborted' } });
          return;
        }
        if (error !== undefined) {
          tool.error({ error, attributes: { success: false } });
          return;
        }
        const result = ended.attributes['ai.toolCall.result'];
        tool.end({
          attributes: { success: true },
          output: this.settings.captureContent ? parseJsonAttribute(result) : undefined,
        });
      }),
    );
    call.open.add(sdkSpan);
    return { sdkSpan, current: tool as AnyAISpan };
  }

  #endCall(call: CallRecord, ended: SdkSpan, error: Error | undefined): void {
    // An aborted stream ends the call but leaves its model call open: end it with what it received.
    for (const child of [...call.open]) child.interrupt();
    neverThrow(() => {
      if (call.kind !== 'agent') {
        const attributes = Object.assign({}, call.folded, ended.attributes) as SdkAttributes;
        const firstChunk = ended.firstChunkTime ?? call.firstChunkTime;
        this.#endGeneration(
          call.span as AISpan<AISpanType.LLM_GENERATION>,
          error,
          attributes,
          firstChunk,
          false,
        );
        return;
      }
      const output = this.settings.captureContent ? generationOutput(ended.attributes) : undefined;
      if (error !== undefined) {
        if (output !== undefined) call.span.update({ output });
        call.span.error({ error });
      } else {
        call.span.end({ output });
      }
    });
  }

  #endGeneration(
    generation: AISpan<AISpanType.LLM_GENERATION>,
    error: Error | undefined,
    attrs: SdkAttributes,
    firstChunkTime: number | undefined,
    interrupted: boolean,
  ): void {
    neverThrow(() => {
      const embedding = generation.attributes?.operation === 'embeddings';
      const attributes = generationResultAttributes(attrs, embedding);
      if (firstChunkTime !== undefined) attributes.completionStartTime = firstChunkTime;
      const metadata = embedding
        ? embeddingMetadata(attrs)
        : interrupted
          ? { streamStatus: 'aborted' }
          : undefined;
      const output = this.settings.captureContent && !embedding ? generationOutput(attrs) : undefined;
      if (error !== undefined) {
        if (output !== undefined) generation.update({ output });
        generation.error({ error, attributes, metadata });
      } else {
        generation.end({ attributes, metadata, output });
      }
    });
  }
}
