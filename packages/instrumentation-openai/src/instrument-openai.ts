import { resolveCaptureContent } from '@aitracing/core/instrumentation';
import { chatCompletions } from './internal/chat-completions';
import { embeddings } from './internal/embeddings';
import type { GenerationOperation } from './internal/generation-operation';
import { responsesApi } from './internal/responses-api';
import { type ResolvedSettings, tracedCreate } from './internal/traced-create';
import type { OpenAIInstrumentationOptions } from './openai-instrumentation-options';

// Shared across duplicate installs of this package: a client is instrumented once.
const INSTRUMENTED = Symbol.for('aitracing.instrumentation.openai');

type Resource = { create?: unknown } & Record<PropertyKey, unknown>;

function resourceAt(client: object, path: readonly string[]): Resource | undefined {
  let current: unknown = client;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'object' && current !== null ? (current as Resource) : undefined;
}

// Helpers (`chat.completions.stream` / `parse`, `beta.chat.completions.*`,
// `responses.stream` / `parse`, the runners) call `client.<resource>.create`,
// so wrapping `create` on these instances traces them too: one generation each.
const TRACED: readonly (readonly [readonly string[], GenerationOperation])[] = [
  [['chat', 'completions'], chatCompletions],
  [['responses'], responsesApi],
  [['embeddings'], embeddings],
];

/**
 * Trace an `openai` client (SDK 4.87 and later, 5, 6, 7): `chat.completions.create`
 * (plain and streamed, and the `stream`/`parse`/`runTools` helpers built on it),
 * `responses.create` (plain and streamed, and `stream`/`parse`) and
 * `embeddings.create` record `LLM_GENERATION` spans with model, parameters,
 * messages, output, tool calls, usage (cached and reasoning tokens included),
 * finish reason and time to first token. Returns the same client, instrumented
 * in place; instrumenting it again changes nothing.
 *
 * The app sees exactly what it would without tracing: the SDK's own promises
 * (`.withResponse()`, `.asResponse()`), streams (same chunks, `controller`,
 * `tee()`, `toReadableStream()`) and errors. Never throws; sampled out or with
 * tracing off, calls go straight to the SDK.
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { instrumentOpenAI } from '@aitracing/instrumentation-openai';
 *
 * const openai = instrumentOpenAI(new OpenAI());
 * ```
 */
export function instrumentOpenAI<TClient extends object>(
  client: TClient,
  options?: OpenAIInstrumentationOptions,
): TClient {
  try {
    if (typeof client !== 'object' || client === null) return client;
    const marks = client as Record<symbol, unknown>;
    if (marks[INSTRUMENTED] === true) return client;
    const settings: ResolvedSettings = {
      tracing: options?.tracing,
      captureContent: resolveCaptureContent(options?.captureContent),
      captureChunks: options?.captureChunks === true,
    };
    for (const [path, operation] of TRACED) {
      const resource = resourceAt(client, path);
      const create = resource?.create;
      if (resource === undefined || typeof create !== 'function') continue;
      const wrapped = tracedCreate(create as Parameters<typeof tracedCreate>[0], operation, settings);
      Object.defineProperty(wrapped, 'name', { value: create.name, configurable: true });
      Object.defineProperty(resource, 'create', {
        value: wrapped,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    Object.defineProperty(client, INSTRUMENTED, { value: true, configurable: true, enumerable: false });
  } catch {
    // A client of an unknown shape stays as it was.
  }
  return client;
}
