import {
  type AISpan,
  AISpanType,
  type AnyAISpan,
  type LLMGenerationAttributes,
  startSpanInContext,
  withSpan,
} from '@aitracing/core';
import {
  insideInstrumentedGeneration,
  markInstrumentedGeneration,
  spanNow,
} from '@aitracing/core/instrumentation';
import { definedFields, eventField, eventMajor, eventString } from './event-fields';
import {
  contentOutput,
  embeddingResultMetadata,
  eventModel,
  eventModelMessages,
  eventParameters,
  eventPrompt,
} from './event-mapping';
import { neverThrow } from './never-throw';
import { generationName, isStreamingOperation, type OperationKind, operationKind } from './operation-kind';
import type { RecordingSettings } from './recording-settings';
import { embeddingUsageFromSdkUsage, usageFromSdkUsage } from './usage-mapping';

type Generation = AISpan<AISpanType.LLM_GENERATION>;

/** One AI SDK v7 operation (`callId`) being recorded. */
interface CallRecord {
  readonly kind: OperationKind;
  readonly operationId: string;
  /** AGENT_RUN for `agent`, else the call's LLM_GENERATION */
  readonly span: AnyAISpan;
  readonly parameters: LLMGenerationAttributes['parameters'];
  /** The model call in flight (agent calls) */
  generation: Generation | undefined;
  responseModel: string | undefined;
  /** When the object step started, on the span's clock (object calls) */
  objectStepStart: number | undefined;
  objectStep: unknown;
  readonly tools: Map<string, AnyAISpan>;
}

// Bounds memory when an operation never reports its end (a stream nobody reads).
const MAX_OPEN_CALLS = 1000;

// Operations some integration records, process-wide (duplicate installs agree):
// registering two integrations (or one twice) records each operation once.
const CLAIMS_KEY = Symbol.for('aitracing.aiSdkRecordedCalls');
const globalClaims = globalThis as { [CLAIMS_KEY]?: Set<string> };
globalClaims[CLAIMS_KEY] ??= new Set();
const claimedCalls: Set<string> = globalClaims[CLAIMS_KEY];

/**
 * The AI SDK v7 telemetry integration (`registerTelemetry(...)` or
 * `telemetry: { integrations }`): lifecycle events become aitracing spans,
 * and `executeLanguageModelCall` / `executeTool` run the model call and the
 * tool with their span current. Events of older majors (v6 also calls
 * `onStart` on integrations) are ignored: there, the tracer records.
 * Every hook never throws.
 */
export class TelemetryIntegration {
  readonly #calls = new Map<string, CallRecord>();

  constructor(private readonly settings: RecordingSettings) {}

  onStart(event: unknown): void {
    neverThrow(() => {
      const major = eventMajor(event);
      const callId = eventString(event, 'callId');
      const operationId = eventString(event, 'operationId');
      const kind = operationKind(operationId);
      if (major === undefined || major < 7 || callId === undefined || kind === undefined) return;
      if (insideInstrumentedGeneration() || claimedCalls.has(callId)) return;
      claimedCalls.add(callId);
      this.#track(callId, this.#startCall(event, operationId as string, kind));
    });
  }

  onLanguageModelCallStart(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call === undefined || call.kind !== 'agent') return;
      const generation = call.span.createChildSpan({
        type: AISpanType.LLM_GENERATION,
        name: generationName('agent', eventField(event, 'modelId')),
        attributes: {
          ...eventModel(event),
          operation: 'chat',
          streaming: isStreamingOperation(call.operationId),
          parameters: { ...call.parameters, ...eventParameters(event) },
        },
        input: this.settings.captureContent ? eventModelMessages(event) : undefined,
      });
      markInstrumentedGeneration(generation);
      call.generation = generation;
      call.responseModel = undefined;
    });
  }

  executeLanguageModelCall<T>(options: { callId: string; execute: () => PromiseLike<T> }): PromiseLike<T> {
    const call = this.#calls.get(options.callId);
    const generation = call?.generation;
    if (call === undefined || generation === undefined) return options.execute();
    const result = withSpan(generation, options.execute);
    // The served model is in a non-streaming result; observe it on a side branch.
    result.then(
      (value) => {
        const modelId = eventField(eventField(value, 'response'), 'modelId');
        if (typeof modelId === 'string') call.responseModel = modelId;
      },
      () => {},
    );
    return result;
  }

  onLanguageModelCallEnd(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      const generation = call?.generation;
      if (call === undefined || generation === undefined) return;
      call.generation = undefined;
      const attributes: Partial<LLMGenerationAttributes> = {};
      const usage = usageFromSdkUsage(eventField(event, 'usage'));
      if (usage !== undefined) attributes.usage = usage;
      const finishReason = eventString(event, 'finishReason');
      if (finishReason !== undefined) attributes.finishReason = finishReason;
      if (call.responseModel !== undefined && call.responseModel !== generation.attributes?.model) {
        attributes.responseModel = call.responseModel;
      }
      const firstOutputMs = eventField(eventField(event, 'performance'), 'timeToFirstOutputMs');
      if (generation.attributes?.streaming === true && typeof firstOutputMs === 'number') {
        attributes.completionStartTime = generation.startTime + firstOutputMs;
      }
      generation.end({
        attributes,
        output: this.settings.captureContent ? contentOutput(eventField(event, 'content')) : undefined,
      });
    });
  }

  onStepError(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      const generation = call?.generation;
      if (call === undefined || generation === undefined) return;
      call.generation = undefined;
      generation.error({ error: asError(eventField(event, 'error')) });
    });
  }

  onToolExecutionStart(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      const toolCall = eventField(event, 'toolCall');
      const toolCallId = eventString(toolCall, 'toolCallId');
      if (call === undefined || toolCallId === undefined) return;
      const toolName = eventString(toolCall, 'toolName') ?? 'tool';
      const tool = call.span.createChildSpan({
        type: AISpanType.TOOL_CALL,
        name: `execute_tool ${toolName}`,
        attributes: { toolId: toolName, toolType: 'function' },
        metadata: { toolCallId },
        input: this.settings.captureContent ? eventField(toolCall, 'input') : undefined,
      });
      call.tools.set(toolCallId, tool as AnyAISpan);
    });
  }

  executeTool<T>(options: {
    callId: string;
    toolCallId: string;
    execute: () => PromiseLike<T>;
  }): PromiseLike<T> {
    const tool = this.#calls.get(options.callId)?.tools.get(options.toolCallId);
    return tool === undefined ? options.execute() : withSpan(tool, options.execute);
  }

  onToolExecutionEnd(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      const toolCallId = eventString(eventField(event, 'toolCall'), 'toolCallId');
      const tool = toolCallId === undefined ? undefined : call?.tools.get(toolCallId);
      if (call === undefined || tool === undefined) return;
      call.tools.delete(toolCallId as string);
      const toolOutput = eventField(event, 'toolOutput');
      if (eventField(toolOutput, 'type') === 'tool-error') {
        tool.error({ error: asError(eventField(toolOutput, 'error')), attributes: { success: false } });
        return;
      }
      tool.end({
        attributes: { success: true },
        output: this.settings.captureContent ? eventField(toolOutput, 'output') : undefined,
      });
    });
  }

  onObjectStepStart(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call === undefined || call.kind !== 'object') return;
      call.objectStepStart = spanNow(call.span);
      const messages = eventField(event, 'promptMessages');
      if (this.settings.captureContent && messages !== undefined) call.span.update({ input: messages });
    });
  }

  onObjectStepEnd(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call !== undefined && call.kind === 'object') call.objectStep = event;
    });
  }

  onEnd(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call === undefined) return;
      this.#release(eventString(event, 'callId') as string);
      if (call.kind === 'agent') {
        this.#closeChildren(call, undefined);
        call.span.end({
          output: this.settings.captureContent ? contentOutput(eventField(event, 'content')) : undefined,
        });
      } else if (call.kind === 'object') {
        this.#endObject(call, event);
      } else {
        call.span.end({
          attributes: { usage: embeddingUsageFromSdkUsage(eventField(event, 'usage')) },
          metadata: embeddingResultMetadata(eventField(event, 'embedding')),
        });
      }
    });
  }

  onError(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call === undefined) return;
      this.#release(eventString(event, 'callId') as string);
      const error = asError(eventField(event, 'error'));
      this.#closeChildren(call, error);
      call.span.error({ error });
    });
  }

  onAbort(event: unknown): void {
    neverThrow(() => {
      const call = this.#call(event);
      if (call === undefined) return;
      this.#release(eventString(event, 'callId') as string);
      this.#closeChildren(call, undefined);
      call.span.end({ metadata: { streamStatus: 'aborted' } });
    });
  }

  #startCall(event: unknown, operationId: string, kind: OperationKind): CallRecord {
    const capture = this.settings.captureContent;
    const functionId = eventString(event, 'functionId');
    const metadata = definedFields({ functionId });
    const parameters = eventParameters(event);
    let span: AnyAISpan;
    if (kind === 'agent') {
      const tools = eventField(event, 'tools');
      span = startSpanInContext({
        type: AISpanType.AGENT_RUN,
        name: operationId,
        attributes: {
          agentId: functionId ?? operationId,
          availableTools: tools !== null && typeof tools === 'object' ? Object.keys(tools) : undefined,
        },
        input: capture ? eventPrompt(event) : undefined,
        metadata,
        tracing: this.settings.tracing,
      }) as AnyAISpan;
    } else {
      const generation = startSpanInContext({
        type: AISpanType.LLM_GENERATION,
        name: generationName(kind, eventField(event, 'modelId')),
        attributes: {
          ...eventModel(event),
          operation: kind === 'embedding' ? 'embeddings' : 'chat',
          streaming: isStreamingOperation(operationId),
          parameters,
        },
        input: capture ? (kind === 'embedding' ? eventField(event, 'value') : eventPrompt(event)) : undefined,
        metadata,
        tracing: this.settings.tracing,
      });
      markInstrumentedGeneration(generation);
      span = generation as AnyAISpan;
    }
    return {
      kind,
      operationId,
      span,
      parameters,
      generation: undefined,
      responseModel: undefined,
      objectStepStart: undefined,
      objectStep: undefined,
      tools: new Map(),
    };
  }

  #endObject(call: CallRecord, event: unknown): void {
    const generation = call.span as Generation;
    const step = call.objectStep;
    const attributes: Partial<LLMGenerationAttributes> = {};
    const usage = usageFromSdkUsage(eventField(event, 'usage') ?? eventField(step, 'usage'));
    if (usage !== undefined) attributes.usage = usage;
    const finishReason = eventString(event, 'finishReason') ?? eventString(step, 'finishReason');
    if (finishReason !== undefined) attributes.finishReason = finishReason;
    const responseModel =
      eventString(eventField(event, 'response'), 'modelId') ??
      eventString(eventField(step, 'response'), 'modelId');
    if (responseModel !== undefined && responseModel !== generation.attributes?.model) {
      attributes.responseModel = responseModel;
    }
    const msToFirstChunk = eventField(step, 'msToFirstChunk');
    if (call.objectStepStart !== undefined && typeof msToFirstChunk === 'number') {
      attributes.completionStartTime = call.objectStepStart + msToFirstChunk;
    }
    const objectText = eventString(step, 'objectText');
    const output = this.settings.captureContent
      ? { role: 'assistant', content: objectText ?? JSON.stringify(eventField(event, 'object')) ?? '' }
      : undefined;
    const error = eventField(event, 'error');
    if (error !== undefined) {
      generation.update({ output });
      generation.error({ error: asError(error), attributes });
    } else {
      generation.end({ attributes, output });
    }
  }

  #closeChildren(call: CallRecord, error: Error | undefined): void {
    const open: AnyAISpan[] = [...call.tools.values()];
    if (call.generation !== undefined) open.push(call.generation as AnyAISpan);
    call.tools.clear();
    call.generation = undefined;
    for (const span of open) {
      if (error !== undefined) span.error({ error });
      else span.end({ metadata: { streamStatus: 'aborted' } });
    }
  }

  #release(callId: string): void {
    this.#calls.delete(callId);
    claimedCalls.delete(callId);
  }

  #call(event: unknown): CallRecord | undefined {
    const callId = eventString(event, 'callId');
    return callId === undefined ? undefined : this.#calls.get(callId);
  }

  #track(callId: string, call: CallRecord): void {
    this.#calls.set(callId, call);
    if (this.#calls.size <= MAX_OPEN_CALLS) return;
    const oldest = this.#calls.keys().next().value as string;
    const abandoned = this.#calls.get(oldest);
    this.#release(oldest);
    if (abandoned !== undefined) {
      this.#closeChildren(abandoned, undefined);
      abandoned.span.end({ metadata: { streamStatus: 'abandoned' } });
    }
  }
}

function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  const error = new Error(typeof value === 'string' ? value : 'AI SDK operation failed');
  return error;
}
