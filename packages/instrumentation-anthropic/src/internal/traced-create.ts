import {
  type AISpan,
  AISpanType,
  type LLMGenerationAttributes,
  startSpanInContext,
  withSpan,
} from '@aitracing/core';
import { insideInstrumentedGeneration, markInstrumentedGeneration } from '@aitracing/core/instrumentation';
import type { AnthropicAPIPromise, AnthropicMessageParams } from './anthropic-shapes';
import { GenerationRecorder } from './generation-recorder';
import type { ResolvedSettings } from './instrumentation-settings';
import { observeAPIPromise } from './observe-api-promise';
import { type GenerationDetails, toGenerationDetails, toGenerationStart } from './request-mapping';

type CreateMethod = (this: unknown, ...args: unknown[]) => unknown;

function isThenable(value: unknown): value is AnthropicAPIPromise {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// Assigned to the span's public fields rather than through `update()`, which
// would emit a `span_updated` snapshot (input included) on every call for
// exporters that take all events. Exporters listening to `span_started` (none
// of ours) see the name, provider, operation, model and streaming flag; the
// parameters, input and tool names arrive with `span_ended`, as everything else does.
// Never throws: the span keeps what it started with.
function recordRequest(
  span: AISpan<AISpanType.LLM_GENERATION>,
  params: AnthropicMessageParams,
  attributes: LLMGenerationAttributes,
  captureContent: boolean,
): void {
  let details: GenerationDetails;
  try {
    details = toGenerationDetails(params, captureContent);
  } catch {
    return;
  }
  if (details.parameters !== undefined) attributes.parameters = details.parameters;
  span.attributes = attributes;
  if (details.input !== undefined) span.input = details.input;
  if (details.metadata !== undefined) span.metadata = details.metadata;
}

/**
 * Wrap `messages.create` so each call records one LLM generation. The SDK's
 * own return value (its `APIPromise`) goes back to the app; `messages.stream()`
 * and `messages.parse()` call `create` on the same resource, so they record
 * exactly one generation too.
 */
export function tracedCreate(original: CreateMethod, settings: ResolvedSettings): CreateMethod {
  return function create(this: unknown, ...args: unknown[]): unknown {
    // An outer instrumented layer (e.g. an AI SDK integration) already records this generation.
    if (insideInstrumentedGeneration()) return Reflect.apply(original, this, args);
    let recorder: GenerationRecorder | undefined;
    let streamRequested = false;
    try {
      const params = (args[0] ?? {}) as AnthropicMessageParams;
      // Only what a sampler needs: a sampled-out call must not pay for mapping the whole request.
      const start = toGenerationStart(params);
      const span = startSpanInContext({
        type: AISpanType.LLM_GENERATION,
        name: start.name,
        attributes: start.attributes,
        tracing: settings.tracing,
      });
      if (span.isValid) {
        recordRequest(span, params, start.attributes, settings.captureContent);
        markInstrumentedGeneration(span);
        streamRequested = params.stream === true;
        recorder = new GenerationRecorder(
          span,
          start.attributes.model,
          settings.captureContent,
          settings.captureChunks,
        );
      }
    } catch {
      recorder = undefined;
    }
    if (recorder === undefined) return Reflect.apply(original, this, args);
    let result: unknown;
    try {
      result = withSpan(recorder.span, () => Reflect.apply(original, this, args));
    } catch (error) {
      // Older SDKs throw synchronously for some invalid arguments.
      recorder.fail(error);
      throw error;
    }
    try {
      if (isThenable(result)) observeAPIPromise(result, recorder, streamRequested);
      else recorder.endWithMessage(result);
    } catch {
      recorder.endWithoutBody();
    }
    return result;
  };
}
