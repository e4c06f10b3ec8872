import { type AISpan, AISpanType, startSpanInContext, withSpan } from '@aitracing/core';
import {
  insideInstrumentedGeneration,
  markInstrumentedGeneration,
  spanNow,
} from '@aitracing/core/instrumentation';
import type { OpenAIInstrumentationOptions } from '../openai-instrumentation-options';
import { observeApiPromise } from './api-promise-observer';
import type {
  GenerationDetails,
  GenerationOperation,
  GenerationRecord,
  GenerationStart,
  StreamAccumulator,
} from './generation-operation';
import { observeStream, type StreamStatus } from './stream-observer';

type Generation = AISpan<AISpanType.LLM_GENERATION>;
type SdkMethod = (this: unknown, body: unknown, options?: unknown) => unknown;

/** Settings resolved once per instrumented client. */
export interface ResolvedSettings {
  readonly tracing: OpenAIInstrumentationOptions['tracing'];
  readonly captureContent: boolean;
  readonly captureChunks: boolean;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function endWith(span: Generation, record: GenerationRecord, extraMetadata?: Record<string, unknown>): void {
  const metadata =
    extraMetadata === undefined ? record.metadata : Object.assign({}, record.metadata, extraMetadata);
  span.end({ attributes: record.attributes, output: record.output, metadata });
}

// Assigned to the span's public fields rather than through `update()`, which
// would emit a `span_updated` snapshot (input included) on every call for
// exporters that take all events. Exporters listening to `span_started` (none
// of ours) see the name, model, provider, operation and streaming flag; the
// parameters and input arrive with `span_ended`, as everything else does.
// Never throws: the span keeps what it started with.
function recordRequest(
  span: Generation,
  operation: GenerationOperation,
  body: Record<string, unknown>,
  start: GenerationStart,
  captureContent: boolean,
): void {
  let details: GenerationDetails;
  try {
    details = operation.details(body, captureContent);
  } catch {
    return;
  }
  const attributes = start.attributes;
  if (details.parameters !== undefined) attributes.parameters = details.parameters;
  span.attributes = attributes;
  if (details.input !== undefined) span.input = details.input;
}

/**
 * Wrap one SDK method (`create`) so each call records an LLM generation: a
 * child of the current span, else a root of `settings.tracing`. The app gets
 * the SDK's own return value (its `APIPromise`, whose `Stream` we observe at
 * the source), its own errors, unchanged. Sampled out, tracing off, or under
 * an outer instrumented generation: the SDK is called untouched.
 */
export function tracedCreate(
  original: SdkMethod,
  operation: GenerationOperation,
  settings: ResolvedSettings,
): SdkMethod {
  return function instrumentedCreate(this: unknown, body: unknown, options?: unknown): unknown {
    if (typeof body !== 'object' || body === null || insideInstrumentedGeneration()) {
      return original.call(this, body, options);
    }
    let span: Generation;
    let start: GenerationStart;
    try {
      // Only what a sampler needs: a sampled-out call must not pay for mapping the whole request.
      start = operation.start(body as Record<string, unknown>);
      span = startSpanInContext({
        type: AISpanType.LLM_GENERATION,
        name: start.name,
        attributes: start.attributes,
        metadata: start.metadata,
        tracing: settings.tracing,
      });
    } catch {
      return original.call(this, body, options);
    }
    if (!span.isValid) return original.call(this, body, options);
    recordRequest(span, operation, body as Record<string, unknown>, start, settings.captureContent);
    markInstrumentedGeneration(span);
    let result: unknown;
    try {
      result = withSpan(span, () => original.call(this, body, options));
    } catch (error) {
      span.error({ error: asError(error) });
      throw error;
    }
    try {
      observeResult(
        span,
        result,
        operation,
        start.attributes.model,
        start.attributes.streaming === true,
        settings,
      );
    } catch {
      span.end();
    }
    return result;
  };
}

function observeResult(
  span: Generation,
  result: unknown,
  operation: GenerationOperation,
  model: string | undefined,
  streaming: boolean,
  settings: ResolvedSettings,
): void {
  const observed = observeApiPromise(result, {
    parsed(value) {
      try {
        if (streaming && observeStream(value, streamSink(span, operation, model, settings))) return;
        endWith(span, operation.result(value, model, settings.captureContent));
      } catch {
        span.end();
      }
    },
    failed(error) {
      span.error({ error: asError(error) });
    },
    unparsed() {
      span.end({ metadata: { responseBody: 'read by the app' } });
    },
  });
  if (observed) return;
  // Not an APIPromise we know (a future SDK): observe a plain promise, else end now.
  if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
    (result as PromiseLike<unknown>).then(
      (value) => {
        try {
          endWith(span, operation.result(value, model, settings.captureContent));
        } catch {
          span.end();
        }
      },
      (error: unknown) => span.error({ error: asError(error) }),
    );
  } else {
    span.end();
  }
}

function streamSink(
  span: Generation,
  operation: GenerationOperation,
  model: string | undefined,
  settings: ResolvedSettings,
): Parameters<typeof observeStream>[1] {
  const accumulator: StreamAccumulator = operation.accumulator(model, settings.captureContent);
  let chunkCount = 0;
  let completionStartTime: number | undefined;
  return {
    chunk(value) {
      chunkCount++;
      const kind = accumulator.add(value);
      if (kind !== undefined && completionStartTime === undefined) completionStartTime = spanNow(span);
      if (settings.captureChunks) {
        span.createEventSpan({
          type: AISpanType.LLM_CHUNK,
          name: 'chunk',
          attributes: { chunkType: kind ?? 'event', sequenceNumber: chunkCount - 1 },
          output: settings.captureContent ? accumulator.lastText : undefined,
        });
      }
    },
    end(status: StreamStatus, error?: unknown) {
      const record = accumulator.finish();
      if (completionStartTime !== undefined) record.attributes.completionStartTime = completionStartTime;
      const metadata = { chunkCount, streamStatus: status };
      if (status === 'errored') {
        // What was received before the error stays on the span.
        if (record.output !== undefined) span.output = record.output;
        span.error({
          error: asError(error),
          attributes: record.attributes,
          metadata: Object.assign({}, record.metadata, metadata),
        });
      } else {
        endWith(span, record, metadata);
      }
    },
  };
}
